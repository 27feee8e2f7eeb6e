package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's HTTP/1.1 server, spoken to over raw sockets: header names go on the wire exactly as the handler spelled
 * them (as API Gateway does), and the protocol's framing, limits and deadlines hold.
 */
class Http11ServerTest {

    private static final int MAX_BODY = 1024;

    private final List<Http11Server.Request> handled = new CopyOnWriteArrayList<>();
    private final List<Socket> clients = new ArrayList<>();
    private Http11Server server;

    /** Echoes the request body; answers with the headers a function of the platform sets, spelled as it spells them. */
    private void start(Duration readTimeout, int maxConnections) throws IOException {
        server = new Http11Server(
                new InetSocketAddress("127.0.0.1", 0), readTimeout, MAX_BODY, maxConnections, request -> {
                    handled.add(request);
                    return new Http11Server.Reply(
                            200,
                            List.of(
                                    Map.entry("Content-Type", "text/plain; charset=utf-8"),
                                    Map.entry("Retry-After", "5"),
                                    Map.entry("Set-Cookie", "a=1; Path=/"),
                                    Map.entry("Set-Cookie", "b=2; Path=/"),
                                    Map.entry("Content-Language", "en"),
                                    Map.entry("x-amzn-RequestId", "req-1"),
                                    Map.entry("X-Injected", "a\r\nSet-Cookie: evil=1")),
                            ("you sent " + new String(request.body(), StandardCharsets.UTF_8))
                                    .getBytes(StandardCharsets.UTF_8));
                });
        server.start();
    }

    private void start() throws IOException {
        start(Duration.ofSeconds(30), 16);
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket client : clients) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void header_names_go_on_the_wire_byte_for_byte_as_the_handler_spelled_them() throws Exception {
        start();
        Socket client = connect();
        send(client, "GET /x HTTP/1.1\r\nHost: localhost\r\n\r\n");

        Answer answer = Answer.read(client.getInputStream());
        assertEquals("HTTP/1.1 200 OK", answer.statusLine);
        assertEquals(
                List.of(
                        "Content-Type: text/plain; charset=utf-8",
                        "Retry-After: 5",
                        "Set-Cookie: a=1; Path=/",
                        "Set-Cookie: b=2; Path=/",
                        "Content-Language: en",
                        "x-amzn-RequestId: req-1"),
                answer.headerLines.subList(0, 6));
        assertTrue(answer.headerLines.contains("Content-Length: 9"), answer.headerLines.toString());
        assertTrue(
                answer.headerLines.stream().anyMatch(line -> line.startsWith("Date: ")), answer.headerLines.toString());
        assertFalse(
                answer.headerLines.stream().anyMatch(line -> line.contains("evil")),
                "a value with a line break is left out, not split into a header of its own");
        assertEquals("you sent ", answer.text());
    }

    @Test
    void the_gateways_own_routes_spell_their_headers_canonically_too() throws Exception {
        try (HttpGateway gateway = new HttpGateway("127.0.0.1", 0)) {
            gateway.localRoute(
                    (method, path, query, body) -> new HttpGateway.Response(200, "text/html; charset=utf-8", "<p>hi"));
            gateway.start();
            Socket client = new Socket("127.0.0.1", gateway.port());
            clients.add(client);
            client.setSoTimeout(30_000);
            send(client, "GET /sandbox/inbox HTTP/1.1\r\nHost: localhost\r\n\r\n");

            Answer answer = Answer.read(client.getInputStream());
            assertEquals(
                    List.of(
                            "Content-Type: text/html; charset=utf-8",
                            "X-Content-Type-Options: nosniff",
                            "Cache-Control: no-store",
                            "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'"),
                    answer.headerLines.subList(0, 4));
            assertEquals("<p>hi", answer.text());
        }
    }

