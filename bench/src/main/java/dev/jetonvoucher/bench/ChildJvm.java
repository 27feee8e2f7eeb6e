package dev.jetonvoucher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetonvoucher.bench.probe.ProbeResult;
import dev.jetonvoucher.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a probe in a fresh JVM and reads its one {@code BENCH-RESULT} line. The wall time is measured from
 * just before the process is started to the moment that line is read: JVM start, class loading, init and the
 * probe's work, but not the JVM's exit (a Lambda container is frozen, not shut down, after a response).
 */
final class ChildJvm {

    private static final ObjectMapper JSON = Json.mapper();
    private static final long TIMEOUT_SECONDS = 300;
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    private ChildJvm() {}

    record Outcome(double wallMillis, JsonNode result, List<String> output) {}

    /**
     * @param jvmOptions options before the main class (the class path is added from {@code classPath})
     * @param environment the whole environment of the child (nothing is inherited but PATH and HOME)
     */
    static Outcome run(
            List<Path> classPath,
            List<String> jvmOptions,
            String mainClass,
            List<String> arguments,
            Map<String, String> environment) {
        return run(List.of(), classPath, jvmOptions, mainClass, arguments, environment);
    }

    /**
     * @param launcher what starts {@code java} (its arguments follow), e.g. {@link LambdaCpuShare#launcher}; empty:
     *     {@code java} itself
     */
    static Outcome run(
            List<String> launcher,
            List<Path> classPath,
            List<String> jvmOptions,
            String mainClass,
            List<String> arguments,
            Map<String, String> environment) {
        List<String> command = new ArrayList<>(launcher);
        command.add(JAVA.toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
        command.add(mainClass);
        command.addAll(arguments);
        return runProcess(command, mainClass, environment);
    }

    /**
     * Runs any probe process (a JVM, or Node.js for the official JS SDK) that prints one {@code BENCH-RESULT} line,
     * with {@code environment} as its whole environment but PATH and HOME.
     */
    static Outcome runProcess(List<String> command, String name, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> childEnvironment = builder.environment();
        String path = childEnvironment.get("PATH");
        String home = childEnvironment.get("HOME");
        childEnvironment.clear();
        if (path != null) {
            childEnvironment.put("PATH", path);
        }
        if (home != null) {
            childEnvironment.put("HOME", home);
        }
        childEnvironment.putAll(environment);

        List<String> output = new ArrayList<>();
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(ProbeResult.PREFIX)) {
                    double wall = (System.nanoTime() - started) / 1e6;
                    JsonNode result = JSON.readTree(line.substring(ProbeResult.PREFIX.length()));
                    drain(lines, output);
                    awaitExit(process, command);
                    return new Outcome(wall, result, output);
                }
                output.add(line);
            }
            awaitExit(process, command);
            throw new IllegalStateException(name + " ended (exit " + process.exitValue() + ") without a result:\n"
                    + String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private static void drain(BufferedReader lines, List<String> output) throws IOException {
        String line;
        while ((line = lines.readLine()) != null) {
            output.add(line);
        }
    }

    private static void awaitExit(Process process, List<String> command) {
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
