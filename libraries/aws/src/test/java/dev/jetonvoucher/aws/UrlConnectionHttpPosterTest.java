package dev.jetonvoucher.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jetonvoucher.contract.HttpPosterContract;
import dev.jetonvoucher.workflow.HttpPoster;
import dev.jetonvoucher.workflow.HttpPoster.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP poster contract against a local HTTP server, and what this adapter adds (the try's deadline, body limit, no redirects). */
class UrlConnectionHttpPosterTest extends HttpPosterContract {

    private static final int TRICKLED_BYTES = 20;
    private static final long TRICKLE_PAUSE_MILLIS = 300;

    private static HttpServer server;
    private static final List<String> received = new CopyOnWriteArrayList<>();
    /** Bodies by request path: each contract test's merchant has a path of its own under /ok. */
    private static final Map<String, List<String>> bodiesByPath = new ConcurrentHashMap<>();

    private static final AtomicInteger merchants = new AtomicInteger();
    private static final AtomicInteger redirectTargetHits = new AtomicInteger();
    private static final CountDownLatch release = new CountDownLatch(1);
    private static final AtomicBoolean trickleFinished = new AtomicBoolean();
    private final UrlConnectionHttpPoster poster = new UrlConnectionHttpPoster();

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/ok", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(exchange.getRequestMethod() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
            bodiesByPath
                    .computeIfAbsent(exchange.getRequestURI().getPath(), p -> new CopyOnWriteArrayList<>())
                    .add(body);
            respond(exchange, 200, "ok");
        });
        server.createContext("/fail", exchange -> respond(exchange, 500, "{\"error\":\"boom\"}"));
        server.createContext("/unavailable", exchange -> respond(exchange, 503, ""));
        server.createContext("/big", exchange -> respond(exchange, 200, "x".repeat(300_000)));
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "/target");
            respond(exchange, 302, "");
        });
        server.createContext("/target", exchange -> {
            redirectTargetHits.incrementAndGet();
            respond(exchange, 200, "");
        });
        server.createContext("/held", exchange -> {
            awaitRelease();
            respond(exchange, 200, "late");
        });
        server.createContext("/stalled-body", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 10);
            OutputStream out = exchange.getResponseBody();
            out.write("ok".getBytes(StandardCharsets.UTF_8));
            out.flush();
            awaitRelease();
            exchange.close();
        });
        server.createContext("/trickle", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, TRICKLED_BYTES);
            OutputStream out = exchange.getResponseBody();
            try {
                for (int i = 0; i < TRICKLED_BYTES; i++) {
                    pause(TRICKLE_PAUSE_MILLIS);
                    out.write('x');
                    out.flush();
                }
                trickleFinished.set(true);
            } catch (IOException e) {
                // the poster hung up on it
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        release.countDown();
        server.stop(0);
    }

    /** Holds an answer until the tests are over (at most 30 s, so that nothing hangs for ever). */
    private static void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Override
    protected HttpPoster poster() {
        return poster;
    }

    @Override
    protected URI merchantAnswering(int status) {
        return switch (status) {
            case 200 -> url("/ok/merchant-" + merchants.incrementAndGet());
            case 500 -> url("/fail");
            case 503 -> url("/unavailable");
            default -> throw new IllegalArgumentException("no merchant answering " + status);
        };
    }

    @Override
    protected URI merchantDown() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected URI merchantTooSlow() {
        return url("/held");
    }

    @Override
    protected List<String> receivedBy(URI url) {
        return bodiesByPath.getOrDefault(url.getPath(), List.of());
    }

    @Test
    void posts_with_the_json_content_type() {
        poster.postJson(url("/ok"), "{\"payment\":{\"id\":\"ü\"}}", TIMEOUT);

        assertTrue(
                received.contains("POST application/json; charset=utf-8 {\"payment\":{\"id\":\"ü\"}}"),
                received::toString);
    }

    @Test
    void reads_at_most_a_bounded_body() {
        assertEquals(new Response(200, null), poster.postJson(url("/big"), "{}", TIMEOUT));
    }

    @Test
    void does_not_follow_redirects() {
        assertEquals(new Response(302, null), poster.postJson(url("/redirect"), "{}", TIMEOUT));
        assertEquals(0, redirectTargetHits.get());
    }

    @Test
    void a_server_that_never_answers_is_a_failed_try() {
        Response response = poster.postJson(url("/held"), "{}", Duration.ofMillis(300));

        assertEquals(0, response.status(), "the held answer (200) came only after the deadline");
        assertTrue(response.error().startsWith("no complete answer within 300 ms"), response.error());
    }

    @Test
    void a_server_trickling_its_body_is_a_failed_try_at_the_deadline_though_its_status_was200() {
        // One byte every 300 ms never trips a per-read timeout of 1 s: only the deadline of the whole try ends it.
        Response response = poster.postJson(url("/trickle"), "{}", Duration.ofSeconds(1));

        assertEquals(0, response.status());
        assertEquals("no complete answer within 1 s (reading the body after HTTP 200)", response.error());
        assertFalse(trickleFinished.get(), "the try ended before the server finished trickling");
    }

    @Test
    void a_server_stalling_its_body_after_status200_is_a_failed_try() {
        Response response = poster.postJson(url("/stalled-body"), "{}", Duration.ofSeconds(1));

        assertEquals(0, response.status());
        assertTrue(response.error().startsWith("no complete answer within 1 s"), response.error());
    }

    @Test
    void a_server_trickling_its_status_line_is_a_failed_try() throws IOException {
        try (ServerSocket trickler = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> trickleStatusLine(trickler), "status-trickler");
            server.setDaemon(true);
            server.start();

            Response response = poster.postJson(
                    URI.create("http://127.0.0.1:" + trickler.getLocalPort() + "/"), "{}", Duration.ofSeconds(1));

            assertEquals(0, response.status());
            assertEquals("no complete answer within 1 s (waiting for the status)", response.error());
        }
    }

    @Test
    void a_body_broken_off_after_status200_is_a_failed_try() throws IOException {
        try (ServerSocket breaker = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> answerThenHangUp(breaker), "body-breaker");
            server.setDaemon(true);
            server.start();

            Response response =
                    poster.postJson(URI.create("http://127.0.0.1:" + breaker.getLocalPort() + "/"), "{}", TIMEOUT);

            assertEquals(new Response(0, "no complete answer: the body broke off after HTTP 200"), response);
        }
    }

    /** Promises a 10-byte body, sends 2 bytes of it and closes the connection. */
    private static void answerThenHangUp(ServerSocket breaker) {
        try (Socket socket = breaker.accept()) {
            socket.getInputStream().read(new byte[4096]);
            socket.getOutputStream()
                    .write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        } catch (IOException e) {
            // nothing to do: the test reads what the poster made of it
        }
    }

    /** Answers a whole, valid response, one byte every 300 ms (about 12 s in all). */
    private static void trickleStatusLine(ServerSocket trickler) {
        try (Socket socket = trickler.accept()) {
            socket.getInputStream().read(new byte[4096]);
            OutputStream out = socket.getOutputStream();
            for (byte b : "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) {
                pause(TRICKLE_PAUSE_MILLIS);
                out.write(b);
                out.flush();
            }
        } catch (IOException e) {
            // the poster hung up, as it should
        }
    }

    @Test
    void an_unusable_url_is_status_zero() {
        Response ftp = poster.postJson(URI.create("ftp://127.0.0.1/x"), "{}", TIMEOUT);
        assertEquals(0, ftp.status());
        assertNotNull(ftp.error());
        Response unknownHost = poster.postJson(URI.create("http://no-such-host.invalid/"), "{}", TIMEOUT);
        assertEquals(0, unknownHost.status());
        assertNotNull(unknownHost.error());
        assertNull(poster.postJson(url("/ok"), "{}", TIMEOUT).error());
    }
}
