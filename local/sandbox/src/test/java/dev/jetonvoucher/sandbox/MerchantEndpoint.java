package dev.jetonvoucher.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A merchant's callback endpoint for tests: records every callback; can answer 500 for the first N tries. */
final class MerchantEndpoint implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<JsonNode> callbacks = new CopyOnWriteArrayList<>();
    private final List<String> rawBodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    MerchantEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/callbacks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            int status;
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                status = 500;
            } else {
                rawBodies.add(new String(body, StandardCharsets.UTF_8));
                callbacks.add(JSON.readTree(new String(body, StandardCharsets.UTF_8)));
                status = 200;
            }
            byte[] answer = (status == 200 ? "OK" : "down").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/callbacks";
    }

    void failFirst(int tries) {
        failuresLeft.set(tries);
    }

    int requestCount() {
        return requests.get();
    }

    List<JsonNode> callbacks() {
        return List.copyOf(callbacks);
    }

    /** The bodies of the callbacks answered 200, exactly as they arrived. */
    List<String> rawBodies() {
        return List.copyOf(rawBodies);
    }

    List<JsonNode> callbacksFor(String paymentId) {
        return callbacks.stream()
                .filter(c -> paymentId.equals(c.path("payment").path("id").asText()))
                .toList();
    }

    /** Waits until a callback for the payment arrives, or fails after the timeout. */
    JsonNode awaitCallback(String paymentId, Duration timeout) {
        return await(
                c -> paymentId.equals(c.path("payment").path("id").asText()), timeout, "a callback for " + paymentId);
    }

    JsonNode await(Predicate<JsonNode> match, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode callback : callbacks) {
                if (match.test(callback)) {
                    return callback;
                }
            }
            sleep(50);
        }
        throw new AssertionError("no " + what + " within " + timeout + "; received " + callbacks);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
