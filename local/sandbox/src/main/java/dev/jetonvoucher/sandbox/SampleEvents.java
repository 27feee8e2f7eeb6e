package dev.jetonvoucher.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.analysis.DashboardSessions;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.export.ExportJob;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.local.FunctionDef;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.local.TemplateResources;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.provider.http.WalletApi;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import dev.jetonvoucher.signing.Signer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The placeholders of the sample events in events/: what a committed file cannot hold because it exists only at run
 * time, filled in just before the event goes to its function ({@code bin/invoke}, {@link Invoke}; the tests that run
 * every file). A file without placeholders is passed on unchanged, byte for byte.
 *
 * <ul>
 *   <li>{@code {{operation_id:PAYMENT_ID}}}: the operation id of the built-in project's (239) payment PAYMENT_ID, as
 *       its acceptance drew it (the Gate samples create EVENT-SALE-0001 and EVENT-PAYOUT-0001 and run first);
 *   <li>{@code {{now}}}, {@code {{now_epoch_seconds}}}: the current time (ISO-8601, whole seconds) and as epoch
 *       seconds;
 *   <li>{@code {{dashboard_session}}}: a session token of project 239, from a sign-in with its secret key (the
 *       sandbox's built-in credentials, {@code sandbox-secret-239}) as {@code POST /dashboard/sign-in} does it;
 *   <li>{@code {{export_job}}}: the newest queued export job of project 239 (the one the export sample started);
 *   <li>in a JSON body (an HTTP event's {@code body}, an SQS record's {@code body}), {@code "signature":
 *       "{{provider_signature}}"}: the object signed with the platform's provider key (ProviderSigningKey), as the
 *       provider signs its notifications; {@code "signature": "{{project_signature}}"}: signed with its
 *       {@code project_id}'s secret key, as the platform signs its callbacks;
 *   <li>in a callback message, {@code "sealed_body"} given as a JSON object: that callback, signed as above, then
 *       sealed with the voucher transit key (VoucherTransitKey) for the message's payment and operation, as the
 *       Finalizer queues it;
 *   <li>the header {@code x-jeton-signature: {{provider_request_signature}}}: the provider API's request signature
 *       (WalletApi: HMAC of the {@code x-jeton-timestamp} header, method, path and body with the provider key), as
 *       the platform's HTTP connector sends it to the provider emulator.
 * </ul>
 *
 * The keys are the invocation's own (a fresh run's, or a kept state's), which is why no file can carry them. The
 * benchmark's cold starts fill the same placeholders for their own project instead of 239 (the public constructor).
 */
public final class SampleEvents {

    private static final Pattern OPERATION_ID = Pattern.compile("\\{\\{operation_id:([^{}]+)}}");
    private static final String PROVIDER_SIGNATURE = "{{provider_signature}}";
    private static final String PROJECT_SIGNATURE = "{{project_signature}}";
    private static final String PROVIDER_REQUEST_SIGNATURE = "{{provider_request_signature}}";

    private final long project;
    private final SamTemplate template;
    private final TemplateResources.Deployed resources;
    private final LocalAwsEndpoint endpoint;
    private final Map<String, String> parameters;
    private final Path projectsFile;
    private final Clock clock;
    private final Map<String, Wiring> wirings = new HashMap<>();

    /**
     * @param parameters the invocation's parameters, with its platform keys (ProviderSigningKey, VoucherTransitKey)
     */
    SampleEvents(
            SamTemplate template,
            TemplateResources.Deployed resources,
            LocalAwsEndpoint endpoint,
            Map<String, String> parameters,
            Path projectsFile,
            Clock clock) {
        this(Sandbox.BUILT_IN_PROJECT_ID, template, resources, endpoint, parameters, projectsFile, clock);
    }

    /**
     * The samples' placeholders filled in for another project than the built-in one (the benchmark's: its cold
     * starts serve these samples on its own deployment, project and keys): its payments' operation ids, a dashboard
     * session of it, its newest queued export job. The project must be in the project file, with its secret key.
     *
     * @param parameters the invocation's parameters, with its platform keys (ProviderSigningKey, VoucherTransitKey)
     */
    public SampleEvents(
            long project,
            SamTemplate template,
            TemplateResources.Deployed resources,
            LocalAwsEndpoint endpoint,
            Map<String, String> parameters,
            Path projectsFile,
            Clock clock) {
        this.project = project;
        this.template = template;
        this.resources = resources;
        this.endpoint = endpoint;
        this.parameters = parameters;
        this.projectsFile = projectsFile;
        this.clock = clock;
    }

    /** The event with its placeholders filled in; the same bytes if it has none. */
    public byte[] resolve(byte[] event) {
        String text = new String(event, StandardCharsets.UTF_8);
        if (!text.contains("{{")) {
            return event;
        }
        text = replaceOperationIds(text);
        text = text.replace(
                        "{{now}}",
                        clock.instant().truncatedTo(ChronoUnit.SECONDS).toString())
                .replace("{{now_epoch_seconds}}", Long.toString(clock.instant().getEpochSecond()));
        if (text.contains("{{dashboard_session}}")) {
            text = text.replace("{{dashboard_session}}", dashboardSession());
        }
        if (text.contains("{{export_job}}")) {
            text = text.replace("{{export_job}}", newestQueuedExportJob());
        }
        JsonNode root = parse(text, "the event");
        if (root instanceof ObjectNode object) {
            if (object.path("body").isTextual()) {
                object.put("body", resolveBody(object.path("body").asText()));
                signProviderRequest(object);
            }
            for (JsonNode record : object.path("Records")) {
                if (record instanceof ObjectNode message && message.path("body").isTextual()) {
                    message.put("body", resolveBody(message.path("body").asText()));
                }
            }
        }
        String resolved = Json.write(root);
        if (resolved.contains("{{")) {
            throw unknownPlaceholder(resolved);
        }
        return resolved.getBytes(StandardCharsets.UTF_8);
    }

    private String replaceOperationIds(String text) {
        Matcher placeholder = OPERATION_ID.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (placeholder.find()) {
            String paymentId = placeholder.group(1);
            Payment payment = wiring("ProviderCallbackFunction")
                    .payments()
                    .find(new PaymentKey(project, paymentId))
                    .orElseThrow(() -> new IllegalStateException("the event names the operation of payment " + paymentId
                            + " of project " + project + ", which does not exist (yet): run the Gate samples first,"
                            + " e.g. bin/invoke GateSaleFunction events/gate-sale.json"));
            placeholder.appendReplacement(resolved, Long.toString(payment.operationId()));
        }
        placeholder.appendTail(resolved);
        return resolved.toString();
    }

    /** Signs in as the project does in the dashboard's form, with its secret key from the project file. */
    private String dashboardSession() {
        Wiring wiring = wiring("ExportFunction");
        Project signingIn = wiring.projects()
                .find(project)
                .orElseThrow(() -> new IllegalStateException("the project file has no project " + project));
        DashboardSessions sessions =
                new DashboardSessions(wiring.projects(), wiring.sessions(), wiring.signInAttempts(), clock);
        if (sessions.signIn(Long.toString(project), signingIn.secretKey(), "127.0.0.1")
                instanceof DashboardSessions.SignIn.SignedIn signedIn) {
            return signedIn.token();
        }
        throw new IllegalStateException("project " + project + " could not sign in to the dashboard");
    }

    private String newestQueuedExportJob() {
        Wiring wiring = wiring("ExportWorkerFunction");
        Map<String, AttributeValue> start = null;
        ExportJob newest = null;
        do {
            var page = endpoint.dynamoDb()
                    .scan(ScanRequest.builder()
                            .tableName(resources.tableName("DashboardSessionsTable"))
                            .consistentRead(true)
                            .filterExpression("begins_with(pk, :export)")
                            .expressionAttributeValues(Map.of(":export", AttributeValue.fromS("export#")))
                            .exclusiveStartKey(start)
                            .build());
            for (Map<String, AttributeValue> item : page.items()) {
                Optional<ExportJob> job = wiring.exportJobs()
                        .find(item.get("pk").s().substring("export#".length()))
                        .filter(found -> found.projectId() == project && found.status() == ExportJob.Status.QUEUED);
                if (job.isPresent() && (newest == null || job.get().createdAt().isAfter(newest.createdAt()))) {
                    newest = job.get();
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        if (newest == null) {
            throw new IllegalStateException("project " + project + " has no queued export job: start one first, e.g."
                    + " bin/invoke ExportFunction events/export-csv.json");
        }
        return newest.id();
    }

    /** A JSON body with its signatures and sealed callback bodies made; any other body as it is. */
    private String resolveBody(String body) {
        if (!body.contains("{{") || !body.stripLeading().startsWith("{")) {
            return body;
        }
        JsonNode node;
        try {
            node = Json.parse(body);
        } catch (JsonProcessingException e) {
            throw unknownPlaceholder(body);
        }
        return Json.write(resolveSignatures(node));
    }

    private JsonNode resolveSignatures(JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            return node;
        }
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            object.set(name, resolveSignatures(object.get(name)));
        }
        if (object.path("sealed_body").isObject()) {
            String callback = Json.write(object.get("sealed_body"));
            PaymentKey key = new PaymentKey(
                    object.path("project_id").asLong(),
                    object.path("payment_id").asText());
            object.put(
                    "sealed_body",
                    new VoucherTransitCipher(parameter("VoucherTransitKey"))
                            .sealCallbackBody(
                                    callback, key, object.path("operation_id").asLong()));
        }
        String signature = object.path("signature").asText("");
        if (signature.equals(PROVIDER_SIGNATURE)) {
            object.remove("signature");
            return new Signer(parameter("ProviderSigningKey")).signTopLevel(object);
        }
        if (signature.equals(PROJECT_SIGNATURE)) {
            object.remove("signature");
            long projectId = object.path("project_id").asLong();
            Project project = wiring("MerchantCallbackFunction")
                    .projects()
                    .find(projectId)
                    .orElseThrow(() -> new IllegalStateException("the project file has no project " + projectId));
            return new Signer(project.secretKey()).signTopLevel(object);
        }
        return object;
    }

    /** The provider API's request signature over the (resolved) body, as the platform's HTTP connector signs. */
    private void signProviderRequest(ObjectNode event) {
        if (!(event.get("headers") instanceof ObjectNode headers)) {
            return;
        }
        String signatureHeader = WalletApi.SIGNATURE_HEADER.toLowerCase(Locale.ROOT);
        if (!PROVIDER_REQUEST_SIGNATURE.equals(headers.path(signatureHeader).asText())) {
            return;
        }
        long timestamp = Long.parseLong(headers.path(WalletApi.TIMESTAMP_HEADER.toLowerCase(Locale.ROOT))
                .asText()
                .strip());
        String method = event.path("requestContext").path("http").path("method").asText("POST");
        headers.put(
                signatureHeader,
                WalletApi.signature(
                        parameter("ProviderSigningKey"),
                        timestamp,
                        method,
                        event.path("rawPath").asText(),
                        event.path("body").asText()));
    }

    private String parameter(String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw new IllegalStateException("no " + name + " for this invocation");
        }
        return value;
    }

    /** A function's services as its own environment wires them (the tables and keys of this invocation). */
    private Wiring wiring(String logicalId) {
        return wirings.computeIfAbsent(logicalId, id -> {
            FunctionDef function = Invoke.function(template, id);
            return Wiring.of(
                    LocalRuntime.functionEnvironment(resources, function, endpoint, parameters, projectsFile), clock);
        });
    }

    private static IllegalArgumentException unknownPlaceholder(String text) {
        int at = text.indexOf("{{");
        int end = text.indexOf("}}", at);
        return new IllegalArgumentException("unknown placeholder in the event: "
                + text.substring(at, end < 0 ? Math.min(text.length(), at + 60) : end + 2));
    }

    private static JsonNode parse(String json, String what) {
        try {
            return Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    what + " is not JSON after its placeholders: " + e.getOriginalMessage(), e);
        }
    }
}
