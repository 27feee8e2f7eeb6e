package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jetonvoucher.export.ExportJob;
import dev.jetonvoucher.fixtures.GateClient;
import dev.jetonvoucher.local.FunctionDef;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.local.TemplateResources;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.signing.SignatureCheck;
import dev.jetonvoucher.signing.Signer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code bin/invoke}: every file in events/ runs through its function of template.yaml (found from the event
 * itself: an HTTP API event's route key, an SQS event's queue), its placeholders filled in ({@link SampleEvents}),
 * and gets a sensible response; every function has a sample. What the samples reach beyond their function (the
 * platform's notification route for the emulator's IPNs, the callback inbox for the merchant callbacks) is served by a
 * local gateway ({@link EventFiles.Stage}).
 */
class InvokeTest {

    static final Signer BUILT_IN_SIGNER = new Signer(Sandbox.BUILT_IN_SECRET);
    static SamTemplate template;
    static String prefix;
    static EventFiles.Stage stage;
    /** The export job export-csv.json started, which export-worker.json writes. */
    static String exportJob;

    @BeforeAll
    static void loadTemplate() throws IOException {
        template = SamTemplate.load(SamTemplate.locate());
        prefix = TemplateResources.uniquePrefix("invoke");
        stage = EventFiles.Stage.start(template, LocalAwsEndpoint.shared(), prefix);
    }

    @AfterAll
    static void stopStage() throws IOException {
        stage.close();
    }

