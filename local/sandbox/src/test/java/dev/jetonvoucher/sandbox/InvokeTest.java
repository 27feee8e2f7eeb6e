package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jetonvoucher.fixtures.GateClient;
import dev.jetonvoucher.local.FunctionDef;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.local.TemplateResources;
import dev.jetonvoucher.signing.Signer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code bin/invoke}: every file in events/ runs through its function of template.yaml (found from the event
 * itself: an HTTP API event's route key, an SQS event's queue) and gets a sensible response.
 */
class InvokeTest {

    static final Signer BUILT_IN_SIGNER = new Signer(Sandbox.BUILT_IN_SECRET);
    static SamTemplate template;
    static Path projectsFile;

    @BeforeAll
    static void loadTemplate() throws IOException {
        template = SamTemplate.load(SamTemplate.locate());
        projectsFile = Files.createTempFile("invoke-test-projects-", ".json");
        Files.writeString(projectsFile, Sandbox.BUILT_IN_PROJECTS);
    }

    @AfterAll
    static void removeProjectsFile() throws IOException {
        Files.deleteIfExists(projectsFile);
    }

    /** One deployment for all files, run Gate requests first: the others name the payments those create. */
    @TestFactory
    Stream<DynamicTest> every_event_file_runs_through_its_function_with_a_sensible_response() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(template.path().getParent().resolve("events"))) {
            files = listing.filter(file -> file.toString().endsWith(".json"))
                    .sorted(Comparator.comparing((Path file) -> !isGateRequest(read(file)))
                            .thenComparing(file -> file.getFileName().toString()))
                    .toList();
        }
        assertFalse(files.isEmpty(), "events/ holds sample events");
        String prefix = TemplateResources.uniquePrefix("invoke");
        Map<String, String> parameters = Sandbox.localParameters();
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    JsonNode event = read(file);
                    FunctionDef function = functionFor(event, file);
                    Invoke.Invocation invocation = Invoke.invoke(
                            template, function, file, LocalAwsEndpoint.shared(), prefix, projectsFile, parameters);
                    if (event.has("routeKey")) {
                        assertSensibleHttpResponse(event, invocation);
                    } else {
                        SQSBatchResponse batch = assertInstanceOf(SQSBatchResponse.class, invocation.response());
                        assertTrue(
                                batch.getBatchItemFailures().isEmpty(),
                                "every message handled: " + invocation.responseJson());
                        assertEquals("{\"batchItemFailures\":[]}", invocation.responseJson());
                    }
                }));
    }

    @Test
    void the_command_prints_the_response_as_json_and_exits_0() {
        Run run = invokeCommand(
                "HealthFunction",
                eventFile("health.json").toString(),
                "--aws-endpoint",
                LocalAwsEndpoint.shared().endpoint().toString());

        assertEquals(0, run.exitCode());
        JsonNode response = parse(run.stdout());
        assertEquals(200, response.path("statusCode").asInt());
        assertEquals("{\"status\":\"ok\"}", response.path("body").asText());
    }

    @Test
    void the_command_names_what_is_wrong_before_starting_anything() {
        assertEquals(2, invokeCommand("HealthFunction").exitCode());
        assertEquals(
                2,
                invokeCommand("HealthFunction", "events/health.json", "--colour")
                        .exitCode());
        assertEquals(
                1,
                invokeCommand("NoSuchFunction", eventFile("health.json").toString())
                        .exitCode());
    }

    @Test
    void an_event_file_that_is_not_a_JSON_object_is_reported_with_its_name() throws IOException {
        Path broken = Files.createTempFile("broken-event-", ".json");
        try {
            Files.writeString(broken, "{\"version\": \"2.0\", ");
            IllegalArgumentException truncated =
                    assertThrows(IllegalArgumentException.class, () -> Invoke.readEvent(broken));
            assertTrue(truncated.getMessage().startsWith(broken + " is not readable JSON"), truncated.getMessage());
            Files.writeString(broken, "[1, 2]");
            IllegalArgumentException array =
                    assertThrows(IllegalArgumentException.class, () -> Invoke.readEvent(broken));
            assertEquals(broken + " is not a JSON object", array.getMessage());
        } finally {
            Files.deleteIfExists(broken);
        }
    }

    /** 200 with JSON; a signed answer verifies with the built-in project's secret; the payment is the event's. */
    private static void assertSensibleHttpResponse(JsonNode event, Invoke.Invocation invocation) {
        APIGatewayV2HTTPResponse response = assertInstanceOf(APIGatewayV2HTTPResponse.class, invocation.response());
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(200, parse(invocation.responseJson()).path("statusCode").asInt(), "Lambda's JSON of the response");
        JsonNode body = parse(response.getBody());
        if (body.has("signature")) {
            assertTrue(BUILT_IN_SIGNER.check(body).valid(), "the answer is signed with the project's secret");
        }
        JsonNode request =
                event.path("body").isTextual() ? parse(event.path("body").asText()) : null;
        if (request != null && request.path("general").has("payment_id")) {
            assertTrue(BUILT_IN_SIGNER.check(request).valid(), "the sample request is signed with sandbox-secret-239");
            String paymentId = request.path("general").path("payment_id").asText();
            assertEquals(
                    paymentId,
                    body.has("payment_id")
                            ? body.path("payment_id").asText()
                            : body.path("payment").path("id").asText(),
                    body.toString());
            if (body.has("status")) {
                assertEquals("success", body.path("status").asText(), body.toString());
            }
        }
    }

    /** The function an event is for, as the template wires it: by HTTP API route key or by SQS queue. */
    private static FunctionDef functionFor(JsonNode event, Path file) {
        if (event.has("routeKey")) {
            String routeKey = event.path("routeKey").asText();
            return template.functions().stream()
                    .filter(function -> function.httpRoutes().stream()
                            .anyMatch(route -> (route.method() + " " + route.path()).equals(routeKey)))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(file + ": no function serves " + routeKey));
        }
        String queueArn = event.path("Records").path(0).path("eventSourceARN").asText();
        String queue = queueArn.substring(queueArn.lastIndexOf(':') + 1);
        return template.functions().stream()
                .filter(function -> function.sqsTriggers().stream()
                        .anyMatch(trigger -> trigger.queueLogicalId().equals(queue)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(file + ": no function of template.yaml matches this"
                        + " event (an HTTP API routeKey or an SQS eventSourceARN naming a queue's logical id)"));
    }

    private static boolean isGateRequest(JsonNode event) {
        return event.path("routeKey").asText().startsWith("POST /v2/payment/voucher/");
    }

    private static Path eventFile(String name) {
        return template.path().getParent().resolve("events").resolve(name);
    }

    private static Run invokeCommand(String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        String configuredEndpoint = System.getProperty("aws.endpointUrl");
        int exitCode;
        try (PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8)) {
            exitCode = Invoke.run(args, out);
        } finally {
            // --aws-endpoint sets this for the whole JVM, as it should in the command's own
            if (configuredEndpoint == null) {
                System.clearProperty("aws.endpointUrl");
            } else {
                System.setProperty("aws.endpointUrl", configuredEndpoint);
            }
        }
        return new Run(exitCode, stdout.toString(StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String stdout) {}

    private static JsonNode read(Path file) {
        try {
            return GateClient.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return GateClient.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
