package dev.jetonvoucher.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A {@code moto.server} child process on 127.0.0.1 and a free port. It is stopped by {@link #close()},
 * by a JVM shutdown hook, and, should the JVM die without running hooks (kill -9, a surefire fork
 * timeout), by itself: the launcher exits when its stdin, a pipe held by this JVM, reaches EOF.
 */
final class MotoServer implements AutoCloseable {

    static final String INSTALL_HINT = "pip install 'moto[server]'";

    /** The python given cannot run moto's server: it is not there, or it lacks the moto package. */
    static final class MotoMissingException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        MotoMissingException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    /** A port found free can be taken by someone else before moto binds it: try a few. */
    private static final int PORT_ATTEMPTS = 3;

    private static final String HOST = "127.0.0.1";

    /**
     * {@code python3 -m moto.server ...} plus a watchdog that ends the process when the parent JVM is gone, DynamoDB
     * requests serialised, and moto's per-request overheads removed (see the script, a resource next to this class).
     */
    private static final String LAUNCHER = launcherScript();
    /** What the launcher prints for each change it applied to moto. */
    private static final String PATCHED_LINE = "jeton-moto-launcher: patched ";

    private final Process process;
    private final URI endpoint;
    private final Path log;
    private final Set<String> patches;
    private final Thread shutdownHook;

    private MotoServer(Process process, int port, Path log) {
        this.process = process;
        this.endpoint = URI.create("http://" + HOST + ":" + port);
        this.log = log;
        // The launcher applies its changes before moto starts serving: all of them are in the log by now.
        this.patches = read(log)
                .lines()
                .filter(line -> line.startsWith(PATCHED_LINE))
                .map(line -> line.substring(PATCHED_LINE.length()).trim())
                .collect(Collectors.toUnmodifiableSet());
        this.shutdownHook = new Thread(this::stop, "stop-moto-server-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts moto with {@code python} (normally "python3") and returns once it answers HTTP requests. */
    static MotoServer start(String python) {
        return start(python, Set.of());
    }

    /**
     * Starts moto with the launcher's changes named in {@code leftOut} left out: moto answers those requests as it
     * does itself (the tests compare a change's answers with moto's own this way).
     */
    static MotoServer start(String python, Set<String> leftOut) {
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            Path log = createLogFile();
            Process process = launch(python, port, log, leftOut);
            Startup startup = awaitReady(process, port, log);
            if (startup == Startup.READY) {
                return new MotoServer(process, port, log);
            }
            deleteQuietly(log);
            if (attempt == PORT_ATTEMPTS) {
                throw new IllegalStateException(
                        "moto server could not bind a free port on " + HOST + " in " + PORT_ATTEMPTS + " attempts");
            }
        }
    }

    URI endpoint() {
        return endpoint;
    }

    ProcessHandle processHandle() {
        return process.toHandle();
    }

    /** The launcher's changes to moto that fit the installed version ("module-list", "sqs-scans", ...). */
    Set<String> patches() {
        return patches;
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmAlreadyShuttingDown) {
            // the hook is running or will run stop() itself, which is idempotent
        }
    }

    private synchronized void stop() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!waitForExit(process)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                waitForExit(process);
            }
        }
        deleteQuietly(log);
    }

    private enum Startup {
        READY,
        PORT_TAKEN
    }

    private static Process launch(String python, int port, Path log, Set<String> leftOut) {
        ProcessBuilder builder = new ProcessBuilder(python, "-c", LAUNCHER, "-H", HOST, "-p", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // stdin stays a pipe (the default): it is the watchdog's lifeline to this JVM.
        builder.environment().put("PYTHONUNBUFFERED", "1");
        // Changes named in the environment's JETON_MOTO_LEAVE_OUT are left out too: bench/ compares a change's effect
        // on one build this way (bench/analysis.md).
        String inherited = System.getenv().getOrDefault("JETON_MOTO_LEAVE_OUT", "");
        builder.environment()
                .put(
                        "JETON_MOTO_LEAVE_OUT",
                        inherited.isBlank() ? String.join(",", leftOut) : inherited + "," + String.join(",", leftOut));
        try {
            return builder.start();
        } catch (IOException e) {
            deleteQuietly(log);
            throw new MotoMissingException(
                    "cannot run " + python + " to start the local AWS endpoint (moto): " + e.getMessage()
                            + ". Install Python 3 and then: " + INSTALL_HINT
                            + " (or set AWS_ENDPOINT_URL to a running LocalStack/moto)",
                    e);
        }
    }

    private static Startup awaitReady(Process process, int port, Path log) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String output = read(log);
                if (output.contains("Address already in use")) {
                    return Startup.PORT_TAKEN;
                }
                deleteQuietly(log);
                throw diagnose(process.exitValue(), output);
            }
            if (answersHttp(port)) {
                return Startup.READY;
            }
            sleep(POLL_INTERVAL);
        }
        String output = read(log);
        process.destroyForcibly();
        waitForExit(process);
        deleteQuietly(log);
        throw new IllegalStateException("moto server did not answer on " + HOST + ":" + port + " within "
                + STARTUP_TIMEOUT.toSeconds() + " s; its output:\n" + output);
    }

    private static IllegalStateException diagnose(int exitCode, String output) {
        for (String line : output.lines().toList()) {
            if (line.contains("ModuleNotFoundError") || line.contains("No module named")) {
                return new MotoMissingException(
                        "python cannot import moto's server (" + line.trim() + "). Install it with: " + INSTALL_HINT,
                        null);
            }
        }
        List<String> lines = output.lines().toList();
        String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        return new IllegalStateException(
                "moto server exited with code " + exitCode + " during startup; its output:\n" + tail);
    }

    private static boolean answersHttp(int port) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + HOST + ":" + port + "/moto-api/")
                    .toURL()
                    .openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            try {
                connection.getResponseCode(); // any status: the server is up and routing requests
                return true;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    private static String launcherScript() {
        try (InputStream script = MotoServer.class.getResourceAsStream("moto_launcher.py")) {
            if (script == null) {
                throw new IllegalStateException("moto_launcher.py is missing next to " + MotoServer.class.getName());
            }
            return new String(script.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read moto_launcher.py", e);
        }
    }

    private static Path createLogFile() {
        try {
            return Files.createTempFile("moto-server-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a log file for the moto server", e);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(output unavailable: " + e.getMessage() + ")";
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }

    private static boolean waitForExit(Process process) {
        try {
            return process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the moto server", e);
        }
    }
}
