package dev.jetonvoucher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.analysis.DashboardSessions;
import dev.jetonvoucher.export.ExportJob;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.local.FunctionDef;
import dev.jetonvoucher.local.HttpRoute;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.signing.PaymentPageUrl;
import dev.jetonvoucher.signing.Signer;
import dev.jetonvoucher.workflow.WorkMessages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The events of one measurement lane in one round: each cold start serves a real, fresh piece of work, the way
 * it would arrive in AWS. Sale A goes through every function in turn (the Gate sale's own dispatch message, the
 * notification the provider sent, the callback the finish queued); sale B (prepared in process) is finished by
 * a status poll; sale C by an HTTP notification; payment G is opened on the Payment Page. The Data API lists the
 * round's operations; the dashboard signs the project in; the export function starts an export job (with a session
 * from the real sign-in) of one past day that holds {@link #EXPORT_ROWS} payments seeded for it, which the export
 * worker then writes from the message it queued; sale E (accepted in
 * process) is redeemed at the provider emulator service with a request signed as the HTTP connector signs it, and
 * the emulator's IPN for it is posted by the IPN function to the platform's notification route, which finishes sale
 * E. The events start from the events/ samples, their placeholders filled by the sandbox's {@code SampleEvents} for
 * the benchmark's project and keys. A function the benchmark does not know (a later issue's) gets a request with an
 * empty JSON object: its cold start still includes its init and an answer (the report marks it †).
 */
final class ColdStartInputs {

    /** Functions in the order their inputs become available. */
    static final List<String> KNOWN_ORDER = List.of(
            "GateSaleFunction",
            "DispatchFunction",
            "StatusPollFunction",
            "ProviderCallbackFunction",
            "MerchantCallbackFunction",
            "GatePayoutFunction",
            "StatusFunction",
            "HealthFunction",
            "ProviderCallbackApiFunction",
            "PaymentPageFunction",
            "DataApiFunction",
            "DashboardFunction",
            "ExportFunction",
            "ExportWorkerFunction",
            "ProviderEmulatorFunction",
            "ProviderEmulatorIpnFunction");

    /**
     * Whether the function gets the placeholder request ({@link #genericEvent}): a function this class has no real
     * event for yet (one a later template adds).
     */
    static boolean servesPlaceholder(String function) {
        return !KNOWN_ORDER.contains(function);
    }

    /** What a known HTTP function answers when it did its work, where that is not 200 (all queue workers: no failure). */
    static final Map<String, Integer> SUCCESS_STATUS = Map.of(
            "DashboardFunction", 303, // the sign-in: home, with the session cookie
            "ExportFunction", 303, // the job started: to its progress page
            "ProviderEmulatorFunction", 202); // the order accepted

    /**
     * The payments of the export's day, seeded once per run ({@link #seedExportDay}): every lane and round exports
     * the same rows. (It exported the last seven days before, so its work grew with every lane the run added.)
     */
    static final int EXPORT_ROWS = 50;

    /** A day nothing else of the run writes in: the analysis benchmark's windows end yesterday and span 60 days. */
    static final LocalDate EXPORT_DAY = LocalDate.of(2025, 1, 15);

    private static final Pattern EXPORT_PROGRESS = Pattern.compile("/dashboard/export\\?job=([^&]+)");

    private static final ObjectMapper JSON = Json.mapper();
    private static final Duration MESSAGE_WAIT = Duration.ofSeconds(20);

    private final BenchDeployment deployment;
    private final String prefix;
    private final int round;
    private final Signer signer = new Signer(BenchDeployment.SECRET);
    /** When the round's inputs began: the Data API lists the operations made since. */
    private final Instant roundStart;
    /** The export job this lane's export function started in this round (for the export worker). */
    private String exportJob;

