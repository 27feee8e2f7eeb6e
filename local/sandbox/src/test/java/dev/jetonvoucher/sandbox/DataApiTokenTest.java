package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.fixtures.GateClient;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentStore.CreatedPosition;
import dev.jetonvoucher.signing.Signer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The Data API in ECommPay's shape through the sandbox's HTTP API: a Dashboard token (the project file's
 * {@code api_tokens}) signs {@code /v1/operations/get}, {@code /v1/operations/get-by-payment} and
 * {@code /v1/balance/get} (also without {@code /v1}); every answer is signed with the token's secret; offset paging
 * over several projects; each refusal is the documented 400 body.
 */
class DataApiTokenTest {

    static final long A = 3201;
    static final long B = 3202;
    static final long OTHER = 3203;
    static final String TOKEN = "tok-analyst-1";
    static final String TOKEN_SECRET = "token-secret-1";
    static final String B_TOKEN = "tok-b-only";
    static final String B_TOKEN_SECRET = "token-secret-b";
    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant END = START.plus(Duration.ofDays(5));
    static final Comparator<Payment> MERGED_ORDER = Comparator.comparing(Payment::createdAt)
            .thenComparingLong(p -> p.key().projectId())
            .thenComparing(CreatedPosition::of);

    static SandboxHarness sandbox;
    static PaymentHistory history;
    static GateClient http;

