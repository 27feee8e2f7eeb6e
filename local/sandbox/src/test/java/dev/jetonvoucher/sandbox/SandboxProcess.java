package dev.jetonvoucher.sandbox;

import dev.jetonvoucher.fixtures.Polling;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/sandbox} as its own process: {@link SandboxMain} on this test's class path, its stdout and stderr
 * collected in a file. (A file, not a pipe: the JDK drains a pipe when the process exits and can lose what a
 * shutdown hook printed last.) Closing kills what is still running, so a failed test leaves nothing behind.
 */
final class SandboxProcess implements AutoCloseable {

    private final Process process;
    private final Path outputFile;

    private SandboxProcess(Process process, Path outputFile) {
        this.process = process;
        this.outputFile = outputFile;
    }

    static SandboxProcess start(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-Xmx384m",
                "-Dfile.encoding=UTF-8",
                "-cp",
                classPath(),
                SandboxMain.class.getName()));
        command.addAll(List.of(args));
        try {
            Path outputFile = Files.createTempFile("sandbox-process-", ".log");
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(outputFile.toFile());
            builder.environment().remove("PORT"); // --port decides
            return new SandboxProcess(builder.start(), outputFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Surefire may run tests from a manifest-only jar; it names the real class path in this property. */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    Process process() {
        return process;
    }

    String output() {
        try {
            return Files.readString(outputFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code GET /health} answers 200, failing early with the output if the process ends. */
    void awaitHealthy(int port, Duration timeout) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the sandbox exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpResponse<Void> health = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                .timeout(Duration.ofSeconds(5))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Polling.pause(200);
        }
        throw new AssertionError("GET /health did not answer 200 within " + timeout + ":\n" + output());
    }

    /** Waits for the process to end on its own; returns its exit code. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the sandbox did not exit within " + timeout + ":\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(outputFile);
        } catch (IOException ignored) {
            // a temporary file
        }
    }
}
