package dev.jetonvoucher.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * moto for a machine whose python3 lacks it, through {@value #SCRIPT}: the one place that knows the cache
 * virtualenv moto is installed into (bin/sandbox, bin/invoke and .ci/run source the same file). The script
 * uses the virtualenv when moto is already there, installs it there with pip otherwise, and prints what it
 * installs and where; this class passes those lines on and returns the python the script settled on.
 */
final class MotoInstallation {

    static final String SCRIPT = "bin/lib/local-endpoint.sh";
    /** How the script starts each line it writes for people (progress and errors). */
    private static final String SCRIPT_LINE_PREFIX = "local endpoint: ";

    private MotoInstallation() {}

    /**
     * The python to start moto with, found or installed by the script above the working directory (tests
     * run in a module directory, the sandbox in the repository root); its lines go to standard error.
     */
    static String ensure(String whyPython3WillNotDo) {
        Path workingDirectory = Path.of("").toAbsolutePath();
        Path script = findScript(workingDirectory)
                .orElseThrow(() -> new IllegalStateException(whyPython3WillNotDo + " (no " + SCRIPT + " in "
                        + workingDirectory + " or above it to install moto into a virtualenv)"));
        return ensure(script, Map.of(), System.err::println);
    }

    /**
     * Runs {@code script ensure} with {@code environment} added to this process's, passes each of its lines for
     * people to {@code progress}, and returns the python it printed last; throws with the script's one-line
     * error when it could neither find nor install moto.
     */
    static String ensure(Path script, Map<String, String> environment, Consumer<String> progress) {
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), "ensure").redirectErrorStream(true);
        builder.environment().putAll(environment);
        List<String> results = new ArrayList<>();
        String lastScriptLine = null;
        int exitCode;
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            try (BufferedReader output =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    if (line.startsWith(SCRIPT_LINE_PREFIX)) {
                        progress.accept(line);
                        lastScriptLine = line;
                    } else if (!line.isBlank()) {
                        results.add(line.trim());
                    }
                }
            }
            exitCode = process.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot run bash " + script + " to find or install moto: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + script + " was finding or installing moto", e);
        }
        if (exitCode != 0 || results.isEmpty()) {
            throw new IllegalStateException(
                    lastScriptLine != null
                            ? lastScriptLine
                            : script + " ensure exited with code " + exitCode + " without saying why: " + results);
        }
        return results.get(results.size() - 1);
    }

    /** {@value #SCRIPT} in {@code directory} or the nearest directory above it that has one. */
    static Optional<Path> findScript(Path directory) {
        for (Path candidate = directory; candidate != null; candidate = candidate.getParent()) {
            Path script = candidate.resolve(SCRIPT);
            if (Files.isRegularFile(script)) {
                return Optional.of(script);
            }
        }
        return Optional.empty();
    }
}