    ColdStartInputs(BenchDeployment deployment, String lane, int round) {
        this.deployment = deployment;
        this.prefix = "cold-" + deployment.runTag + "-" + lane + "-" + round;
        this.round = round;
        this.roundStart = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    int round() {
        return round;
    }

    /** Writes the export day's payments (operation ids from that day's clock: no sale of the run can have them). */
    static void seedExportDay(BenchDeployment deployment) {
        Instant dayStart = EXPORT_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
        PaymentSeeder seeder = new PaymentSeeder(
                deployment.exports.payments(),
                BenchDeployment.PROJECT_ID,
                dayStart,
                Duration.ofDays(1),
                "cold-export-",
                dayStart.toEpochMilli() * 1_000);
        try {
            seeder.seed(0, EXPORT_ROWS, 4);
        } catch (Exception e) {
            throw new IllegalStateException("cannot seed the export's day", e);
        }
    }

    private String sale(String which) {
        return prefix + "-" + which;
    }

    /** Writes the event file for the function's cold start. */
    Path eventFor(FunctionDef function) {
        String body;
        ObjectNode event;
        switch (function.logicalId()) {
            case "GateSaleFunction" -> event = httpEvent("gate-sale.json", signedGateBody("gate-sale.json", sale("A")));
            case "GatePayoutFunction" ->
                event = httpEvent("gate-payout.json", signedGateBody("gate-payout.json", sale("P")));
            case "StatusFunction" -> event = httpEvent("status.json", signedGateBody("status.json", sale("A")));
            case "HealthFunction" -> event = (ObjectNode) read("health.json");
            case "DispatchFunction" -> {
                body = deployment
                        .mailbox("ProviderDispatchQueue")
                        .take(QueueMailbox.forPayment(sale("A"), "dispatch"), MESSAGE_WAIT, "dispatch of " + sale("A"));
                event = sqsEvent(body, "ProviderDispatchQueue");
            }
            case "StatusPollFunction" -> {
                acceptAndDispatchInProcess(sale("B"));
                body = deployment
                        .mailbox("StatusPollQueue")
                        .take(QueueMailbox.forPayment(sale("B"), "poll"), MESSAGE_WAIT, "poll of " + sale("B"));
                event = sqsEvent(body, "StatusPollQueue");
            }
            case "ProviderCallbackFunction" -> {
                body = deployment
                        .mailbox("ProviderNotificationQueue")
                        .take(
                                QueueMailbox.forPayment(sale("A")),
                                MESSAGE_WAIT,
                                "provider notification of " + sale("A"));
                event = sqsEvent(body, "ProviderNotificationQueue");
            }
            case "MerchantCallbackFunction" -> {
                body = deployment
                        .mailbox("MerchantCallbackQueue")
                        .take(QueueMailbox.forPayment(sale("A"), "callback"), MESSAGE_WAIT, "callback of " + sale("A"));
                event = sqsEvent(body, "MerchantCallbackQueue");
            }
            case "ProviderCallbackApiFunction" -> {
                acceptAndDispatchInProcess(sale("C"));
                body = deployment
                        .mailbox("ProviderNotificationQueue")
                        .take(
                                QueueMailbox.forPayment(sale("C")),
                                MESSAGE_WAIT,
                                "provider notification of " + sale("C"));
                event = httpEvent("gate-sale.json", body);
                route(event, function.httpRoutes().get(0));
            }
            case "PaymentPageFunction" ->
                event = paymentPageEvent(function.httpRoutes().get(0), sale("G"));
            case "DataApiFunction" -> event = httpEvent("operations.json", signedOperationsQuery());
            case "DashboardFunction" -> event = signInEvent();
            case "ExportFunction" -> event = exportDayEvent(fresh(resolved(read("export-csv.json"))));
            case "ExportWorkerFunction" -> {
                require(exportJob != null, "the export function started no job in this lane and round");
                body = deployment.mailbox("ExportQueue").take(exportJob, MESSAGE_WAIT, "export job " + exportJob);
                event = sqsEvent("export-worker.json", body, "ExportQueue");
            }
            case "ProviderEmulatorFunction" -> event = redeemEvent(sale("E"));
            case "ProviderEmulatorIpnFunction" -> {
                body = deployment
                        .mailbox("ProviderEmulatorIpnQueue")
                        .take(QueueMailbox.forPayment(sale("E")), MESSAGE_WAIT, "emulator IPN of " + sale("E"));
                event = sqsEvent("provider-emulator-ipn.json", body, "ProviderEmulatorIpnQueue");
            }
            default -> event = genericEvent(function);
        }
        return deployment.file(prefix + "-" + function.logicalId() + ".json", event.toPrettyString());
    }

    /** Checks the function did the work it was measured on (not an early refusal). */
    void verify(FunctionDef function, JsonNode probeResult) {
        JsonNode response = parse(probeResult.path("response").asText());
        boolean known = !servesPlaceholder(function.logicalId());
        if (!function.httpRoutes().isEmpty()) {
            int status = response.path("statusCode").asInt();
            if (known ? status != SUCCESS_STATUS.getOrDefault(function.logicalId(), 200) : status >= 500) {
                throw new IllegalStateException(function.logicalId() + " answered " + response);
            }
        } else if (known && response.path("batchItemFailures").size() > 0) {
            throw new IllegalStateException(function.logicalId() + " failed its message: " + response);
        }
        switch (function.logicalId()) {
            case "DispatchFunction" -> require(payment(sale("A")).dispatched(), "sale A was not dispatched");
            case "StatusPollFunction" -> require(payment(sale("B")).isFinal(), "the poll did not finish sale B");
            case "ProviderCallbackFunction" ->
                require(payment(sale("A")).status() == PaymentStatus.SUCCESS, "the notification did not finish sale A");
            case "MerchantCallbackFunction" ->
                require(deployment.callbackReceived(sale("A")), "the merchant did not receive the callback of sale A");
            case "ProviderCallbackApiFunction" ->
                require(payment(sale("C")).isFinal(), "the HTTP notification did not finish sale C");
            case "DataApiFunction" ->
                require(
                        listsPayment(parse(response.path("body").asText()), sale("A")),
                        "the Data API did not list sale A: " + response);
            case "DashboardFunction" -> {
                require("/dashboard".equals(header(response, "Location")), "the sign-in did not go home: " + response);
                Optional<String> session = cookie(response, "jv_session");
                require(
                        session.flatMap(token -> dashboardSessions().verify(token))
                                .filter(project -> project.projectId() == BenchDeployment.PROJECT_ID)
                                .isPresent(),
                        "the sign-in opened no session of the project: " + response);
            }
            case "ExportFunction" -> {
                Matcher progress = EXPORT_PROGRESS.matcher(String.valueOf(header(response, "Location")));
                require(progress.matches(), "the export started no job: " + response);
                ExportJob job = exportJob(progress.group(1));
                require(
                        job.projectId() == BenchDeployment.PROJECT_ID && job.status() == ExportJob.Status.QUEUED,
                        "the export's job is not the project's, queued: " + job);
                exportJob = job.id();
            }
            case "ExportWorkerFunction" -> {
                ExportJob job = exportJob(exportJob);
                require(
                        job.status() == ExportJob.Status.DONE && job.rows() == EXPORT_ROWS,
                        "the worker did not write export job " + job.id() + ": " + job.status() + ", " + job.rows()
                                + " rows, " + job.error());
            }
            case "ProviderEmulatorFunction" -> {
                long order = payment(sale("E")).operationId();
                require(
                        Long.toString(order)
                                .equals(parse(response.path("body").asText())
                                        .path("orderId")
                                        .asText()),
                        "the emulator did not accept sale E's order " + order + ": " + response);
                require(
                        deployment.inProcess.provider().status(order).status() == PaymentStatus.SUCCESS,
                        "the emulator recorded no redemption of sale E's order " + order);
            }
            case "ProviderEmulatorIpnFunction" ->
                require(payment(sale("E")).status() == PaymentStatus.SUCCESS, "the IPN did not finish sale E");
            default -> {
                // the status code check above is the whole story
            }
        }
    }

    /** Sale accepted and handed to the provider by the in-process wiring: its notification and poll are queued. */
    private void acceptAndDispatchInProcess(String paymentId) {
        acceptInProcess(paymentId);
        String dispatch = deployment
                .mailbox("ProviderDispatchQueue")
                .take(QueueMailbox.forPayment(paymentId, "dispatch"), MESSAGE_WAIT, "dispatch of " + paymentId);
        deployment.inProcess.dispatcher().handle(WorkMessages.dispatch(dispatch));
    }

    /** Sale accepted by the in-process wiring (its dispatch and poll queued): processing, with its operation id. */
    private void acceptInProcess(String paymentId) {
        JsonNode body = parse(signedGateBody("gate-sale.json", paymentId));
        deployment
                .inProcess
                .acceptance()
                .acceptSale(deployment.inProcess.gateRequests().sale(body.toString()), Channel.GATE);
    }

    /**
     * The operations.json sample's project-secret query, for this project and the operations made since the round
     * began (every lane's in this round; a full page at the most), signed with the project's secret.
     */
    private String signedOperationsQuery() {
        ObjectNode body =
                (ObjectNode) parse(read("operations.json").path("body").asText());
        ObjectNode general = (ObjectNode) body.get("general");
        general.remove("signature");
        general.put("project_id", BenchDeployment.PROJECT_ID);
        ((ObjectNode) body.get("interval"))
                .put("from", roundStart.toString())
                .put(
                        "to",
                        Instant.now()
                                .plus(Duration.ofMinutes(1))
                                .truncatedTo(ChronoUnit.SECONDS)
                                .toString());
        return signer.signInGeneral(body).toString();
    }

    /** The dashboard's sign-in form (dashboard-sign-in.json) with the project's credentials and a fresh CSRF token. */
    private ObjectNode signInEvent() {
        String csrf = UUID.randomUUID().toString();
        ObjectNode event = httpEvent(
                "dashboard-sign-in.json",
                "csrf=" + csrf + "&project_id=" + BenchDeployment.PROJECT_ID + "&secret_key="
                        + URLEncoder.encode(BenchDeployment.SECRET, StandardCharsets.UTF_8));
        event.putArray("cookies").add("jv_csrf=" + csrf);
        return event;
    }

    /**
     * The emulator service's redeem request (provider-emulator-redeem.json) for the sale's operation, as the
     * platform's HTTP connector sends it: signed with the provider key by WalletApi (through the sample's
     * placeholders).
     */
    private ObjectNode redeemEvent(String paymentId) {
        acceptInProcess(paymentId);
        ObjectNode event = (ObjectNode) read("provider-emulator-redeem.json");
        ObjectNode body = (ObjectNode) parse(event.path("body").asText());
        body.put("orderId", "{{operation_id:" + paymentId + "}}");
        body.put("projectId", BenchDeployment.PROJECT_ID);
        body.put("paymentId", paymentId);
        event.put("body", body.toString());
        return fresh(resolved(event));
    }

    private ExportJob exportJob(String id) {
        return deployment
                .exports
                .exportJobs()
                .find(id)
                .orElseThrow(() -> new IllegalStateException("no export job " + id));
    }

    private DashboardSessions dashboardSessions() {
        return new DashboardSessions(
                deployment.exports.projects(),
                deployment.exports.sessions(),
                deployment.exports.signInAttempts(),
                Clock.systemUTC());
    }

    private static boolean listsPayment(JsonNode answer, String paymentId) {
        for (JsonNode operation : answer.path("operations")) {
            if (paymentId.equals(operation.path("payment_id").asText())) {
                return true;
            }
        }
        return false;
    }

    /** A response header, whatever its case; null when absent. */
    private static String header(JsonNode response, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = response.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue().asText();
            }
        }
        return null;
    }

    /** A cookie the response sets. */
    private static Optional<String> cookie(JsonNode response, String name) {
        for (JsonNode cookie : response.path("cookies")) {
            String text = cookie.asText();
            if (text.startsWith(name + "=")) {
                int end = text.indexOf(';');
                return Optional.of(text.substring(name.length() + 1, end < 0 ? text.length() : end));
            }
        }
        return Optional.empty();
    }

    private Payment payment(String paymentId) {
        return deployment
                .payments()
                .find(new PaymentKey(BenchDeployment.PROJECT_ID, paymentId))
                .orElseThrow(() -> new IllegalStateException("payment " + paymentId + " was never written"));
    }

    private static void require(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }

    /** The sample event's body with another payment id, signed again with the project's secret. */
    private String signedGateBody(String sampleEvent, String paymentId) {
        ObjectNode body = (ObjectNode) parse(read(sampleEvent).path("body").asText());
        ObjectNode general = (ObjectNode) body.get("general");
        general.remove("signature");
        general.put("project_id", BenchDeployment.PROJECT_ID);
        general.put("payment_id", paymentId);
        return signer.signInGeneral(body).toString();
    }

    private ObjectNode httpEvent(String sampleEvent, String body) {
        ObjectNode event = (ObjectNode) read(sampleEvent);
        event.put("body", body);
        return fresh(event);
    }

    /** A new request of an HTTP API event: its own request id and time. */
    private static ObjectNode fresh(ObjectNode event) {
        ObjectNode context = (ObjectNode) event.get("requestContext");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("timeEpoch", Instant.now().toEpochMilli());
        return event;
    }

    /** The export request for the export day only. */
    private static ObjectNode exportDayEvent(ObjectNode event) {
        String day = EXPORT_DAY.toString();
        event.put("rawQueryString", "from=" + day + "&to=" + day);
        event.putObject("queryStringParameters").put("from", day).put("to", day);
        return event;
    }

    /** The sample with its placeholders filled for this project and the deployment's keys (SampleEvents). */
    private ObjectNode resolved(JsonNode sample) {
        byte[] event = deployment.sampleEvents.resolve(sample.toString().getBytes(StandardCharsets.UTF_8));
        return (ObjectNode) parse(new String(event, StandardCharsets.UTF_8));
    }

    private static void route(ObjectNode event, HttpRoute route) {
        String key = route.method().toUpperCase() + " " + route.path();
        event.put("routeKey", key);
        event.put("rawPath", route.path());
        ObjectNode context = (ObjectNode) event.get("requestContext");
        context.put("routeKey", key);
        ((ObjectNode) context.get("http"))
                .put("method", route.method().toUpperCase())
                .put("path", route.path());
    }

    private ObjectNode sqsEvent(String body, String queueLogicalId) {
        return sqsEvent("dispatch.json", body, queueLogicalId);
    }

    /** The sample's SQS event carrying this message from the queue. */
    private ObjectNode sqsEvent(String sampleEvent, String body, String queueLogicalId) {
        ObjectNode event = (ObjectNode) read(sampleEvent);
        ObjectNode record = (ObjectNode) event.get("Records").get(0);
        record.put("messageId", UUID.randomUUID().toString());
        record.put("body", body);
        record.put("eventSourceARN", deployment.resources.queueArn(queueLogicalId));
        ((ObjectNode) record.get("attributes"))
                .put("SentTimestamp", Long.toString(Instant.now().toEpochMilli()));
        return event;
    }

    /**
     * A customer's browser opening the Payment Page with the merchant's signed link, as API Gateway delivers it:
     * the raw query and its decoded parameters. The page answers with the voucher form.
     */
    private ObjectNode paymentPageEvent(HttpRoute page, String paymentId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("project_id", Long.toString(BenchDeployment.PROJECT_ID));
        params.put("payment_id", paymentId);
        params.put("payment_amount", "1000");
        params.put("payment_currency", "EUR");
        params.put("customer_id", "bench-customer");
        params.put("force_payment_method", "jetonVoucher");
        String url = PaymentPageUrl.build(page.path(), params, signer.signParams(params));
        String rawQuery = url.substring(url.indexOf('?') + 1);
        ObjectNode event = httpEvent("gate-sale.json", null);
        route(event, page);
        event.remove("body");
        event.put("rawQueryString", rawQuery);
        ObjectNode decoded = event.putObject("queryStringParameters");
        PaymentPageUrl.parseQuery(rawQuery).forEach(decoded::put);
        ((ObjectNode) event.get("headers")).put("accept", "text/html");
        return event;
    }

    private ObjectNode genericEvent(FunctionDef function) {
        if (!function.httpRoutes().isEmpty()) {
            ObjectNode event = httpEvent("gate-sale.json", "{}");
            route(event, function.httpRoutes().get(0));
            return event;
        }
        String queue = function.sqsTriggers().isEmpty()
                ? "ProviderDispatchQueue"
                : function.sqsTriggers().get(0).queueLogicalId();
        return sqsEvent("{}", queue);
    }

    private JsonNode read(String sampleEvent) {
        try {
            return JSON.readTree(Files.readString(deployment.eventTemplates.resolve(sampleEvent)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }
}
