package dev.jetonvoucher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The events of one measurement lane in one round: each cold start serves a real, fresh piece of work, the way
 * it would arrive in AWS. Sale A goes through every function in turn (the Gate sale's own dispatch message, the
 * notification the provider sent, the callback the finish queued); sale B (prepared in process) is finished by
 * a status poll; sale C by an HTTP notification; payment G is opened on the Payment Page. A function the benchmark does not know (a later issue's) gets a
 * request with an empty JSON object: its cold start still includes its init and an answer.
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
            "PaymentPageFunction");

    private static final ObjectMapper JSON = Json.mapper();
    private static final Duration MESSAGE_WAIT = Duration.ofSeconds(20);

    private final BenchDeployment deployment;
    private final String prefix;
    private final int round;
    private final Signer signer = new Signer(BenchDeployment.SECRET);

    ColdStartInputs(BenchDeployment deployment, String lane, int round) {
        this.deployment = deployment;
        this.prefix = "cold-" + deployment.runTag + "-" + lane + "-" + round;
        this.round = round;
    }

    int round() {
        return round;
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
            default -> event = genericEvent(function);
        }
        return deployment.file(prefix + "-" + function.logicalId() + ".json", event.toPrettyString());
    }

    /** Checks the function did the work it was measured on (not an early refusal). */
    void verify(FunctionDef function, JsonNode probeResult) {
        JsonNode response = parse(probeResult.path("response").asText());
        boolean known = KNOWN_ORDER.contains(function.logicalId());
        if (!function.httpRoutes().isEmpty()) {
            int status = response.path("statusCode").asInt();
            if (known ? status != 200 : status >= 500) {
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
            default -> {
                // the status code check above is the whole story
            }
        }
    }

    /** Sale accepted and handed to the provider by the in-process wiring: its notification and poll are queued. */
    private void acceptAndDispatchInProcess(String paymentId) {
        JsonNode body = parse(signedGateBody("gate-sale.json", paymentId));
        deployment
                .inProcess
                .acceptance()
                .acceptSale(deployment.inProcess.gateRequests().sale(body.toString()), Channel.GATE);
        String dispatch = deployment
                .mailbox("ProviderDispatchQueue")
                .take(QueueMailbox.forPayment(paymentId, "dispatch"), MESSAGE_WAIT, "dispatch of " + paymentId);
        deployment.inProcess.dispatcher().handle(WorkMessages.dispatch(dispatch));
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
        ObjectNode context = (ObjectNode) event.get("requestContext");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("timeEpoch", Instant.now().toEpochMilli());
        return event;
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
        ObjectNode event = (ObjectNode) read("dispatch.json");
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
