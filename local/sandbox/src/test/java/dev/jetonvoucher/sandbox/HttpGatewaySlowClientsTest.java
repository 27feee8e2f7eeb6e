package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slow clients cannot freeze the sandbox's gateway: each request has its own thread while it is read, and a body
 * that stalls is cut off at the read deadline (the connection closed, the route never run).
 */
class HttpGatewaySlowClientsTest {

    private final List<Socket> clients = new ArrayList<>();
    private final AtomicInteger echoed = new AtomicInteger();
    private HttpGateway gateway;

    private void start(Duration bodyReadTimeout) throws IOException {
        gateway = new HttpGateway("127.0.0.1", 0, bodyReadTimeout);
        gateway.localRoute((method, path, query, body) -> {
            if (path.equals("/health")) {
                return new HttpGateway.Response(200, "application/json", "{\"status\":\"ok\"}");
            }
            if (path.equals("/echo")) {
                echoed.incrementAndGet();
                return new HttpGateway.Response(200, "text/plain", body);
            }
            return null;
        });
        gateway.start();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket client : clients) {
            client.close();
        }
        gateway.close();
    }

    /** A client that sends a request head announcing 1,000 bytes of body, then 10 of them, and stalls. */
    private Socket halfABody() throws IOException {
        Socket client = new Socket("127.0.0.1", gateway.port());
        clients.add(client);
        client.getOutputStream()
                .write(("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                                + "Content-Length: 1000\r\n\r\n0123456789")
                        .getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().flush();
        return client;
    }

    /** A client that sends half of a request head and stalls. */
    private void halfAHead() throws IOException {
        Socket client = new Socket("127.0.0.1", gateway.port());
        clients.add(client);
        client.getOutputStream().write("POST /echo HTTP/1.1\r\nHost: 127.0".getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().flush();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                                .timeout(Duration.ofSeconds(5))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void twenty_stalled_bodies_and_ten_stalled_heads_do_not_keep_health_from_answering() throws Exception {
        start(Duration.ofMinutes(5)); // they stay stalled for the whole test
        for (int i = 0; i < 20; i++) {
            halfABody();
        }
        for (int i = 0; i < 10; i++) {
            halfAHead();
        }

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> health = get("/health");
            assertEquals(200, health.statusCode());
            assertEquals("{\"status\":\"ok\"}", health.body());
        }
        assertEquals(0, echoed.get(), "no stalled request reached its route");
    }

    @Test
    void a_body_that_stalls_past_the_deadline_is_cut_off_and_never_reaches_its_route() throws Exception {
        start(Duration.ofSeconds(1));
        Socket stalled = halfABody();
        stalled.setSoTimeout(60_000); // a generous bound on the wait for the server to close it

        assertEquals(-1, readUntilClosed(stalled.getInputStream()), "closed without an answer");
        assertEquals(0, echoed.get());
        assertEquals(200, get("/health").statusCode());
    }

    @Test
    void a_whole_body_is_answered_as_before() throws Exception {
        start(Duration.ofSeconds(1));
        HttpResponse<String> echo = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/echo"))
                                .timeout(Duration.ofSeconds(5))
                                .header("Content-Type", "text/plain")
                                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(100_000)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, echo.statusCode());
        assertEquals(100_000, echo.body().length());
        assertEquals(1, echoed.get());
    }

    /** Reads until the server closes the connection: -1 for an orderly close or a reset, else the first byte read. */
    private static int readUntilClosed(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketException reset) {
            return -1;
        }
    }
}
