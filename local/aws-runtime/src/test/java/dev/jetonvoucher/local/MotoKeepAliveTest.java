package dev.jetonvoucher.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * moto_launcher.py's "keep-alive" change: moto answers HTTP/1.1 with connections kept open, so the SDK's clients (the
 * URLConnection HTTP client of the functions, the sandbox and the bench) send call after call over one connection
 * instead of opening one per call. Counted by the launcher itself (GET /jeton-moto-launcher/connections: connections
 * accepted and requests read), never timed. The wire-level cases (a body left unread, requests sent back to back, HEAD,
 * chunked bodies, "Connection: close", HTTP/1.0) go over a plain socket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MotoKeepAliveTest {

    private static final String TABLE = "keep-alive";

    private LocalAwsEndpoint moto;

    @BeforeAll
    void startMoto() {
        moto = LocalAwsEndpoint.startMoto();
        assertTrue(moto.motoPatches().contains("keep-alive"), "the change under test did not apply");
        moto.dynamoDb()
                .createTable(table -> table.tableName(TABLE)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(AttributeDefinition.builder()
                                .attributeName("pk")
                                .attributeType(ScalarAttributeType.S)
                                .build())
                        .keySchema(KeySchemaElement.builder()
                                .attributeName("pk")
                                .keyType(KeyType.HASH)
                                .build()));
    }

    @AfterAll
    void stopMoto() {
        moto.close();
    }

    @Test
    void sdk_calls_one_after_another_share_one_connection() throws Exception {
        try (UrlConnectionHttpClient http = (UrlConnectionHttpClient) UrlConnectionHttpClient.create();
                DynamoDbClient dynamoDb = DynamoDbClient.builder()
                        .endpointOverride(moto.endpoint())
                        .region(moto.region())
                        .credentialsProvider(moto.credentials())
                        .httpClient(http)
                        .build();
                SqsClient sqs = SqsClient.builder()
                        .endpointOverride(moto.endpoint())
                        .region(moto.region())
                        .credentialsProvider(moto.credentials())
                        .httpClient(http)
                        .build()) {
            String queueUrl = sqs.createQueue(q -> q.queueName("keep-alive")).queueUrl();
            Counts before = counts();
            int calls = 0;
            for (int i = 0; i < 10; i++) {
                String pk = "item-" + i;
                dynamoDb.putItem(put -> put.tableName(TABLE)
                        .item(Map.of("pk", AttributeValue.fromS(pk), "n", AttributeValue.fromN("1")))
                        .conditionExpression("attribute_not_exists(pk)"));
                // an error answer (HTTP 400) leaves the connection open too
                assertThrows(
                        ConditionalCheckFailedException.class,
                        () -> dynamoDb.putItem(put -> put.tableName(TABLE)
                                .item(Map.of("pk", AttributeValue.fromS(pk)))
                                .conditionExpression("attribute_not_exists(pk)")));
                assertEquals(
                        "1",
                        dynamoDb.getItem(get -> get.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS(pk))))
                                .item()
                                .get("n")
                                .n());
                sqs.sendMessage(send -> send.queueUrl(queueUrl).messageBody(pk));
                calls += 4;
            }
            // a long poll: moto holds the request until a message comes or the wait ends, then the connection goes on
            int received = 0;
            while (received < 10) {
                var messages = sqs.receiveMessage(receive -> receive.queueUrl(queueUrl)
                                .maxNumberOfMessages(10)
                                .waitTimeSeconds(1))
                        .messages();
                calls++;
                for (var message : messages) {
                    sqs.deleteMessage(delete -> delete.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                    calls++;
                }
                received += messages.size();
            }
            assertTrue(
                    sqs.receiveMessage(receive -> receive.queueUrl(queueUrl).waitTimeSeconds(1))
                            .messages()
                            .isEmpty(),
                    "every message was received and deleted");
            calls++;
            Counts after = counts();

            // the request that read "after" is one more request on one more connection
            assertEquals(calls + 1, after.requests() - before.requests(), "requests read by moto");
            long opened = after.accepted() - before.accepted() - 1;
            assertTrue(
                    opened <= 1,
                    calls + " SDK calls, one after another, opened " + opened
                            + " connections; with keep-alive they reuse one");
        }
    }

    @Test
    void a_body_the_application_leaves_unread_is_drained_before_the_next_request() throws Exception {
        // moto's dashboard ignores a GET's body; a request sent right behind it must be read from its first byte.
        String ignored = "x".repeat(70_000);
        try (Socket socket = open()) {
            send(
                    socket,
                    "GET /moto-api/ HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + ignored.length() + "\r\n\r\n"
                            + ignored + listTables());
            Response dashboard = read(socket);
            assertEquals(200, dashboard.status(), dashboard.text());
            Response tables = read(socket);
            assertEquals(200, tables.status(), tables.text());
            assertTrue(tables.text().contains("\"" + TABLE + "\""), tables.text());
            assertEquals(null, tables.headers().get("connection"), "the connection stays open");
        }
    }

    @Test
    void requests_sent_back_to_back_are_answered_in_order_on_one_connection() throws Exception {
        Counts before = counts();
        try (Socket socket = open()) {
            send(socket, listTables() + listTables() + countsRequest(false));
            for (int i = 0; i < 2; i++) {
                Response tables = read(socket);
                assertEquals(200, tables.status(), tables.text());
                assertTrue(tables.text().contains("\"" + TABLE + "\""), tables.text());
            }
            Response counted = read(socket);
            assertEquals(200, counted.status(), counted.text());
            Counts after = Counts.of(counted.text());
            assertEquals(3, after.requests() - before.requests());
            assertEquals(1, after.accepted() - before.accepted(), "the three requests came over one connection");
        }
    }

    @Test
    void a_chunked_request_body_is_read_to_its_last_chunk() throws Exception {
        String body = "{}";
        try (Socket socket = open()) {
            send(
                    socket,
                    "POST / HTTP/1.1\r\nHost: localhost\r\n" + dynamoDbHeaders() + "Transfer-Encoding: chunked\r\n\r\n"
                            + "1\r\n" + body.charAt(0) + "\r\n1\r\n" + body.charAt(1) + "\r\n0\r\n\r\n"
                            + listTables());
            for (int i = 0; i < 2; i++) {
                Response tables = read(socket);
                assertEquals(200, tables.status(), tables.text());
                assertTrue(tables.text().contains("\"" + TABLE + "\""), tables.text());
            }
        }
    }

    @Test
    void a_head_answer_has_no_body_and_the_connection_goes_on() throws Exception {
        try (Socket socket = open()) {
            send(socket, "HEAD /moto-api/ HTTP/1.1\r\nHost: localhost\r\n\r\n" + listTables());
            Response head = read(socket, true);
            assertEquals(200, head.status());
            assertTrue(
                    Integer.parseInt(head.headers().getOrDefault("content-length", "0")) > 0,
                    "HEAD announces the GET's length: " + head.headers());
            Response tables = read(socket);
            assertEquals(200, tables.status(), tables.text());
            assertTrue(tables.text().contains("\"" + TABLE + "\""), tables.text());
        }
    }

    @Test
    void connection_close_and_http_1_0_end_the_connection_after_the_answer() throws Exception {
        for (String request : List.of(
                "GET /moto-api/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET /moto-api/ HTTP/1.0\r\nHost: localhost\r\n\r\n")) {
            try (Socket socket = open()) {
                send(socket, request);
                Response answer = read(socket);
                assertEquals(200, answer.status(), request);
                assertEquals("close", answer.headers().get("connection"), request);
                assertEquals(-1, socket.getInputStream().read(), "moto closed the connection: " + request);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ the wire

    private record Counts(long accepted, long requests) {
        static Counts of(String json) {
            JsonNode counts = JsonNode.parser().parse(json);
            return new Counts(
                    Long.parseLong(counts.field("accepted").orElseThrow().asNumber()),
                    Long.parseLong(counts.field("requests").orElseThrow().asNumber()));
        }
    }

    private record Response(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The launcher's counts, over a connection of their own that moto closes after answering. */
    private Counts counts() throws IOException {
        try (Socket socket = open()) {
            send(socket, countsRequest(true));
            Response response = read(socket);
            assertEquals(200, response.status(), response.text());
            return Counts.of(response.text());
        }
    }

    private static String countsRequest(boolean close) {
        return "GET /jeton-moto-launcher/connections HTTP/1.1\r\nHost: localhost\r\n"
                + (close ? "Connection: close\r\n" : "") + "\r\n";
    }

    private String listTables() {
        String body = "{}";
        return "POST / HTTP/1.1\r\nHost: localhost\r\n" + dynamoDbHeaders() + "Content-Length: " + body.length()
                + "\r\n\r\n" + body;
    }

    /** moto routes a request to DynamoDB by its credential scope (it checks no signature). */
    private String dynamoDbHeaders() {
        return "X-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Type: application/x-amz-json-1.0\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/"
                + moto.region().id()
                + "/dynamodb/aws4_request, SignedHeaders=host, Signature=0\r\n";
    }

    private Socket open() throws IOException {
        Socket socket = new Socket(moto.endpoint().getHost(), moto.endpoint().getPort());
        socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
        return socket;
    }

    private static void send(Socket socket, String requests) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(requests.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static Response read(Socket socket) throws IOException {
        return read(socket, false);
    }

    /** One response: its status line, headers and body (by Content-Length, chunked, or none for a HEAD). */
    private static Response read(Socket socket, boolean head) throws IOException {
        InputStream in = socket.getInputStream();
        String statusLine = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(
                    header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    header.substring(colon + 1).trim());
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (head || status == 204 || status == 304) {
            return new Response(status, headers, body.toByteArray());
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).trim(), 16);
                    size > 0;
                    size = Integer.parseInt(line(in).trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
            line(in);
        } else {
            body.write(in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0"))));
        }
        return new Response(status, headers, body.toByteArray());
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the connection ended inside a response: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
