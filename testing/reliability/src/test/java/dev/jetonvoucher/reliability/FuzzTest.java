package dev.jetonvoucher.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.fixtures.GateClient;
import dev.jetonvoucher.fixtures.Merchant;
import dev.jetonvoucher.local.FunctionDef;
import dev.jetonvoucher.local.HttpRoute;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.provider.ProviderNotification;
import dev.jetonvoucher.provider.ProviderResult;
import dev.jetonvoucher.sandbox.SandboxHarness;
import dev.jetonvoucher.signing.Signer;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * 10,000 hostile requests to every HTTP route of template.yaml, through the sandbox's API Gateway: no answer may be a
 * 5xx, and every refusal must be one the README's "Error answers" table documents for that route. Every kind of case
 * (unencodable text and out-of-range dates among them) must have been sent and answered. A failure names the
 * seed and the case number; the same seed makes the same cases.
 */
@Order(4)
class FuzzTest {

    static final long PROJECT = 56_001;
    static final String SECRET = "fuzz-secret-56001";
    /** A Data API token that may read the project: the /v1 Data API routes are fuzzed in ECommPay's token form. */
    static final String TOKEN = "tok-fuzz";

    static final String TOKEN_SECRET = "fuzz-token-secret";
    static final int CASES = 10_000;
    static final int CLIENTS = 6;
    /** The security code of every voucher the fuzzer types: checked by the final scan like any other. */
    static final String FUZZ_SECURITY_CODE = "7315";

    @Test
    void ten_thousand_hostile_requests_get_no_5xx_and_only_documented_refusals() throws Exception {
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        DocumentedErrors documented =
                DocumentedErrors.fromReadme(template.path().getParent().resolve("README.md"));
        Merchant merchant = new Merchant();
        // No SQS mappings: the routes are under test, and the asynchronous half would only compete for the endpoint.
        ObjectNode token =
                GateClient.JSON.createObjectNode().put("token", TOKEN).put("secret_key", TOKEN_SECRET);
        token.putArray("projects").add(PROJECT);
        SandboxHarness sandbox = Reliability.start(
                "fuzz",
                false,
                Clock.systemUTC(),
                List.of(token),
                Reliability.project(PROJECT, SECRET, true, merchant.url()));
        Reliability.SECURITY_CODES.add(FUZZ_SECURITY_CODE);
        try {
            run(sandbox, template, documented);
        } finally {
            sandbox.close();
            merchant.close();
        }
    }