    @BeforeAll
    static void seed() {
        sandbox = new SandboxHarness(
                List.of(
                        SandboxHarness.apiToken(TOKEN, TOKEN_SECRET, A, B),
                        SandboxHarness.apiToken(B_TOKEN, B_TOKEN_SECRET, B)),
                SandboxHarness.project(A, "secret-a", true),
                SandboxHarness.project(B, "secret-b", true),
                SandboxHarness.project(OTHER, "secret-other", true));
        history = new PaymentHistory(sandbox.payments());
        http = sandbox.client(A, "secret-a");
        // A and B share creation instants (and some ids), so project id and payment id must break ties.
        history.seed(
                400,
                i -> PaymentHistory.payment(
                        A,
                        "p-" + i,
                        i % 9 == 0 ? PaymentType.PAYOUT : PaymentType.PURCHASE,
                        START.plusSeconds(i / 2 * 600L),
                        i % 9 == 0 ? PaymentStatus.DECLINE : PaymentStatus.SUCCESS,
                        1_000 + i,
                        "order " + i));
        history.seed(
                250,
                i -> PaymentHistory.payment(
                        B,
                        "p-" + (i * 3),
                        PaymentType.PURCHASE,
                        START.plusSeconds(i * 1_200L),
                        i % 4 == 0 ? PaymentStatus.DECLINE : PaymentStatus.SUCCESS,
                        2_000 + i,
                        "order b " + i));
        history.seed(
                20,
                i -> PaymentHistory.payment(
                        OTHER,
                        "p-" + i,
                        PaymentType.PURCHASE,
                        START.plusSeconds(i * 60L),
                        PaymentStatus.SUCCESS,
                        3_000,
                        "not the token's"));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static ObjectNode request(Consumer<ObjectNode> more) {
        ObjectNode body = GateClient.JSON.createObjectNode();
        body.put("token", TOKEN);
        body.putObject("interval").put("from", "2026-03-01 00:00:00").put("to", "2026-03-06 00:00:00");
        body.put("time_zone", "UTC");
        more.accept(body);
        return body;
    }

    /** Signed at the top level with the token's secret, as ECommPay's Data API wants it. */
    static GateClient.Answer send(String path, ObjectNode body, String secret) {
        return http.post(path, new Signer(secret).signTopLevel(body).toString());
    }

    static GateClient.Answer send(String path, ObjectNode body) {
        return send(path, body, TOKEN_SECRET);
    }

    /** A 200 signed with the token's secret. */
    static JsonNode ok(GateClient.Answer answer, String secret) {
        assertEquals(200, answer.status(), answer.body()::toString);
        assertTrue(new Signer(secret).check(answer.body()).valid(), "the answer is signed with the token's secret");
        return answer.body();
    }

    static List<Payment> expected(Stream<Long> projects) {
        return projects.flatMap(p -> history.expected(p, START, END, x -> true).stream())
                .sorted(MERGED_ORDER)
                .toList();
    }

    static List<String> keys(List<Payment> payments) {
        return payments.stream()
                .map(p -> p.key().projectId() + "/" + p.key().paymentId())
                .toList();
    }

    static List<String> keys(JsonNode operations) {
        List<String> keys = new ArrayList<>();
        operations.forEach(o -> keys.add(
                o.path("project_id").asLong() + "/" + o.path("payment_id").asText()));
        return keys;
    }

    @Nested
    class OperationsGet {

        @Test
        void offset_pages_of_every_readable_project_concatenate_to_one_stable_order() {
            List<String> expected = keys(expected(Stream.of(A, B)));
            List<String> seen = new ArrayList<>();
            int pages = 0;
            for (int offset = 0; ; offset += 150) {
                int from = offset;
                JsonNode page = ok(
                        send(
                                "/v1/operations/get",
                                request(q -> q.put("limit", 150).put("offset", from))),
                        TOKEN_SECRET);
                pages++;
                assertEquals(page.path("operations").size(), page.path("count").asInt());
                assertEquals(from, page.path("offset").asInt());
                assertEquals(
                        List.of(A, B),
                        List.of(
                                page.path("project_id").get(0).asLong(),
                                page.path("project_id").get(1).asLong()),
                        "no project_id: every project the token may read");
                seen.addAll(keys(page.path("operations")));
                if (!page.path("more").asBoolean()) {
                    assertTrue(page.path("count").asInt() <= 150);
                    break;
                }
                assertEquals(150, page.path("count").asInt(), "a page before the last is full");
            }
            assertEquals(
                    expected, seen, "creation time, then project id, then payment id; nothing of project " + OTHER);
            assertEquals((expected.size() + 149) / 150, pages);
            assertEquals(650, expected.size());
        }

        @Test
        void the_default_limit_is_a_thousand_and_offset_combines_with_it() {
            JsonNode all = ok(send("/v1/operations/get", request(q -> {})), TOKEN_SECRET);
            assertEquals(1000, all.path("limit").asInt());
            assertEquals(650, all.path("count").asInt());
            assertFalse(all.path("more").asBoolean());
            JsonNode tail = ok(send("/operations/get", request(q -> q.put("offset", 640))), TOKEN_SECRET);
            assertEquals(
                    keys(expected(Stream.of(A, B))).subList(640, 650),
                    keys(tail.path("operations")),
                    "the path without /v1 answers the same");
            assertEquals(
                    0,
                    ok(send("/v1/operations/get", request(q -> q.put("offset", 650))), TOKEN_SECRET)
                            .path("count")
                            .asInt(),
                    "an offset past the end is an empty page");
        }

        @Test
        void project_id_names_some_of_the_tokens_projects_and_operation_type_filters() {
            JsonNode ofB = ok(
                    send(
                            "/v1/operations/get",
                            request(q -> q.putArray("project_id").add(B))),
                    TOKEN_SECRET);
            assertEquals(keys(expected(Stream.of(B))), keys(ofB.path("operations")));
            JsonNode payouts =
                    ok(send("/v1/operations/get", request(q -> q.put("operation_type", "payout"))), TOKEN_SECRET);
            List<String> expectedPayouts = keys(expected(Stream.of(A, B)).stream()
                    .filter(p -> p.type() == PaymentType.PAYOUT)
                    .toList());
            assertEquals(expectedPayouts, keys(payouts.path("operations")));
            assertFalse(expectedPayouts.isEmpty());
        }

        @Test
        void fields_keeps_the_named_fields_in_the_answers_own_order() {
            JsonNode page = ok(
                    send("/v1/operations/get", request(q -> {
                        q.put("limit", 3);
                        q.putArray("fields")
                                .add("sum_initial")
                                .add("payment_id")
                                .add("operation_id");
                    })),
                    TOKEN_SECRET);
            for (JsonNode operation : page.path("operations")) {
                assertEquals(List.of("operation_id", "payment_id", "sum_initial"), fieldNames(operation));
            }
            assertEquals(3, page.path("operations").size());
        }

        @Test
        void times_are_in_the_requested_time_zone() {
            JsonNode page = ok(
                    send("/v1/operations/get", request(q -> {
                        q.put("time_zone", "Indian/Mauritius");
                        q.put("limit", 1);
                        q.putObject("interval")
                                .put("from", "2026-03-01 04:00:00")
                                .put("to", "2026-03-02 04:00:00");
                    })),
                    TOKEN_SECRET);
            assertEquals(
                    "2026-03-01T04:00:00.000+04:00",
                    page.path("interval").path("from").asText());
            assertEquals(
                    "2026-03-01T04:00:00.000+04:00",
                    page.path("operations").get(0).path("operation_created_at").asText());
        }

        @Test
        void the_project_secret_form_and_its_cursor_still_answer() {
            ObjectNode body = GateClient.JSON.createObjectNode();
            body.putObject("general").put("project_id", A);
            body.putObject("interval").put("from", START.toString()).put("to", END.toString());
            body.put("limit", 100);
            JsonNode page = ok(http.postSigned("/v1/operations/get", body), "secret-a");
            assertEquals(A, page.path("project_id").asLong());
            assertTrue(page.hasNonNull("cursor"));
        }
    }

    @Nested
    class OperationsGetByPayment {

        @Test
        void a_payment_id_used_in_two_projects_gives_each_projects_operation() {
            JsonNode both =
                    ok(send("/v1/operations/get-by-payment", request(q -> q.put("payment_id", "p-3"))), TOKEN_SECRET);
            assertEquals(List.of(A + "/p-3", B + "/p-3"), keys(both.path("operations")));
            assertEquals(
                    history.get(A, "p-3").operationId(),
                    both.path("operations").get(0).path("operation_id").asLong());
            JsonNode onlyB = ok(
                    send("/operations/get-by-payment", request(q -> {
                        q.put("payment_id", "p-3");
                        q.putArray("project_id").add(B);
                    })),
                    TOKEN_SECRET);
            assertEquals(List.of(B + "/p-3"), keys(onlyB.path("operations")));
            assertEquals(1, onlyB.path("count").asInt());
        }

        @Test
        void an_unknown_payment_has_no_operations() {
            JsonNode none = ok(
                    send("/v1/operations/get-by-payment", request(q -> q.put("payment_id", "nobody"))), TOKEN_SECRET);
            assertEquals(0, none.path("operations").size());
        }

        @Test
        void another_tokens_project_is_not_read() {
            JsonNode ofB = ok(
                    send(
                            "/v1/operations/get-by-payment",
                            request(q -> q.put("token", B_TOKEN).put("payment_id", "p-3")),
                            B_TOKEN_SECRET),
                    B_TOKEN_SECRET);
            assertEquals(List.of(B + "/p-3"), keys(ofB.path("operations")), "project A's p-3 stays out of reach");
        }

        @Test
        void the_project_secret_form_reads_its_own_project() {
            ObjectNode body = GateClient.JSON.createObjectNode();
            body.putObject("general").put("project_id", A);
            body.put("payment_id", "p-3");
            JsonNode answer = ok(http.postSigned("/v1/operations/get-by-payment", body), "secret-a");
            assertEquals(List.of(A + "/p-3"), keys(answer.path("operations")));
        }
    }

    @Nested
    class BalanceGet {

        @Test
        void each_projects_payout_balance_per_currency_as_ecommpay_names_it() {
            // A payout reserves its amount at once: the available balance shows it.
            assertEquals(
                    200,
                    sandbox.client(B, "secret-b")
                            .payout("balance-payout-1", 12_500, "EUR")
                            .status());
            JsonNode answer = ok(
                    send("/v1/balance/get", GateClient.JSON.createObjectNode().put("token", TOKEN)), TOKEN_SECRET);
            List<String> entries = new ArrayList<>();
            answer.path("balance").forEach(entry -> entries.add(entry.toString()));
            assertEquals(
                    List.of(
                            "{\"name\":\"3201_balance_EUR\",\"EUR\":\"500000\"}",
                            "{\"name\":\"3201_balance_USD\",\"USD\":\"0\"}",
                            "{\"name\":\"3202_balance_EUR\",\"EUR\":\"487500\"}",
                            "{\"name\":\"3202_balance_USD\",\"USD\":\"0\"}"),
                    entries);
            JsonNode onlyA = ok(
                    send(
                            "/balance/get",
                            GateClient.JSON
                                    .createObjectNode()
                                    .put("token", TOKEN)
                                    .put("project_id", A)),
                    TOKEN_SECRET);
            assertEquals(2, onlyA.path("balance").size());
        }

        @Test
        void the_project_secret_form_answers_its_own_project() {
            ObjectNode body = GateClient.JSON.createObjectNode();
            body.putObject("general").put("project_id", A);
            JsonNode answer = ok(http.postSigned("/v1/balance/get", body), "secret-a");
            assertEquals(
                    "3201_balance_EUR",
                    answer.path("balance").get(0).path("name").asText());
        }
    }

    @Nested
    class Errors {

        @Test
        void token_and_signature() {
            assertRejected(send("/v1/operations/get", request(q -> q.put("token", "tok-nobody"))), "3261", "token");
            assertRejected(send("/v1/balance/get", request(q -> q.put("token", "tok/../nobody"))), "3261", "token");
            assertRejected(send("/v1/operations/get", request(q -> {}), "not-the-token-secret"), "3261", "signature");
            assertRejected(send("/v1/operations/get", request(q -> {}), B_TOKEN_SECRET), "3261", "signature");
            assertRejected(http.post("/v1/operations/get", request(q -> {}).toString()), "3262", "signature");
            assertRejected(send("/v1/operations/get-by-payment", request(q -> q.remove("token"))), "2004", "token");
            assertRejected(http.post("/v1/balance/get", "{not json"), "2003", null);
            ObjectNode tampered = new Signer(TOKEN_SECRET).signTopLevel(request(q -> q.put("limit", 5)));
            tampered.put("limit", 6);
            assertRejected(http.post("/v1/operations/get", tampered.toString()), "3261", "signature");
        }

        @Test
        void a_project_the_token_may_not_read_whether_it_exists_or_not() {
            for (String path : List.of("/v1/operations/get", "/v1/operations/get-by-payment", "/v1/balance/get")) {
                assertRejected(
                        send(
                                path,
                                request(q -> q.put("payment_id", "p-1")
                                        .putArray("project_id")
                                        .add(A)
                                        .add(OTHER))),
                        "2442",
                        "project_id");
                assertRejected(
                        send(path, request(q -> q.put("payment_id", "p-1").put("project_id", 999_999))),
                        "2442",
                        "project_id");
                assertRejected(
                        send(path, request(q -> q.put("payment_id", "p-1").put("project_id", "239; drop"))),
                        "502",
                        "project_id");
                assertRejected(
                        send(path, request(q -> q.put("payment_id", "p-1").putArray("project_id"))),
                        "502",
                        "project_id");
            }
        }

        @Test
        void limit_offset_interval_time_zone_operation_type_and_fields() {
            assertRejected(send("/v1/operations/get", request(q -> q.put("limit", 1001))), "502", "limit");
            assertRejected(send("/v1/operations/get", request(q -> q.put("limit", 0))), "502", "limit");
            assertRejected(send("/v1/operations/get", request(q -> q.put("offset", -1))), "502", "offset");
            assertRejected(send("/v1/operations/get", request(q -> q.put("offset", 50_001))), "502", "offset");
            assertRejected(send("/v1/operations/get", request(q -> q.put("offset", "10"))), "502", "offset");
            assertRejected(send("/v1/operations/get", request(q -> q.remove("interval"))), "2004", "interval");
            assertRejected(
                    send("/v1/operations/get", request(q -> ((ObjectNode) q.get("interval")).put("from", "soon"))),
                    "502",
                    "interval.from");
            assertRejected(
                    send(
                            "/v1/operations/get",
                            request(q -> ((ObjectNode) q.get("interval")).put("to", "2026-04-30 00:00:00"))),
                    "502",
                    "interval.to");
            assertRejected(
                    send("/v1/operations/get", request(q -> q.put("time_zone", "Mars/Olympus"))), "502", "time_zone");
            assertRejected(
                    send(
                            "/v1/operations/get-by-payment",
                            request(q -> q.put("payment_id", "p-1").put("time_zone", "X"))),
                    "502",
                    "time_zone");
            assertRejected(
                    send("/v1/operations/get", request(q -> q.put("operation_type", "refund"))),
                    "502",
                    "operation_type");
            assertRejected(
                    send(
                            "/v1/operations/get",
                            request(q -> q.putArray("fields").add("payment_id").add("card_holder"))),
                    "502",
                    "fields");
            assertRejected(send("/v1/operations/get", request(q -> q.put("fields", "payment_id"))), "502", "fields");
            assertRejected(send("/v1/operations/get-by-payment", request(q -> {})), "2004", "payment_id");
            assertRejected(
                    send("/v1/operations/get-by-payment", request(q -> q.put("payment_id", "x".repeat(256)))),
                    "502",
                    "payment_id");
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The documented refusal: HTTP 400, {@code {"status":"error","code","message","field"}}. */
    static void assertRejected(GateClient.Answer answer, String code, String field) {
        assertEquals(400, answer.status(), answer.body()::toString);
        assertEquals("error", answer.body().path("status").asText());
        assertEquals(code, answer.body().path("code").asText(), answer.body()::toString);
        assertFalse(answer.body().path("message").asText().isEmpty());
        if (field == null) {
            assertFalse(answer.body().has("field"), answer.body()::toString);
        } else {
            assertEquals(field, answer.body().path("field").asText(), answer.body()::toString);
        }
    }
}
