package dev.jetonvoucher.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code moto.server} child process on 127.0.0.1 and a free port. It is stopped by {@link #close()},
 * by a JVM shutdown hook, and, should the JVM die without running hooks (kill -9, a surefire fork
 * timeout), by itself: the launcher exits when its stdin, a pipe held by this JVM, reaches EOF.
 */
final class MotoServer implements AutoCloseable {

    static final String INSTALL_HINT = "pip install 'moto[server]'";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    /** A port found free can be taken by someone else before moto binds it: try a few. */
    private static final int PORT_ATTEMPTS = 3;
    private static final String HOST = "127.0.0.1";

    /** {@code python3 -m moto.server ...} plus a watchdog thread that ends the process when the parent JVM is gone. */
    private static final String LAUNCHER = String.join("\n",
            "import io, os, sys, threading",
            "def exit_when_parent_jvm_is_gone():",
            "    sys.stdin.read()",
            "    os._exit(0)",
            "threading.Thread(target=exit_when_parent_jvm_is_gone, daemon=True).start()",
            // moto serves each request on its own thread without a lock, so two concurrent conditional
            // writes can both pass. DynamoDB really is atomic per request: serialise DynamoDB (only; SQS
            // long polls must not wait) behind one lock to behave like it.
            "import moto.server as server",
            "dynamodb_lock = threading.Lock()",
            "class SerialisedDynamoDb(server.DomainDispatcherApplication):",
            "    def __call__(self, environ, start_response):",
            "        if environ.get('HTTP_X_AMZ_TARGET', '').startswith('DynamoDB'):",
            // Read the whole request before taking the lock: a client that stops half way through
            // sending must not hold every other DynamoDB request up.
            "            length = int(environ.get('CONTENT_LENGTH') or 0)",
            "            environ['wsgi.input'] = io.BytesIO(environ['wsgi.input'].read(length))",
            "            with dynamodb_lock:",
            "                return list(super().__call__(environ, start_response))",
            "        return super().__call__(environ, start_response)",
            "server.DomainDispatcherApplication = SerialisedDynamoDb",
            "server.main(sys.argv[1:])");

    private final Process process;
    private final URI endpoint;
    private final Path log;
    private final Thread shutdownHook;

    private MotoServer(Process process, int port, Path log) {
        this.process = process;
        this.endpoint = URI.create("http://" + HOST + ":" + port);
        this.log = log;
        this.shutdownHook = new Thread(this::stop, "stop-moto-server-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts moto with {@code python} (normally "python3") and returns once it answers HTTP requests. */
    static MotoServer start(String python) {
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            Path log = createLogFile();
            Process process = launch(python, port, log);
            Startup startup = awaitReady(process, port, log);
            if (startup == Startup.READY) {
                return new MotoServer(process, port, log);
            }
            deleteQuietly(log);
            if (attempt == PORT_ATTEMPTS) {
                throw new IllegalStateException("moto server could not bind a free port on " + HOST + " in " + PORT_ATTEMPTS + " attempts");
            }
        }
    }

    URI endpoint() {
        return endpoint;
    }

    ProcessHandle processHandle() {
        return process.toHandle();
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

    private enum Startup { READY, PORT_TAKEN }

    private static Process launch(String python, int port, Path log) {
        ProcessBuilder builder = new ProcessBuilder(python, "-c", LAUNCHER, "-H", HOST, "-p", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // stdin stays a pipe (the default): it is the watchdog's lifeline to this JVM.
        builder.environment().put("PYTHONUNBUFFERED", "1");
        try {
            return builder.start();
        } catch (IOException e) {
            deleteQuietly(log);
            throw new IllegalStateException("cannot run " + python + " to start the local AWS endpoint (moto): " + e.getMessage()
                    + ". Install Python 3 and then: " + INSTALL_HINT
                    + " (or set AWS_ENDPOINT_URL to a running LocalStack/moto)", e);
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
                throw new IllegalStateException(diagnose(process.exitValue(), output));
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

    private static String diagnose(int exitCode, String output) {
        for (String line : output.lines().toList()) {
            if (line.contains("ModuleNotFoundError") || line.contains("No module named")) {
                return "python cannot import moto's server (" + line.trim() + "). Install it with: " + INSTALL_HINT;
            }
        }
        List<String> lines = output.lines().toList();
        String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        return "moto server exited with code " + exitCode + " during startup; its output:\n" + tail;
    }

    private static boolean answersHttp(int port) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + HOST + ":" + port + "/moto-api/")
                    .toURL().openConnection();
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