    private void run(SandboxHarness sandbox, SamTemplate template, DocumentedErrors documented) throws Exception {
        GateClient gate = new GateClient(sandbox.baseUrl(), PROJECT, SECRET);
        // A payment the status and notification routes can name.
        assertEquals(
                200,
                gate.sale("fuzz-known", 1_500, "EUR", Reliability.TEST_VOUCHER, "12/2030", FUZZ_SECURITY_CODE)
                        .status());
        Payment known =
                sandbox.payments().find(new PaymentKey(PROJECT, "fuzz-known")).orElseThrow();

        List<String> routes = new ArrayList<>();
        for (FunctionDef function : template.functions()) {
            for (HttpRoute route : function.httpRoutes()) {
                if (route.path().equals("$default")) {
                    // The catch-all route has no path of its own: fuzz what it takes, an unknown path and a trailing
                    // slash.
                    routes.add("GET /no-such-route");
                    routes.add("POST " + GateClient.STATUS + "/");
                } else {
                    routes.add(route.method().toUpperCase(Locale.ROOT) + " " + route.path());
                }
            }
        }
        // The dashboard's GETs go signed in half of the time, so its filters are checked, not just its redirect.
        String session = gate.dashboardSession(SECRET);
        Fuzzer fuzzer = new Fuzzer(
                Reliability.SEED,
                SECRET,
                Reliability.PROVIDER_KEY,
                TOKEN_SECRET,
                (route, index) -> validBody(gate, route, index, known));
        long generating = System.nanoTime();
        List<Fuzzer.Case> cases = fuzzer.cases(routes, CASES);
        System.out.println(
                "fuzzer: " + cases.size() + " cases made in " + (System.nanoTime() - generating) / 1_000_000 + " ms");

        List<String> failures = new CopyOnWriteArrayList<>();
        Map<String, LongAdder> answers = new ConcurrentHashMap<>();
        Map<Fuzzer.Kind, LongAdder> millisByKind = new ConcurrentHashMap<>();
        long started = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                workers.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < cases.size(); i = next.getAndIncrement()) {
                        Fuzzer.Case fuzz = cases.get(i);
                        long sent = System.nanoTime();
                        GateClient.Answer answer = !fuzz.method().equals("GET")
                                ? gate.send(fuzz.path() + fuzz.query(), fuzz.contentType(), fuzz.body())
                                : fuzz.signedIn()
                                        ? gate.get(fuzz.path() + fuzz.query(), session)
                                        : gate.get(fuzz.path() + fuzz.query());
                        millisByKind
                                .computeIfAbsent(fuzz.kind(), k -> new LongAdder())
                                .add((System.nanoTime() - sent) / 1_000_000);
                        String code = codeOf(answer);
                        answers.computeIfAbsent(
                                        fuzz.route() + " → " + answer.status() + " " + code, k -> new LongAdder())
                                .increment();
                        String problem = judge(documented, fuzz, answer, code);
                        if (problem != null) {
                            failures.add("case " + fuzz.index() + " (" + fuzz.kind() + ", " + fuzz.route() + ", "
                                    + fuzz.contentType() + "): " + problem + "\n  sent: " + fuzz.excerpt()
                                    + "\n  answer: " + excerpt(answer.text()));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            clients.shutdownNow();
        }

        StringBuilder summary = new StringBuilder("fuzzer: seed " + Reliability.SEED + ", " + cases.size()
                + " cases in " + (System.nanoTime() - started) / 1_000_000 + " ms; client time by kind " + millisByKind
                + "\n");
        new TreeMap<>(answers)
                .forEach((answer, count) -> summary.append("  ")
                        .append(answer)
                        .append(": ")
                        .append(count.sum())
                        .append('\n'));
        System.out.println(summary);
        assertTrue(
                failures.isEmpty(),
                failures.size() + " of " + cases.size() + " answers broke the contract (seed "
                        + Reliability.SEED + ", replay with -Dreliability.seed=" + Reliability.SEED + "):\n"
                        + String.join("\n", failures.subList(0, Math.min(20, failures.size()))) + "\n" + summary);
        for (String route : routes) {
            assertTrue(
                    answers.keySet().stream().anyMatch(answer -> answer.startsWith(route + " → ")),
                    route + " was fuzzed");
        }
        for (Fuzzer.Kind kind : Fuzzer.Kind.values()) {
            assertTrue(cases.stream().anyMatch(fuzz -> fuzz.kind() == kind), kind + " cases were sent");
        }
        assertTrue(
                cases.stream().anyMatch(fuzz -> fuzz.kind() == Fuzzer.Kind.OUT_OF_RANGE_DATE && fuzz.signedIn()),
                "out-of-range dates reached the signed-in dashboard");
        Payment stillKnown = sandbox.payments().find(known.key()).orElseThrow();
        assertTrue(stillKnown.status() == PaymentStatus.PROCESSING
                || stillKnown.status().isFinal());
    }

    /** Null when the answer keeps the contract, else what is wrong with it. */
    static String judge(DocumentedErrors documented, Fuzzer.Case fuzz, GateClient.Answer answer, String code) {
        int status = answer.status();
        if (status >= 500) {
            return "HTTP " + status;
        }
        if (status < 400) {
            return null; // an answer, or a redirect (the dashboard sends signed-out visitors to its sign-in page)
        }
        if (documented.documents(fuzz.route())) {
            return documented.allows(fuzz.route(), status, code)
                    ? null
                    : "HTTP " + status + " with code " + code + " is not in README's error table for " + fuzz.route();
        }
        // A route the table does not list yet: any code it answers must still be a documented one.
        return code.equals(DocumentedErrors.NO_CODE) || documented.knowsCode(code)
                ? null
                : "code " + code + " is documented nowhere in README's error table";
    }

