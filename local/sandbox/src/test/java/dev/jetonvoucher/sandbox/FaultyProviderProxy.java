package dev.jetonvoucher.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jetonvoucher.fixtures.Polling;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A provider that times out and answers 5xx, in front of the sandbox's emulator service: the HTTP connector is given
 * this proxy as ProviderBaseUrl. Every redemption and issue (per order, by its body) is first answered 503 without
 * reaching the emulator, then reaches the emulator but its answer is held back past the connector's read timeout (the
 * work done, the answer lost), and only its third try is answered; every second status pull is answered 502.
 */
final class FaultyProviderProxy implements AutoCloseable {

    /** Longer than the connector's read timeout (3 s). */
    static final Duration STALL = Duration.ofSeconds(4);

    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicReference<String> target = new AtomicReference<>();
    private final Map<String, AtomicInteger> triesByOrder = new ConcurrentHashMap<>();
    private final AtomicInteger statusPulls = new AtomicInteger();
    final AtomicInteger answered5xx = new AtomicInteger();
    final AtomicInteger answersLost = new AtomicInteger();
    final Map<String, AtomicInteger> reachedEmulatorByBody = new ConcurrentHashMap<>();

    FaultyProviderProxy() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Where the emulator service is (the sandbox's gateway), known once the sandbox runs. */
    void forwardTo(String baseUrl) {
        target.set(baseUrl);
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        boolean submit = path.endsWith("/vouchers/redeem") || path.endsWith("/vouchers/issue");
        int attempt = submit
                ? triesByOrder
                        .computeIfAbsent(body, unused -> new AtomicInteger())
                        .incrementAndGet()
                : 0;
        if (submit && attempt == 1 || path.endsWith("/orders/status") && statusPulls.incrementAndGet() % 2 == 0) {
            answered5xx.incrementAndGet();
            answer(exchange, submit ? 503 : 502, "{\"error\":\"injected\"}");
            return;
        }
        HttpResponse<String> forwarded;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.get() + path))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json");
            for (String header : List.of("X-Jeton-Timestamp", "X-Jeton-Signature")) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            forwarded = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer(exchange, 502, "{\"error\":\"interrupted\"}");
            return;
        }
        if (submit) {
            reachedEmulatorByBody
                    .computeIfAbsent(body, unused -> new AtomicInteger())
                    .incrementAndGet();
        }
        if (submit && attempt == 2) {
            answersLost.incrementAndGet();
            Polling.pause(STALL.toMillis()); // the connector gives up first: its answer is lost
        }
        answer(exchange, forwarded.statusCode(), forwarded.body());
    }

    private static void answer(HttpExchange exchange, int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // the connector timed out and left: as intended
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
