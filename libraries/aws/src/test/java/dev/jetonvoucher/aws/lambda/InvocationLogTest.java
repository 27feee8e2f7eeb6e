package dev.jetonvoucher.aws.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.web.WebRequest;
import dev.jetonvoucher.web.WebResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lines a handler logs while Lambda invokes it carry the Context's request id and function name, and the first
 * invocation of the handler (the container's) is the cold start.
 */
class InvocationLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    @BeforeEach
    void writeJson() {
        Log.configure(new PrintStream(written, true, StandardCharsets.UTF_8), true);
    }

    @AfterEach
    void restoreStandardOutput() {
        Log.configure(System.out, false);
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : written.toString(StandardCharsets.UTF_8).lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static final class LoggingHttpFunction extends HttpFunction {
        @Override
        protected WebResponse handle(WebRequest request) {
            Log.info("http.handled", "path", request.path());
            return WebResponse.json(200, "{}");
        }
    }

    private static final class LoggingQueueFunction extends QueueFunction {
        @Override
        public SQSBatchResponse handleRequest(SQSEvent batch, Context context) {
            Log.info("batch.handled", "messages", batch.getRecords().size());
            return new SQSBatchResponse(List.of());
        }
    }

    private static byte[] httpEvent() throws Exception {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        LambdaEventJson.writeHttpEvent(
                APIGatewayV2HTTPEvent.builder()
                        .withVersion("2.0")
                        .withRawPath("/health")
                        .withHeaders(Map.of())
                        .build(),
                json);
        return json.toByteArray();
    }

    private static byte[] queueEvent() throws Exception {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m-1");
        message.setBody("{}");
        message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        SQSEvent batch = new SQSEvent();
        batch.setRecords(List.of(message));
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        LambdaEventJson.writeQueueEvent(batch, json);
        return json.toByteArray();
    }

    @Test
    void an_http_functions_first_invocation_is_cold_and_the_next_warm_each_with_its_request_id() throws Exception {
        HttpFunction function = new LoggingHttpFunction();
        function.handleRequest(
                new ByteArrayInputStream(httpEvent()),
                new ByteArrayOutputStream(),
                new FixedContext("req-1", "stack-HealthFunction-X"));
        function.handleRequest(
                new ByteArrayInputStream(httpEvent()),
                new ByteArrayOutputStream(),
                new FixedContext("req-2", "stack-HealthFunction-X"));

        List<JsonNode> lines = lines();
        assertEquals(2, lines.size(), lines::toString);
        assertEquals("req-1", lines.get(0).get("aws_request_id").asText());
        assertEquals("stack-HealthFunction-X", lines.get(0).get("function").asText());
        assertTrue(lines.get(0).get("cold_start").booleanValue());
        assertEquals("req-2", lines.get(1).get("aws_request_id").asText());
        assertFalse(lines.get(1).get("cold_start").booleanValue());
        assertEquals("/health", lines.get(1).get("path").asText());
    }

    @Test
    void a_queue_functions_lines_carry_the_invocation_too() throws Exception {
        QueueFunction function = new LoggingQueueFunction();
        function.handleRequest(
                new ByteArrayInputStream(queueEvent()),
                new ByteArrayOutputStream(),
                new FixedContext("req-q1", "stack-DispatchFunction-Y"));
        function.handleRequest(
                new ByteArrayInputStream(queueEvent()),
                new ByteArrayOutputStream(),
                new FixedContext("req-q2", "stack-DispatchFunction-Y"));

        List<JsonNode> lines = lines();
        assertEquals(
                List.of("req-q1", "req-q2"),
                lines.stream().map(l -> l.get("aws_request_id").asText()).toList());
        assertEquals(
                List.of(true, false),
                lines.stream().map(l -> l.get("cold_start").booleanValue()).toList());
        assertEquals("stack-DispatchFunction-Y", lines.get(1).get("function").asText());
    }

    @Test
    void each_handler_has_its_own_first_invocation() throws Exception {
        new LoggingHttpFunction()
                .handleRequest(
                        new ByteArrayInputStream(httpEvent()),
                        new ByteArrayOutputStream(),
                        new FixedContext("a", "one"));
        new LoggingHttpFunction()
                .handleRequest(
                        new ByteArrayInputStream(httpEvent()),
                        new ByteArrayOutputStream(),
                        new FixedContext("b", "other"));

        assertEquals(
                List.of(true, true),
                lines().stream().map(l -> l.get("cold_start").booleanValue()).toList());
    }

    @Test
    void a_line_after_the_invocation_carries_no_request_id() throws Exception {
        new LoggingHttpFunction()
                .handleRequest(
                        new ByteArrayInputStream(httpEvent()),
                        new ByteArrayOutputStream(),
                        new FixedContext("req-1", "fn"));
        Log.info("after");

        JsonNode after = lines().get(1);
        assertEquals("after", after.get("event").asText());
        assertFalse(after.has("aws_request_id"), after::toString);
    }

    private record FixedContext(String requestId, String functionName) implements Context {
        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/stack/" + functionName;
        }

        @Override
        public String getLogStreamName() {
            return "stream";
        }

        @Override
        public String getFunctionName() {
            return functionName;
        }

        @Override
        public String getFunctionVersion() {
            return "1";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:eu-west-1:123456789012:function:" + functionName;
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