    @Test
    void two_requests_on_one_connection_are_both_answered_and_connection_close_ends_it() throws Exception {
        start();
        Socket client = connect();
        InputStream in = client.getInputStream();
        send(client, "POST /one HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n\r\nabc");
        assertEquals("you sent abc", Answer.read(in).text());
        send(client, "POST /two HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\nConnection: close\r\n\r\nxyz");
        Answer second = Answer.read(in);

        assertEquals("you sent xyz", second.text());
        assertTrue(second.headerLines.contains("Connection: close"), second.headerLines.toString());
        assertEquals(-1, readAfterAnswer(in), "the server closed the connection after the answer");
        assertEquals(
                List.of("/one", "/two"),
                handled.stream().map(Http11Server.Request::rawPath).toList());
    }

    @Test
    void an_http_1_0_request_is_answered_and_its_connection_closed() throws Exception {
        start();
        Socket client = connect();
        send(client, "GET /old?a=1 HTTP/1.0\r\n\r\n");
        Answer answer = Answer.read(client.getInputStream());

        assertEquals("HTTP/1.1 200 OK", answer.statusLine);
        assertEquals(-1, readAfterAnswer(client.getInputStream()));
        assertEquals("a=1", handled.get(0).rawQuery());
        assertEquals("HTTP/1.0", handled.get(0).protocol());
    }

    @Test
    void a_chunked_body_arrives_whole() throws Exception {
        start();
        Socket client = connect();
        send(
                client,
                "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");

        assertEquals(
                "you sent hello world", Answer.read(client.getInputStream()).text());
    }

    @Test
    void expect_100_continue_is_answered_before_the_body_is_read() throws Exception {
        start();
        Socket client = connect();
        InputStream in = client.getInputStream();
        send(client, "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", new String(in.readNBytes(25), StandardCharsets.US_ASCII));
        send(client, "body");

        Answer answer = Answer.read(in);
        assertEquals("HTTP/1.1 200 OK", answer.statusLine);
        assertEquals("you sent body", answer.text());
    }

