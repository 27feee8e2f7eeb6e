package dev.jetonvoucher.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP poster contract against a local HTTP server, and what this adapter adds (body limit, no redirects). */
class UrlConnectionHttpPosterTest extends HttpPosterContract {

    private static HttpServer server;
    private static final List<String> received = new CopyOnWriteArrayList<>();
    /** Bodies by request path: each contract test's merchant has a path of its own under /ok. */
    private static final Map<String, List<String>> bodiesByPath = new ConcurrentHashMap<>();
    private static final AtomicInteger merchants = new AtomicInteger();
    private static final AtomicInteger redirectTargetHits = new AtomicInteger();
    private final UrlConnectionHttpPoster poster = new UrlConnectionHttpPoster();

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/ok", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
            bodiesByPath.computeIfAbsent(exchange.getRequestURI().getPath(), p -> new CopyOnWriteArrayList<>()).add(body);
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
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "late");
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
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
        return url("/slow");
    }

    @Override
    protected List<String> receivedBy(URI url) {
        return bodiesByPath.getOrDefault(url.getPath(), List.of());
    }

    @Test
    void postsWithTheJsonContentType() {
        poster.postJson(url("/ok"), "{\"payment\":{\"id\":\"ü\"}}", TIMEOUT);

        assertTrue(received.contains("POST application/json; charset=utf-8 {\"payment\":{\"id\":\"ü\"}}"), received::toString);
    }

    @Test
    void readsAtMostABoundedBody() {
        assertEquals(new Response(200, null), poster.postJson(url("/big"), "{}", TIMEOUT));
    }

    @Test
    void doesNotFollowRedirects() {
        assertEquals(new Response(302, null), poster.postJson(url("/redirect"), "{}", TIMEOUT));
        assertEquals(0, redirectTargetHits.get());
    }

    @Test
    void aSlowServerIsLeftAtTheTimeout() {
        long started = System.nanoTime();

        Response response = poster.postJson(url("/slow"), "{}", Duration.ofMillis(300));

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(0, response.status());
        assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, () -> "took " + took);
    }

    @Test
    void anUnusableUrlIsStatusZero() {
        Response ftp = poster.postJson(URI.create("ftp://127.0.0.1/x"), "{}", TIMEOUT);
        assertEquals(0, ftp.status());
        assertNotNull(ftp.error());
        Response unknownHost = poster.postJson(URI.create("http://no-such-host.invalid/"), "{}", TIMEOUT);
        assertEquals(0, unknownHost.status());
        assertNotNull(unknownHost.error());
        assertNull(poster.postJson(url("/ok"), "{}", TIMEOUT).error());
    }
}