    /** One deployment for all files, run Gate requests first: the others name the payments those create. */
    @TestFactory
    Stream<DynamicTest> every_event_file_runs_through_its_function_with_a_sensible_response() throws IOException {
        List<Path> files = EventFiles.inRunOrder(template);
        assertFalse(files.isEmpty(), "events/ holds sample events");
        List<String> functions = files.stream()
                .map(file -> EventFiles.functionFor(template, read(file), file).logicalId())
                .distinct()
                .sorted()
                .toList();
        assertEquals(
                template.functions().stream()
                        .map(FunctionDef::logicalId)
                        .sorted()
                        .toList(),
                functions,
                "events/ has a sample for every function of template.yaml");
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    FunctionDef function = EventFiles.functionFor(template, read(file), file);
                    int callbacksBefore = stage.inbox().received().size();
                    Optional<Payment> before = namedPayment(read(file));
                    int lateResultsBefore = before.map(payment -> stage.wiring("ProviderCallbackFunction")
                                    .payments()
                                    .lateResults(payment.key())
                                    .size())
                            .orElse(0);
                    Invoke.Invocation invocation = Invoke.invoke(
                            template,
                            function,
                            file,
                            LocalAwsEndpoint.shared(),
                            prefix,
                            stage.projectsFile(),
                            stage.parameters());
                    JsonNode event = parse(invocation.event()); // as the function got it
                    if (event.has("routeKey")) {
                        assertSensibleHttpResponse(event, invocation);
                    } else {
                        SQSBatchResponse batch = assertInstanceOf(SQSBatchResponse.class, invocation.response());
                        assertTrue(
                                batch.getBatchItemFailures().isEmpty(),
                                "every message handled: " + invocation.responseJson());
                        assertEquals("{\"batchItemFailures\":[]}", invocation.responseJson());
                    }
                    switch (function.logicalId()) {
                        case "MerchantCallbackFunction" -> assertCallbackDelivered(event, callbacksBefore);
                        case "ProviderCallbackFunction", "ProviderCallbackApiFunction" ->
                            assertFinishedByTheNotification(event, before);
                        case "ProviderEmulatorIpnFunction" -> assertTheIpnReachedThePlatform(before, lateResultsBefore);
                        case "DispatchFunction" -> assertHandedToTheProvider(event);
                        case "ExportFunction" -> exportJob = startedJob(invocation);
                        case "ExportWorkerFunction" -> assertExportWritten();
                        default -> {}
                    }
                }));
    }

    /** The payment a provider notification sample names (its body's project_id and payment_id), as it is now. */
    private static Optional<Payment> namedPayment(JsonNode event) {
        String body = event.has("Records")
                ? event.path("Records").path(0).path("body").asText()
                : event.path("body").asText();
        if (!body.contains("\"provider_payment_id\"")) {
            return Optional.empty();
        }
        Matcher payment = Pattern.compile("\"payment_id\":\\s*\"([^\"]+)\"").matcher(body);
        assertTrue(payment.find(), body);
        return stage.wiring("ProviderCallbackFunction")
                .payments()
                .find(new PaymentKey(Sandbox.BUILT_IN_PROJECT_ID, payment.group(1)));
    }

    /** The notification finished its payment: processing before, its status after. */
    private static void assertFinishedByTheNotification(JsonNode event, Optional<Payment> before) {
        Payment processing = before.orElseThrow(() -> new AssertionError("the notification's payment exists"));
        assertFalse(processing.isFinal(), "the payment waits for its result: " + processing.status());
        Payment after = namedPayment(event).orElseThrow();
        assertTrue(after.isFinal(), "finished by the notification");
        assertEquals(notification(event).path("status").asText(), after.status().wire());
    }

    /** The IPN was posted to the platform, which took it (a duplicate result of a finished payment: recorded late). */
    private static void assertTheIpnReachedThePlatform(Optional<Payment> before, int lateResultsBefore) {
        Payment payment = before.orElseThrow(() -> new AssertionError("the IPN's payment exists"));
        assertTrue(payment.isFinal(), "finished by an earlier sample");
        PaymentStore payments = stage.wiring("ProviderCallbackFunction").payments();
        assertEquals(
                lateResultsBefore + 1, payments.lateResults(payment.key()).size(), "the platform recorded the IPN");
    }

    /** The dispatch handed the payment to the provider: the provider's reference is recorded. */
    private static void assertHandedToTheProvider(JsonNode event) {
        JsonNode message = parse(event.path("Records").path(0).path("body").asText());
        Payment payment = stage.wiring("DispatchFunction")
                .payments()
                .find(new PaymentKey(
                        message.path("project_id").asLong(),
                        message.path("payment_id").asText()))
                .orElseThrow(() -> new AssertionError("the dispatched payment exists: " + message));
        assertEquals(message.path("operation_id").asLong(), payment.operationId(), "the payment's operation");
        assertNotNull(payment.providerPaymentId(), "the provider's reference of the dispatched payment");
    }

    private static JsonNode notification(JsonNode event) {
        return parse(
                event.has("Records")
                        ? event.path("Records").path(0).path("body").asText()
                        : event.path("body").asText());
    }

    private static String startedJob(Invoke.Invocation invocation) {
        String location = header((APIGatewayV2HTTPResponse) invocation.response(), "Location");
        return location.substring(location.indexOf("job=") + "job=".length());
    }

    /** The worker wrote the job the export sample started: done, with the Gate samples' two payments. */
    private static void assertExportWritten() {
        assertNotNull(exportJob, "export-csv.json ran first and started a job");
        ExportJob job = stage.wiring("ExportWorkerFunction")
                .exportJobs()
                .find(exportJob)
                .orElseThrow(() -> new AssertionError("no job " + exportJob));
        assertEquals(ExportJob.Status.DONE, job.status(), String.valueOf(job.error()));
        assertTrue(job.rows() >= 2, "the Gate samples' payments are in the file: " + job.rows());
    }

    /** The merchant callback function posted the message's callback to the project's URL (the inbox), signed. */
    private static void assertCallbackDelivered(JsonNode event, int callbacksBefore) {
        String paymentId = parse(event.path("Records").path(0).path("body").asText())
                .path("payment_id")
                .asText();
        List<CallbackInbox.Received> received = stage.inbox().received();
        assertEquals(callbacksBefore + 1, received.size(), "one callback posted to the project's callback URL");
        CallbackInbox.Received callback = received.get(received.size() - 1);
        assertEquals(paymentId, callback.callback().path("payment").path("id").asText(), callback.body());
        assertEquals(SignatureCheck.Outcome.VALID, callback.signature(), "signed with the project's secret");
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

    /**
     * What each kind of route answers to its sample: the dashboard's sign-in a redirect home with a session cookie,
     * an export's start a redirect to its job's progress page, the provider emulator's submission 202 with its
     * order, the Payment Page its HTML form for the payment; every other route 200 with JSON, a signed answer
     * verifying with the built-in project's secret, the payment the event's.
     */
    private static void assertSensibleHttpResponse(JsonNode event, Invoke.Invocation invocation) {
        APIGatewayV2HTTPResponse response = assertInstanceOf(APIGatewayV2HTTPResponse.class, invocation.response());
        assertEquals(
                response.getStatusCode(),
                parse(invocation.responseJson()).path("statusCode").asInt(),
                "Lambda's JSON of the response");
        String routeKey = event.path("routeKey").asText();
        switch (routeKey) {
            case "POST /dashboard/sign-in" -> {
                assertEquals(303, response.getStatusCode(), response.getBody());
                assertEquals("/dashboard", header(response, "Location"));
                assertTrue(
                        response.getCookies() != null
                                && response.getCookies().stream()
                                        .anyMatch(cookie -> cookie.matches("jv_session=[^;]{20,};.*")),
                        "a session cookie: " + response.getCookies());
            }
            case "GET /dashboard/export.csv" -> {
                assertEquals(303, response.getStatusCode(), response.getBody());
                assertTrue(
                        header(response, "Location").matches("/dashboard/export\\?job=[^&]+"),
                        "to the new job's progress: " + header(response, "Location"));
            }
            case "POST /provider/v1/vouchers/redeem" -> {
                assertEquals(202, response.getStatusCode(), response.getBody());
                JsonNode request = parse(event.path("body").asText());
                JsonNode body = parse(response.getBody());
                assertEquals(
                        request.path("orderId").asText(), body.path("orderId").asText(), body.toString());
            }
            case "GET /payment" -> {
                assertEquals(200, response.getStatusCode(), response.getBody());
                assertTrue(header(response, "Content-Type").startsWith("text/html"), header(response, "Content-Type"));
                String paymentId =
                        event.path("queryStringParameters").path("payment_id").asText();
                assertTrue(
                        response.getBody().contains("<span id=\"payment-id\">" + paymentId + "</span>"),
                        "the page of payment " + paymentId + ": " + response.getBody());
                assertTrue(
                        response.getBody().contains("id=\"voucher-form\""), "the voucher form, forced by the request");
            }
            default -> assertSensibleJsonResponse(event, response);
        }
    }

    /** 200 with JSON; a signed answer verifies with the built-in project's secret; the payment is the event's. */
    private static void assertSensibleJsonResponse(JsonNode event, APIGatewayV2HTTPResponse response) {
        assertEquals(200, response.getStatusCode(), response.getBody());
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

    private static String header(APIGatewayV2HTTPResponse response, String name) {
        return response.getHeaders().entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " header: " + response.getHeaders()));
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
        return EventFiles.read(file);
    }

    private static JsonNode parse(String json) {
        try {
            return GateClient.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
