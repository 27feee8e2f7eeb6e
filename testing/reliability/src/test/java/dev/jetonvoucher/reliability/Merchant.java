package dev.jetonvoucher.reliability;

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

/**
 * A merchant's callback endpoint: records every callback it accepts (HTTP 200), and can go down (its port closed, so
 * the platform's POST is refused) and come back on the same port.
 */
final class Merchant implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final List<JsonNode> callbacks = new CopyOnWriteArrayList<>();
    private HttpServer server;

    Merchant() {
        this.server = start(0);
        this.port = server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/callbacks";
    }

    /** Closes the port: the platform's POSTs are refused until {@link #comeBack()}. */
    synchronized void goDown() {
        server.stop(0);
        server = null;
    }

    synchronized void comeBack() {
        if (server == null) {
            server = start(port);
        }
    }

    List<JsonNode> callbacksFor(String paymentId) {
        return callbacks.stream()
                .filter(c -> paymentId.equals(c.path("payment").path("id").asText()))
                .toList();
    }

    List<JsonNode> callbacks() {
        return List.copyOf(callbacks);
    }

    JsonNode awaitCallback(String paymentId, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<JsonNode> received = callbacksFor(paymentId);
            if (!received.isEmpty()) {
                return received.get(0);
            }
            Reliability.sleep(50);
        }
        throw new AssertionError("no callback for " + paymentId + " within " + timeout);
    }

    private HttpServer start(int onPort) {
        try {
            HttpServer started = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 64);
            started.createContext("/callbacks", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                callbacks.add(JSON.readTree(new String(body, StandardCharsets.UTF_8)));
                byte[] ok = "OK".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, ok.length);
                exchange.getResponseBody().write(ok);
                exchange.close();
            });
            started.start();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + onPort, e);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }
}