    private static String codeOf(GateClient.Answer answer) {
        try {
            JsonNode body = GateClient.JSON.readTree(answer.text());
            return body != null && body.hasNonNull("code") ? body.get("code").asText() : DocumentedErrors.NO_CODE;
        } catch (IOException notJson) {
            return DocumentedErrors.NO_CODE;
        }
    }

    private static String excerpt(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    /** A valid, unsigned request of the route: the fuzzer breaks it. */
    private static ObjectNode validBody(GateClient gate, String route, int index, Payment known) {
        String paymentId = "fuzz-" + Integer.toString(index, 36);
        return switch (route) {
            case "POST " + GateClient.SALE ->
                gate.saleBody(
                        paymentId,
                        1_000 + 37L * (index % 100),
                        "EUR",
                        Reliability.TEST_VOUCHER,
                        "12/2030",
                        FUZZ_SECURITY_CODE);
            case "POST " + GateClient.PAYOUT -> gate.payoutBody(paymentId, 1_000 + 37L * (index % 100), "EUR");
            case "POST " + GateClient.STATUS ->
                gate.statusBody(index % 10 == 0 ? known.key().paymentId() : paymentId);
            case "POST /provider/jeton/notifications" -> notification(known);
            case "POST /operations/get" -> operationsQuery(index);
            case "POST /v1/operations/get" -> tokenOperationsQuery(index);
            case "POST /v1/operations/get-by-payment" -> byToken(ofPayment(index, known));
            case "POST /operations/get-by-payment" -> byProject(ofPayment(index, known));
            case "POST /v1/balance/get" -> byToken(GateClient.JSON.createObjectNode());
            case "POST /balance/get" -> byProject(GateClient.JSON.createObjectNode());
            default -> gate.saleBody(paymentId, 1_000, "EUR", Reliability.TEST_VOUCHER, "12/2030", FUZZ_SECURITY_CODE);
        };
    }

    /** A Data API request (docs/data-api.md): the last day's operations of the project. */
    private static ObjectNode operationsQuery(int index) {
        ObjectNode body = GateClient.JSON.createObjectNode();
        body.putObject("general").put("project_id", PROJECT);
        Instant to = Instant.parse("2026-11-28T00:00:00Z").plusSeconds(index);
        body.putObject("interval")
                .put("from", to.minusSeconds(86_400).toString())
                .put("to", to.toString());
        body.put("time_zone", "UTC");
        body.putArray("status").add("success").add("processing");
        body.put("limit", 50);
        return body;
    }

    /** ECommPay's form of the Data API (docs/data-api.md): offset paging, some fields, the token's project. */
    private static ObjectNode tokenOperationsQuery(int index) {
        ObjectNode body = operationsQuery(index);
        body.remove("general");
        body.put("offset", index % 7);
        body.putArray("fields").add("payment_id").add("operation_status").add("sum_initial");
        if (index % 2 == 0) {
            body.putArray("project_id").add(PROJECT);
        }
        return byToken(body);
    }

    private static ObjectNode ofPayment(int index, Payment known) {
        return GateClient.JSON
                .createObjectNode()
                .put("payment_id", index % 3 == 0 ? known.key().paymentId() : "fuzz-" + index)
                .put("time_zone", "Europe/Malta");
    }

    private static ObjectNode byToken(ObjectNode body) {
        body.put("token", TOKEN);
        return body;
    }

    private static ObjectNode byProject(ObjectNode body) {
        body.putObject("general").put("project_id", PROJECT);
        return body;
    }

    private static ObjectNode notification(Payment known) {
        String signed = ProviderNotification.signedJson(
                known.key(),
                new ProviderResult(
                        known.operationId(),
                        "JV" + known.operationId(),
                        PaymentStatus.SUCCESS,
                        "0",
                        "Success",
                        Instant.now(),
                        List.of()),
                new Signer(Reliability.PROVIDER_KEY));
        try {
            ObjectNode body = (ObjectNode) GateClient.JSON.readTree(signed);
            body.remove("signature");
            return body;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
