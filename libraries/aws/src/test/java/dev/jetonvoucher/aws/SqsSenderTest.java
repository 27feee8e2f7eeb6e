package dev.jetonvoucher.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * {@link SqsSender} against a scripted endpoint: the request it signs and sends, its tries again on 5xx and
 * throttling (and only on those), and the body digest it checks. The contract on SQS itself is {@link
 * SqsWorkQueuesTest}'s.
 */
class SqsSenderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUEUE = "http://sqs.local/000000000000/q";

    private record Answer(int status, String body) {}

    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<JsonNode> requests = new ArrayList<>();
    private final List<String> targets = new ArrayList<>();
    private final List<String> authorizations = new ArrayList<>();
    private HttpServer server;
    private SqsSender sender;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            synchronized (this) {
                requests.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
                targets.add(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            }
            Answer answer = script.isEmpty() ? new Answer(500, "{}") : script.poll();
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        sender = new SqsSender(
                AwsClients.newHttpClient(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
                Region.EU_WEST_1,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static Answer sent(String body) {
        return new Answer(200, "{\"MD5OfMessageBody\":\"" + SqsSender.md5Hex(body) + "\",\"MessageId\":\"m-1\"}");
    }

    @Test
    void sends_one_signed_send_message_with_the_queue_the_body_and_the_delay() {
        String body = "{\"a\":\"ä €\"}";
        script.add(sent(body));

        sender.send(QUEUE, body, 30);

        assertEquals(1, requests.size());
        assertEquals("AmazonSQS.SendMessage", targets.get(0));
        assertTrue(
                authorizations.get(0).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), authorizations::toString);
        assertTrue(authorizations.get(0).contains("/eu-west-1/sqs/aws4_request"), authorizations::toString);
        assertEquals(QUEUE, requests.get(0).path("QueueUrl").asText());
        assertEquals(body, requests.get(0).path("MessageBody").asText());
        assertEquals(30, requests.get(0).path("DelaySeconds").asInt());
    }

    @Test
    void priming_sends_nothing() {
        sender.prime();
        assertTrue(requests.isEmpty());
    }

    @Test
    void no_delay_is_left_out() {
        script.add(sent("x"));
        sender.send(QUEUE, "x", 0);
        assertTrue(requests.get(0).path("DelaySeconds").isMissingNode());
    }

    @Test
    void tries_again_after_server_errors_and_throttling() {
        script.add(new Answer(500, "{\"__type\":\"InternalError\"}"));
        script.add(new Answer(400, "{\"__type\":\"com.amazonaws.sqs#RequestThrottled\",\"message\":\"slow down\"}"));
        script.add(sent("x"));

        sender.send(QUEUE, "x", 0);

        assertEquals(3, requests.size());
    }

    @Test
    void gives_up_after_three_tries() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> sender.send(QUEUE, "x", 0));
        assertEquals(SqsSender.ATTEMPTS, requests.size());
        assertTrue(error.getMessage().contains("HTTP 500"), error::getMessage);
    }

    @Test
    void a_client_error_is_not_tried_again() {
        script.add(
                new Answer(
                        400,
                        "{\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\",\"message\":\"The specified queue does not exist.\"}"));

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> sender.send(QUEUE, "x", 0));

        assertEquals(1, requests.size());
        assertEquals(
                "SQS SendMessage to " + QUEUE + " failed: HTTP 400 com.amazonaws.sqs#QueueDoesNotExist"
                        + " The specified queue does not exist.",
                error.getMessage());
    }

    @Test
    void a_digest_that_does_not_match_the_body_fails() {
        script.add(sent("another body"));

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> sender.send(QUEUE, "x", 0));

        assertTrue(error.getMessage().contains("MD5 digest"), error::getMessage);
    }
}
