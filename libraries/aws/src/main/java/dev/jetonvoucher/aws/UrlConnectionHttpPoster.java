package dev.jetonvoucher.aws;

import dev.jetonvoucher.workflow.HttpPoster;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Posts merchant callbacks with {@link HttpURLConnection} (no HTTP library in the function's jar). Network
 * failures become status 0 with an error text, never exceptions: a failed try is a normal outcome that the
 * callback schedule retries. Redirects are not followed (a callback counts only as a 200 from the configured
 * URL), and the response body is read, bounded, and discarded so the connection can be reused.
 *
 * <p>The timeout is a deadline for the whole try: connecting, sending, the status line and the whole body. Socket
 * timeouts alone apply per read, so an endpoint answering one byte every few seconds would hold a try for as long
 * as it likes. The exchange therefore runs on its own thread and the caller waits for it until the deadline at the
 * latest: a try without a complete answer by then is status 0 ("no complete answer within 10 s"), even if the
 * status line said 200, and the connection is dropped. A body that breaks off is no complete answer either.
 */
public final class UrlConnectionHttpPoster implements HttpPoster {

    /** More than any acknowledgement needs; a larger body is cut off rather than read to the end. */
    static final int MAX_RESPONSE_BYTES = 64 * 1024;

    /**
     * Runs the exchanges, and the disconnects of those that missed their deadline (a disconnect can wait for a read
     * in progress, so it is not done on the caller's time). Threads are made on demand and end when idle.
     */
    private static final ExecutorService EXCHANGES = Executors.newCachedThreadPool(new DaemonThreads());

    @Override
    public Response postJson(URI url, String body, Duration timeout) {
        String scheme = url.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            return new Response(0, "not an http(s) URL: " + url);
        }
        requirePositive(timeout);
        Exchange exchange = new Exchange(url, body.getBytes(StandardCharsets.UTF_8), timeout);
        Future<Response> answer = EXCHANGES.submit(exchange::run);
        try {
            return answer.get(exchange.remainingNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            EXCHANGES.execute(exchange::abort);
            return new Response(0, exchange.lateMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            EXCHANGES.execute(exchange::abort);
            return new Response(0, "interrupted before a complete answer");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new Response(0, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    /** One try: everything the try does on the network, against one deadline. */
    private static final class Exchange {

        private final URI url;
        private final byte[] body;
        private final Duration timeout;
        private final long deadlineNanos;
        private volatile HttpURLConnection connection;
        private volatile boolean aborted;
        private volatile String stage = "connecting";

        Exchange(URI url, byte[] body, Duration timeout) {
            this.url = url;
            this.body = body;
            this.timeout = timeout;
            this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        }

        Response run() {
            HttpURLConnection opened = null;
            try {
                opened = (HttpURLConnection) url.toURL().openConnection();
                connection = opened;
                if (aborted) {
                    opened.disconnect();
                    return new Response(0, lateMessage());
                }
                // Per-read socket timeouts capped to the try's deadline: they end a silent socket; the deadline
                // itself is kept by the caller, who waits no longer than it.
                int remainingMillis = remainingMillis();
                opened.setConnectTimeout(remainingMillis);
                opened.setReadTimeout(remainingMillis);
                opened.setInstanceFollowRedirects(false);
                opened.setUseCaches(false);
                opened.setRequestMethod("POST");
                opened.setDoOutput(true);
                // Streaming mode also keeps HttpURLConnection from silently re-sending the POST after a failure.
                opened.setFixedLengthStreamingMode(body.length);
                opened.setRequestProperty("Content-Type", "application/json; charset=utf-8");
                try (OutputStream out = opened.getOutputStream()) {
                    stage = "sending";
                    out.write(body);
                }
                stage = "waiting for the status";
                int status = opened.getResponseCode();
                if (status < 0) {
                    opened.disconnect();
                    return new Response(0, "not a valid HTTP response");
                }
                stage = "reading the body after HTTP " + status;
                switch (discardBody(opened, status)) {
                    case COMPLETE -> {} // the connection goes back to the keep-alive pool
                    case CUT_OFF -> opened.disconnect();
                    case LATE -> {
                        opened.disconnect();
                        return new Response(0, lateMessage());
                    }
                    case BROKEN -> {
                        opened.disconnect();
                        return new Response(0, "no complete answer: the body broke off after HTTP " + status);
                    }
                }
                return new Response(status, null);
            } catch (SocketTimeoutException e) {
                disconnect(opened);
                return new Response(0, lateMessage() + " (" + e.getMessage() + ")");
            } catch (IOException | IllegalArgumentException e) {
                // IllegalArgumentException: a URI that is not a valid URL (no host, relative).
                disconnect(opened);
                return new Response(0, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }

        /** Ends the exchange that missed its deadline: a read blocked on the socket fails at once. */
        void abort() {
            aborted = true;
            disconnect(connection);
        }

        private BodyRead discardBody(HttpURLConnection opened, int status) {
            try (InputStream in = status >= 400 ? opened.getErrorStream() : opened.getInputStream()) {
                if (in == null) {
                    return BodyRead.COMPLETE;
                }
                byte[] buffer = new byte[8192];
                int total = 0;
                for (int read; (read = in.read(buffer)) != -1; ) {
                    if (remainingNanos() <= 0) {
                        return BodyRead.LATE;
                    }
                    total += read;
                    if (total > MAX_RESPONSE_BYTES) {
                        return BodyRead.CUT_OFF;
                    }
                }
                // HttpURLConnection ends a body that falls short of its Content-Length as if it were whole.
                long promised = opened.getContentLengthLong();
                return promised >= 0 && total < promised ? BodyRead.BROKEN : BodyRead.COMPLETE;
            } catch (SocketTimeoutException e) {
                return BodyRead.LATE;
            } catch (IOException e) {
                return aborted ? BodyRead.LATE : BodyRead.BROKEN;
            }
        }

        long remainingNanos() {
            return deadlineNanos - System.nanoTime();
        }

        private int remainingMillis() throws SocketTimeoutException {
            long millis = TimeUnit.NANOSECONDS.toMillis(remainingNanos());
            if (millis <= 0) {
                throw new SocketTimeoutException("deadline passed before connecting");
            }
            return (int) Math.min(Integer.MAX_VALUE, millis); // 0 would mean no timeout at all
        }

        String lateMessage() {
            return "no complete answer within " + describe(timeout) + " (" + stage + ")";
        }
    }

    private enum BodyRead {
        /** read to its end: the connection can be reused */
        COMPLETE,
        /** longer than {@link #MAX_RESPONSE_BYTES}: the status counts, the rest is not read, the connection is dropped */
        CUT_OFF,
        /** not over by the deadline: the try failed */
        LATE,
        /** the connection failed before the body's end: no complete answer, the try failed */
        BROKEN
    }

    static String describe(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static void requirePositive(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive (0 would mean none): " + timeout);
        }
    }

    private static void disconnect(HttpURLConnection connection) {
        if (connection != null) {
            connection.disconnect();
        }
    }

    private static final class DaemonThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "callback-post-" + count.incrementAndGet());
            thread.setDaemon(true); // never keeps a JVM (the sandbox, a test) alive
            return thread;
        }
    }
}