    @Test
    void a_head_over_8_kib_is_431_and_never_reaches_the_handler() throws Exception {
        start();
        Socket client = connect();
        send(
                client,
                "GET /x HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(Http11Server.MAX_HEAD_BYTES) + "\r\n\r\n");

        Answer answer = Answer.read(client.getInputStream());
        assertEquals("HTTP/1.1 431 Request Header Fields Too Large", answer.statusLine);
        assertEquals("{\"message\":\"Request Header Fields Too Large\"}", answer.text());
        assertTrue(answer.headerLines.contains("Connection: close"));
        assertTrue(handled.isEmpty());
    }

    @Test
    void more_than_100_header_fields_is_431() throws Exception {
        start();
        Socket client = connect();
        send(client, "GET /x HTTP/1.1\r\nHost: localhost\r\n" + "X-A: 1\r\n".repeat(Http11Server.MAX_HEADERS) + "\r\n");

        assertEquals("HTTP/1.1 431 Request Header Fields Too Large", Answer.read(client.getInputStream()).statusLine);
        assertTrue(handled.isEmpty());
    }

    @Test
    void a_body_over_the_limit_is_413_answered_without_waiting_for_it() throws Exception {
        start();
        Socket client = connect();
        send(
                client,
                "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + (MAX_BODY + 1)
                        + "\r\nExpect: 100-continue\r\n\r\n");

        Answer answer = Answer.read(client.getInputStream());
        assertEquals("HTTP/1.1 413 Request Entity Too Large", answer.statusLine, "no 100 Continue for a body refused");
        assertEquals("{\"message\":\"Request Entity Too Large\"}", answer.text());
        assertTrue(handled.isEmpty());
    }

    @Test
    void a_chunked_body_over_the_limit_is_413() throws Exception {
        start();
        Socket client = connect();
        String chunk = Integer.toHexString(MAX_BODY / 2 + 1) + "\r\n" + "a".repeat(MAX_BODY / 2 + 1) + "\r\n";
        send(client, "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + chunk);

        assertEquals("HTTP/1.1 413 Request Entity Too Large", Answer.read(client.getInputStream()).statusLine);
        assertTrue(handled.isEmpty());
    }

    @Test
    void a_malformed_request_is_400() throws Exception {
        start();
        for (String malformed : List.of(
                "GARBAGE\r\n\r\n",
                "GET /x HTTP/1.1 extra\r\nHost: a\r\n\r\n",
                "GET x HTTP/1.1\r\nHost: a\r\n\r\n",
                "GET /x HTTP/1.1\r\nNo colon here\r\n\r\n",
                "GET /x HTTP/1.1\r\n\r\n",
                "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n",
                "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")) {
            Socket client = connect();
            send(client, malformed);
            assertEquals("HTTP/1.1 400 Bad Request", Answer.read(client.getInputStream()).statusLine, malformed);
        }
        assertTrue(handled.isEmpty());
    }

    @Test
    void a_stalled_client_is_cut_off_while_another_connection_is_served() throws Exception {
        start(Duration.ofSeconds(1), 16);
        Socket stalled = connect();
        send(stalled, "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\nonly ten b");
        Socket other = connect();
        send(other, "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\nok");
        assertEquals("you sent ok", Answer.read(other.getInputStream()).text());

        assertEquals(-1, readAfterAnswer(stalled.getInputStream()), "closed at the deadline without an answer");
        assertEquals(1, handled.size(), "the stalled request never reached the handler");
    }

    @Test
    void head_is_answered_with_headers_only() throws Exception {
        start();
        Socket client = connect();
        InputStream in = client.getInputStream();
        send(client, "HEAD /x HTTP/1.1\r\nHost: localhost\r\n\r\n");
        Answer head = Answer.readHeadOnly(in);
        assertEquals("HTTP/1.1 200 OK", head.statusLine);
        assertTrue(head.headerLines.contains("Content-Length: 9"), "the length a GET would have");

        // Had any body bytes followed the head, they would be read here in place of the next status line.
        send(client, "GET /x HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertEquals("HTTP/1.1 200 OK", Answer.read(in).statusLine);
    }

    @Test
    void at_the_connection_limit_an_idle_connection_gives_way_to_a_new_one() throws Exception {
        start(Duration.ofSeconds(30), 2);
        connect();
        connect();
        Socket third = connect();
        send(third, "GET /x HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertEquals("HTTP/1.1 200 OK", Answer.read(third.getInputStream()).statusLine);
    }

    @Test
    void closing_the_server_closes_an_idle_kept_alive_connection() throws Exception {
        start();
        Socket client = connect();
        send(client, "GET /x HTTP/1.1\r\nHost: localhost\r\n\r\n");
        Answer.read(client.getInputStream());

        server.close();
        assertEquals(-1, readAfterAnswer(client.getInputStream()));
    }

    private Socket connect() throws IOException {
        Socket client = new Socket("127.0.0.1", server.port());
        client.setSoTimeout(30_000); // a generous bound: nothing here should wait on the server
        clients.add(client);
        return client;
    }

    private static void send(Socket client, String text) throws IOException {
        client.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        client.getOutputStream().flush();
    }

    /** -1 when the server closed the connection (in order or by reset), else the byte that came instead. */
    private static int readAfterAnswer(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketException reset) {
            return -1;
        }
    }

    /** An answer as it came over the wire: the status line and header lines verbatim, the body by Content-Length. */
    private record Answer(String statusLine, List<String> headerLines, byte[] body) {

        static Answer readHeadOnly(InputStream in) throws IOException {
            List<String> lines = new ArrayList<>();
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                lines.add(line);
            }
            return new Answer(lines.get(0), lines.subList(1, lines.size()), new byte[0]);
        }

        static Answer read(InputStream in) throws IOException {
            Answer head = readHeadOnly(in);
            int length = head.headerLines.stream()
                    .filter(line -> line.startsWith("Content-Length: "))
                    .map(line -> Integer.parseInt(line.substring(16)))
                    .findFirst()
                    .orElseThrow();
            return new Answer(head.statusLine, head.headerLines, in.readNBytes(length));
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("closed mid-line: " + line);
                }
                line.write(b);
            }
            String text = line.toString(StandardCharsets.UTF_8);
            assertTrue(text.endsWith("\r"), "lines end with CRLF: " + text);
            return text.substring(0, text.length() - 1);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
