package dev.jetonvoucher.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jetonvoucher.provider.sandbox.ProviderEmulatorRoutes;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The emulator's route set served over HTTP on loopback for connector tests, with faults scripted per request: the
 * next requests can be answered 503 without reaching the emulator, or reach it and then stall past the connector's
 * read timeout (the work done, the answer lost).
 */
final class EmulatorServer implements AutoCloseable {

    enum Fault {
        /** Answered 503 at once; the emulator never sees the request. */
        UNAVAILABLE,
        /** The emulator handles the request, then the answer is held back for {@link #STALL} (a lost answer). */
        STALL_AFTER_WORK
    }

    static final Duration STALL = Duration.ofSeconds(2);

    private final HttpServer server;
    private final ProviderEmulatorRoutes routes;
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger reachedEmulator = new AtomicInteger();

    EmulatorServer(ProviderEmulatorRoutes routes) throws IOException {
        this.routes = routes;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized void failNext(Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            faults.add(fault);
        }
    }

    /** Requests that arrived, faulted or not. */
    int requests() {
        return requests.get();
    }

    /** Requests the emulator handled. */
    int reachedEmulator() {
        return reachedEmulator.get();
    }

    private synchronized Fault nextFault() {
        return faults.poll();
    }

    private void serve(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Fault fault = nextFault();
        if (fault == Fault.UNAVAILABLE) {
            answer(exchange, 503, "{\"error\":\"injected 503\"}");
            return;
        }
        reachedEmulator.incrementAndGet();
        ProviderEmulatorRoutes.Answer answer = routes.handle(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                name -> exchange.getRequestHeaders().getFirst(name),
                body);
        if (fault == Fault.STALL_AFTER_WORK) {
            try {
                Thread.sleep(STALL.toMillis()); // longer than the connector's read timeout: its answer is lost
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        answer(exchange, answer.status(), answer.body());
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // the connector gave up waiting: its answer is lost, as intended
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
