package dev.jetonvoucher.aws.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetonvoucher.web.WebRequest;
import dev.jetonvoucher.web.WebResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our functions read their events and write their answers themselves (they are stream handlers). Whatever they
 * read must be what the Lambda Java runtime's own serializer would have handed a typed handler, and whatever they
 * write must be what it would have written: that serializer is the reference here.
 */
class LambdaEventJsonTest {

    private static final Path EVENTS = Path.of("../../events");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> every_sample_event_reads_as_the_Lambda_runtime_reads_it() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(EVENTS)) {
            files = listing.filter(file -> file.toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
        assertTrue(files.size() >= 5, "the events/ folder: " + files);
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    byte[] json = Files.readAllBytes(file);
                    if (JSON.readTree(json).has("Records")) {
                        assertEquals(
                                runtime(SQSEvent.class).fromJson(new ByteArrayInputStream(json)),
                                LambdaEventJson.readQueueEvent(new ByteArrayInputStream(json)));
                    } else {
                        assertEquals(
                                runtime(APIGatewayV2HTTPEvent.class).fromJson(new ByteArrayInputStream(json)),
                                LambdaEventJson.readHttpEvent(new ByteArrayInputStream(json)));
                    }
                }));
    }

    @Test
    void an_HTTP_event_with_every_field_reads_as_the_runtime_reads_it_and_survives_a_round_trip() throws IOException {
        APIGatewayV2HTTPEvent event = fullHttpEvent();
        byte[] written = write(out -> LambdaEventJson.writeHttpEvent(event, out));

        assertEquals(event, LambdaEventJson.readHttpEvent(new ByteArrayInputStream(written)));
        assertEquals(
                runtime(APIGatewayV2HTTPEvent.class).fromJson(new ByteArrayInputStream(written)),
                LambdaEventJson.readHttpEvent(new ByteArrayInputStream(written)));
    }

    @Test
    void an_authorizer_in_the_request_context_is_left_out_and_everything_else_is_read() throws IOException {
        String withAuthorizer = """
                {"version": "2.0", "routeKey": "$default", "rawPath": "/status", "rawQueryString": "a=1",
                 "headers": {"host": "example.com"},
                 "requestContext": {"accountId": "123456789012", "apiId": "api", "requestId": "id",
                   "authorizer": {"jwt": {"claims": {"sub": "x"}, "scopes": ["read"]}},
                   "http": {"method": "GET", "path": "/status", "protocol": "HTTP/1.1", "sourceIp": "192.0.2.1",
                            "userAgent": "agent"}, "timeEpoch": 1583348638390},
                 "isBase64Encoded": false}
                """;
        APIGatewayV2HTTPEvent event = LambdaEventJson.readHttpEvent(stream(withAuthorizer));

        assertNull(event.getRequestContext().getAuthorizer());
        assertEquals("GET", event.getRequestContext().getHttp().getMethod());
        assertEquals(1583348638390L, event.getRequestContext().getTimeEpoch());
        assertEquals("a=1", event.getRawQueryString());
        assertEquals(Map.of("host", "example.com"), event.getHeaders());
    }

    @Test
    void an_HTTP_answer_is_written_as_the_runtime_writes_it() throws IOException {
        APIGatewayV2HTTPResponse response = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(302)
                .withHeaders(Map.of("Location", "/dashboard", "Content-Type", "text/html; charset=utf-8"))
                .withMultiValueHeaders(Map.of("Vary", List.of("Origin", "Cookie")))
                .withCookies(List.of("session=abc; HttpOnly; Secure; SameSite=Strict"))
                .withBody("<p>\"quoted\" \u00e9 \u2028</p>")
                .withIsBase64Encoded(false)
                .build();
        byte[] ours = write(out -> LambdaEventJson.writeHttpResponse(response, out));
        byte[] runtimes = write(out -> runtime(APIGatewayV2HTTPResponse.class).toJson(response, out));

        assertEquals(withoutNulls(JSON.readTree(runtimes)), JSON.readTree(ours));
        assertEquals(response, LambdaEventJson.readHttpResponse(new ByteArrayInputStream(ours)));
    }

    @Test
    void an_SQS_batch_with_every_field_reads_as_the_runtime_reads_it_and_survives_a_round_trip() throws IOException {
        SQSEvent batch = fullQueueEvent();
        byte[] written = write(out -> LambdaEventJson.writeQueueEvent(batch, out));

        assertEquals(batch, LambdaEventJson.readQueueEvent(new ByteArrayInputStream(written)));
        assertEquals(
                runtime(SQSEvent.class).fromJson(new ByteArrayInputStream(written)),
                LambdaEventJson.readQueueEvent(new ByteArrayInputStream(written)));
    }

    @Test
    void a_partial_batch_answer_is_written_as_the_runtime_writes_it() throws IOException {
        SQSBatchResponse response = new SQSBatchResponse(
                List.of(new SQSBatchResponse.BatchItemFailure("m-1"), new SQSBatchResponse.BatchItemFailure("m-3")));
        byte[] ours = write(out -> LambdaEventJson.writeBatchResponse(response, out));
        byte[] runtimes = write(out -> runtime(SQSBatchResponse.class).toJson(response, out));

        assertEquals(JSON.readTree(runtimes), JSON.readTree(ours));
        assertEquals(
                "{\"batchItemFailures\":[]}",
                new String(
                        write(out -> LambdaEventJson.writeBatchResponse(new SQSBatchResponse(List.of()), out)),
                        StandardCharsets.UTF_8));
        assertEquals(
                response.getBatchItemFailures(),
                LambdaEventJson.readBatchResponse(new ByteArrayInputStream(ours))
                        .getBatchItemFailures());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "[]", "\"text\"", "{\"version\": ", "{not json}"})
    void a_payload_that_is_not_a_JSON_object_fails_the_invocation_with_a_clear_error(String payload) {
        IOException failure = assertThrows(IOException.class, () -> LambdaEventJson.readHttpEvent(stream(payload)));
        assertTrue(failure.getMessage() != null && !failure.getMessage().isBlank());
        assertThrows(IOException.class, () -> LambdaEventJson.readQueueEvent(stream(payload)));
    }

    @Test
    void a_stream_handler_leaves_the_runtime_output_stream_open() throws IOException {
        HttpFunction function = new HttpFunction() {
            @Override
            protected WebResponse handle(WebRequest request) {
                return WebResponse.json(200, "{\"path\":\"" + request.path() + "\"}");
            }
        };
        ClosingWatcher out = new ClosingWatcher();
        function.handleRequest(stream("{\"rawPath\": \"/x\", \"isBase64Encoded\": false}"), out, new NoContext());

        assertTrue(!out.closed, "the runtime finishes the response; the function must not close its stream");
        JsonNode answer = JSON.readTree(out.toByteArray());
        assertEquals(200, answer.path("statusCode").asInt());
        assertEquals("{\"path\":\"/x\"}", answer.path("body").asText());
    }

    private static APIGatewayV2HTTPEvent fullHttpEvent() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/x-www-form-urlencoded");
        headers.put("origin", "https://pay.example.com");
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("POST /payment/submit")
                .withRawPath("/payment/submit")
                .withRawQueryString("project_id=239&x=%C3%A9")
                .withCookies(List.of("a=1", "b=2"))
                .withHeaders(headers)
                .withQueryStringParameters(Map.of("project_id", "239", "x", "é"))
                .withPathParameters(Map.of("id", "7"))
                .withStageVariables(Map.of("stage", "prod"))
                .withBody("YW1vdW50PTEwMDA=")
                .withIsBase64Encoded(true)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey("POST /payment/submit")
                        .withAccountId("123456789012")
                        .withStage("$default")
                        .withApiId("abc123")
                        .withDomainName("pay.example.com")
                        .withDomainPrefix("pay")
                        .withTime("28/Nov/2026:12:00:00 +0000")
                        .withTimeEpoch(1795867200000L)
                        .withRequestId("req-1")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("POST")
                                .withPath("/payment/submit")
                                .withProtocol("HTTP/1.1")
                                .withSourceIp("198.51.100.7")
                                .withUserAgent("Mozilla/5.0")
                                .build())
                        .build())
                .build();
    }

    private static SQSEvent fullQueueEvent() {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("m-" + i);
            message.setReceiptHandle("handle-" + i);
            message.setBody("{\"kind\": \"poll\", \"n\": " + i + "}");
            message.setMd5OfBody("0123456789abcdef0123456789abcdef");
            message.setMd5OfMessageAttributes("fedcba9876543210fedcba9876543210");
            message.setEventSource("aws:sqs");
            message.setEventSourceArn("arn:aws:sqs:eu-west-1:123456789012:StatusPollQueue");
            message.setAwsRegion("eu-west-1");
            message.setAttributes(
                    Map.of("ApproximateReceiveCount", String.valueOf(i), "SentTimestamp", "1795867200000"));
            SQSEvent.MessageAttribute text = new SQSEvent.MessageAttribute();
            text.setDataType("String");
            text.setStringValue("value");
            SQSEvent.MessageAttribute binary = new SQSEvent.MessageAttribute();
            binary.setDataType("Binary");
            binary.setBinaryValue(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            Map<String, SQSEvent.MessageAttribute> attributes = new LinkedHashMap<>();
            attributes.put("text", text);
            attributes.put("binary", binary);
            message.setMessageAttributes(attributes);
            messages.add(message);
        }
        SQSEvent batch = new SQSEvent();
        batch.setRecords(messages);
        return batch;
    }

    private static <T> PojoSerializer<T> runtime(Class<T> type) {
        return LambdaEventSerializers.serializerFor(type, LambdaEventJsonTest.class.getClassLoader());
    }

    /** The runtime writes absent fields as null; we leave them out. Both mean the same to API Gateway. */
    private static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            var copy = JSON.createObjectNode();
            node.properties().forEach(field -> {
                if (!field.getValue().isNull()) {
                    copy.set(field.getKey(), withoutNulls(field.getValue()));
                }
            });
            return copy;
        }
        return node;
    }

    private interface Writing {
        void to(OutputStream out) throws IOException;
    }

    private static byte[] write(Writing writing) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writing.to(out);
        return out.toByteArray();
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static final class ClosingWatcher extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final class NoContext implements Context {
        @Override
        public String getAwsRequestId() {
            return "test";
        }

        @Override
        public String getLogGroupName() {
            return "test";
        }

        @Override
        public String getLogStreamName() {
            return "test";
        }

        @Override
        public String getFunctionName() {
            return "test";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:eu-west-1:123456789012:function:test";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 3000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
