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
import dev.jetonvoucher.signing.Signer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /operations/get} through the sandbox's HTTP API against a seeded history of a few thousand
 * operations: filters, pagination (also while operations arrive), project isolation, signatures and errors.
 */
class DataApiTest {

    static final long A = 3101;
    static final long B = 3102;
    static final long ARRIVING = 3103;
    static final String SECRET_A = "data-api-secret-a";
    static final String SECRET_B = "data-api-secret-b";
    static final String SECRET_ARRIVING = "data-api-secret-c";
    static final Instant START = Instant.parse("2026-02-01T00:00:00Z");
    static final Instant END = START.plus(Duration.ofDays(10));
    static final int HISTORY_SIZE = 2_400;
    static final PaymentStatus[] OUTCOMES = {
        PaymentStatus.SUCCESS,
        PaymentStatus.DECLINE,
        PaymentStatus.SUCCESS,
        PaymentStatus.ERROR,
        PaymentStatus.SUCCESS,
        PaymentStatus.PROCESSING,
        PaymentStatus.DECLINE
    };

    static SandboxHarness sandbox;
    static PaymentHistory history;
    static GateClient clientA;
    static GateClient clientB;

    @BeforeAll
    static void seed() {
        sandbox = new SandboxHarness(
                SandboxHarness.project(A, SECRET_A, true),
                SandboxHarness.project(B, SECRET_B, true),
                SandboxHarness.project(ARRIVING, SECRET_ARRIVING, true));
        history = new PaymentHistory(sandbox.payments());
        clientA = sandbox.client(A, SECRET_A);
        clientB = sandbox.client(B, SECRET_B);
        // Two payments share each creation instant, so the payment id must break ties; one period day is empty.
        history.seed(
                HISTORY_SIZE,
                i -> PaymentHistory.payment(
                        A,
                        id("a", i),
                        type(i),
                        START.minus(Duration.ofHours(3)).plusSeconds(i / 2 * 370L),
                        outcome(i),
                        1_000 + i,
                        "order " + i));
        history.seed(
                300,
                i -> PaymentHistory.payment(
                        B,
                        i < 100 ? id("a", i) : id("b", i),
                        type(i),
                        START.plusSeconds(i * 1_000L),
                        outcome(i),
                        2_000 + i,
                        "project B order " + i));
    }

    /** Some ids carry characters that a string-to-sign or a cursor must survive. */
    static String id(String prefix, int i) {
        return i % 97 == 0 ? prefix + "-" + i + " #:ü" : prefix + "-" + i;
    }

    static PaymentType type(int i) {
        return i % 5 == 0 && outcome(i) != PaymentStatus.SUCCESS ? PaymentType.PAYOUT : PaymentType.PURCHASE;
    }

    static PaymentStatus outcome(int i) {
        return OUTCOMES[i % OUTCOMES.length];
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static ObjectNode query(long projectId, Instant from, Instant to, Consumer<ObjectNode> more) {
        ObjectNode body = GateClient.JSON.createObjectNode();
        body.putObject("general").put("project_id", projectId);
        body.putObject("interval").put("from", from.toString()).put("to", to.toString());
        more.accept(body);
        return body;
    }

    /** Follows the cursors to the end; every page must be a signed 200 of the asking project. */
    static List<JsonNode> walk(GateClient client, String secret, ObjectNode query, int[] pages) {
        List<JsonNode> operations = new ArrayList<>();
        while (true) {
            GateClient.Answer answer = client.postSigned("/operations/get", query.deepCopy());
            assertEquals(200, answer.status(), answer.body()::toString);
            assertTrue(
                    new Signer(secret).check(answer.body()).valid(),
                    "the response is signed with the project's secret");
            assertEquals(
                    answer.body().path("operations").size(),
                    answer.body().path("count").asInt());
            answer.body().path("operations").forEach(operations::add);
            pages[0]++;
            if (!answer.body().hasNonNull("cursor")) {
                return operations;
            }
            query.put("cursor", answer.body().path("cursor").asText());
        }
    }

    static List<String> paymentIds(List<JsonNode> operations) {
        return operations.stream().map(o -> o.path("payment_id").asText()).toList();
    }

    @Test
    void pages_of_the_whole_history_concatenate_to_it_in_creation_order() {
        List<String> expected = PaymentHistory.ids(history.expected(A, START, END, p -> true));
        int[] pages = {0};
        List<JsonNode> all = walk(clientA, SECRET_A, query(A, START, END, q -> {}), pages);
        assertEquals(expected, paymentIds(all));
        assertEquals(3, pages[0], "1000 per page by default");
        assertTrue(expected.size() > 2_300, "nearly all the history lies in the interval: " + expected.size());

        int[] smallPages = {0};
        assertEquals(
                expected,
                paymentIds(walk(clientA, SECRET_A, query(A, START, END, q -> q.put("limit", 700)), smallPages)));
        assertEquals((expected.size() + 699) / 700, smallPages[0]);
    }

    @Test
    void filters_by_status_and_operation_type_and_both_together() {
        assertFiltered(
                q -> q.putArray("status").add("decline").add("error"),
                p -> p.status() == PaymentStatus.DECLINE || p.status() == PaymentStatus.ERROR,
                60);
        assertFiltered(q -> q.put("operation_type", "payout"), p -> p.type() == PaymentType.PAYOUT, 15);
        assertFiltered(
                q -> {
                    q.putArray("operation_type").add("sale");
                    q.putArray("status").add("processing");
                },
                p -> p.type() == PaymentType.PURCHASE && p.status() == PaymentStatus.PROCESSING,
                15);
    }

    private void assertFiltered(Consumer<ObjectNode> filter, Predicate<Payment> expectedFilter, int limit) {
        Instant from = START.plus(Duration.ofDays(2));
        Instant to = START.plus(Duration.ofDays(4)).plusSeconds(3);
        List<String> expected = PaymentHistory.ids(history.expected(A, from, to, expectedFilter));
        int[] pages = {0};
        List<JsonNode> got =
                walk(clientA, SECRET_A, query(A, from, to, filter.andThen(q -> q.put("limit", limit))), pages);
        assertEquals(expected, paymentIds(got));
        assertTrue(pages[0] > 2, "several pages: " + expected.size() + " operations");
    }

    @Test
    void an_operation_carries_its_fields_in_the_requested_time_zone() {
        Payment sale = history.expected(
                        A, START, END, p -> p.status() == PaymentStatus.SUCCESS && p.type() == PaymentType.PURCHASE)
                .get(10);
        List<JsonNode> found = walk(
                clientA,
                SECRET_A,
                query(A, START, END, q -> {
                    q.put("payment_id", sale.key().paymentId());
                    q.put("time_zone", "Europe/Malta");
                }),
                new int[1]);
        assertEquals(1, found.size());
        JsonNode operation = found.get(0);
        assertEquals(A, operation.path("project_id").asLong());
        assertEquals(sale.operationId(), operation.path("operation_id").asLong());
        assertEquals("sale", operation.path("operation_type").asText());
        assertEquals("success", operation.path("operation_status").asText());
        assertEquals("purchase", operation.path("payment_type").asText());
        assertEquals("Jeton Voucher", operation.path("payment_method_name").asText());
        assertEquals("***************0017", operation.path("account_number").asText());
        assertEquals(
                sale.amount().minorUnits(),
                operation.path("sum_initial").path("amount").asLong());
        assertEquals("EUR", operation.path("sum_initial").path("currency").asText());
        assertEquals("0", operation.path("code").asText());
        assertEquals("Success", operation.path("message").asText());
        assertEquals(
                sale.providerPaymentId(), operation.path("provider_payment_id").asText());
        // February in Malta is UTC+1; the seeded times are whole seconds, which the milliseconds keep exactly.
        String created = operation.path("operation_created_at").asText();
        assertTrue(created.endsWith(".000+01:00"), created);
        assertEquals(sale.createdAt(), OffsetDateTime.parse(created).toInstant());
        assertEquals(
                sale.updatedAt(),
                OffsetDateTime.parse(operation.path("operation_completed_at").asText())
                        .toInstant());
        assertFalse(operation.toString().contains(PaymentHistory.VOUCHER), "only the last four digits");
    }

    @Test
    void a_processing_operation_has_no_completion_code_or_provider_reference() {
        Payment processing = history.expected(A, START, END, p -> p.status() == PaymentStatus.PROCESSING)
                .get(0);
        JsonNode operation = walk(
                        clientA,
                        SECRET_A,
                        query(
                                A,
                                START,
                                END,
                                q -> q.put("payment_id", processing.key().paymentId())),
                        new int[1])
                .get(0);
        assertEquals("processing", operation.path("operation_status").asText());
        assertFalse(operation.has("operation_completed_at"));
        assertFalse(operation.has("code"));
        assertFalse(operation.has("provider_payment_id"));
    }

    @Nested
    class WhileOperationsArrive {

        @Test
        void later_pages_list_new_operations_ahead_of_the_cursor_and_never_repeat_or_skip() {
            for (int i = 0; i < 300; i++) {
                history.write(PaymentHistory.payment(
                        ARRIVING,
                        String.format("c-%03d", i),
                        PaymentType.PURCHASE,
                        START.plusSeconds(i * 60L),
                        outcome(i),
                        1_500,
                        "order " + i));
            }
            GateClient client = sandbox.client(ARRIVING, SECRET_ARRIVING);
            ObjectNode query = query(ARRIVING, START, END, q -> q.put("limit", 100));
            GateClient.Answer first = client.postSigned("/operations/get", query.deepCopy());
            List<String> seen = new ArrayList<>(paymentIds(listOf(first.body().path("operations"))));
            // One behind the cursor (too late for this walk), one ahead of it, and one at the very end.
            history.write(PaymentHistory.payment(
                    ARRIVING,
                    "c-050-late",
                    PaymentType.PURCHASE,
                    START.plusSeconds(50 * 60L),
                    PaymentStatus.SUCCESS,
                    1_000,
                    "late"));
            history.write(PaymentHistory.payment(
                    ARRIVING,
                    "c-150-new",
                    PaymentType.PURCHASE,
                    START.plusSeconds(150 * 60L),
                    PaymentStatus.DECLINE,
                    1_000,
                    "new"));
            history.write(PaymentHistory.payment(
                    ARRIVING,
                    "c-999-newest",
                    PaymentType.PAYOUT,
                    START.plusSeconds(999 * 60L),
                    PaymentStatus.PROCESSING,
                    1_000,
                    "newest"));
            query.put("cursor", first.body().path("cursor").asText());
            seen.addAll(paymentIds(walk(client, SECRET_ARRIVING, query, new int[1])));

            List<String> expected =
                    new ArrayList<>(PaymentHistory.ids(history.expected(ARRIVING, START, END, p -> true)));
            expected.remove("c-050-late");
            assertEquals(expected, seen);
            assertEquals(new HashSet<>(seen).size(), seen.size(), "no operation twice");
            assertTrue(seen.contains("c-150-new") && seen.contains("c-999-newest"));
        }
    }

    @Nested
    class ProjectIsolation {

        @Test
        void a_request_signed_for_a_project_lists_only_that_projects_operations() {
            List<JsonNode> all = walk(clientA, SECRET_A, query(A, START, END, q -> {}), new int[1]);
            assertTrue(all.stream().allMatch(o -> o.path("project_id").asLong() == A));
            Set<String> ids = new HashSet<>(paymentIds(all));
            assertTrue(history.expected(B, START, END, p -> true).stream()
                    .filter(p -> p.key().paymentId().startsWith("b-"))
                    .noneMatch(p -> ids.contains(p.key().paymentId())));
            // The ids both projects use are A's own payments in A's list.
            Payment shared = history.get(B, "a-98");
            JsonNode ownA = walk(clientA, SECRET_A, query(A, START, END, q -> q.put("payment_id", "a-98")), new int[1])
                    .get(0);
            assertEquals(
                    history.get(A, "a-98").operationId(),
                    ownA.path("operation_id").asLong());
            assertFalse(shared.operationId() == ownA.path("operation_id").asLong());
        }

        @Test
        void naming_another_project_with_ones_own_secret_fails_the_signature() {
            GateClient aPretendingToBeB = new GateClient(sandbox.runtime.baseUrl(), B, SECRET_A);
            assertRejected(
                    aPretendingToBeB.postSigned("/operations/get", query(B, START, END, q -> {})),
                    "3261",
                    "general.signature");
        }

        @Test
        void another_projects_payment_id_finds_nothing() {
            GateClient.Answer answer =
                    clientA.postSigned("/operations/get", query(A, START, END, q -> q.put("payment_id", "b-150")));
            assertEquals(200, answer.status());
            assertEquals(0, answer.body().path("operations").size());
        }

        @Test
        void another_projects_cursor_is_refused() {
            GateClient.Answer ofB =
                    clientB.postSigned("/operations/get", query(B, START, END, q -> q.put("limit", 10)));
            String cursorOfB = ofB.body().path("cursor").asText();
            assertFalse(cursorOfB.isEmpty());
            assertRejected(
                    clientA.postSigned("/operations/get", query(A, START, END, q -> {
                        q.put("limit", 10);
                        q.put("cursor", cursorOfB);
                    })),
                    "502",
                    "cursor");
        }
    }

    @Nested
    class Errors {

        @Test
        void signatures_and_projects_as_for_gate_requests() {
            ObjectNode unsigned = query(A, START, END, q -> {});
            assertRejected(clientA.post("/operations/get", unsigned.toString()), "3262", "general.signature");
            ObjectNode forged = query(A, START, END, q -> {});
            ((ObjectNode) forged.get("general")).put("signature", "c2lnbmF0dXJl");
            assertRejected(clientA.post("/operations/get", forged.toString()), "3261", "general.signature");
            ObjectNode signed = new Signer(SECRET_A).signInGeneral(query(A, START, END, q -> {}));
            ((ObjectNode) signed.get("interval")).put("to", END.plusSeconds(1).toString());
            assertRejected(clientA.post("/operations/get", signed.toString()), "3261", "general.signature");
            assertRejected(
                    sandbox.client(9_999, "nobody").postSigned("/operations/get", query(9_999, START, END, q -> {})),
                    "2442",
                    "general.project_id");
            assertRejected(clientA.post("/operations/get", "{not json"), "2003", null);
        }

        @Test
        void the_interval_is_required_well_formed_and_at_most_thirty_one_days() {
            ObjectNode noInterval = query(A, START, END, q -> q.remove("interval"));
            assertRejected(clientA.postSigned("/operations/get", noInterval), "2004", "interval");
            assertRejected(
                    clientA.postSigned(
                            "/operations/get",
                            query(A, START, END, q -> ((ObjectNode) q.get("interval")).remove("to"))),
                    "2004",
                    "interval.to");
            assertRejected(
                    clientA.postSigned(
                            "/operations/get",
                            query(A, START, END, q -> ((ObjectNode) q.get("interval")).put("from", "yesterday"))),
                    "502",
                    "interval.from");
            assertRejected(clientA.postSigned("/operations/get", query(A, END, START, q -> {})), "502", "interval.to");
            assertRejected(
                    clientA.postSigned("/operations/get", query(A, START, START, q -> {})), "502", "interval.to");
            assertRejected(
                    clientA.postSigned(
                            "/operations/get",
                            query(A, START, START.plus(Duration.ofDays(31)).plusSeconds(1), q -> {})),
                    "502",
                    "interval.to");
            assertEquals(
                    200,
                    clientA.postSigned(
                                    "/operations/get",
                                    query(A, START, START.plus(Duration.ofDays(31)), q -> q.put("limit", 1)))
                            .status());
            assertRejected(
                    clientA.postSigned(
                            "/operations/get", query(A, START, END, q -> q.put("time_zone", "Mars/Olympus"))),
                    "502",
                    "time_zone");
            for (String outOfRange :
                    List.of("+999999999-12-31", "+999999999-12-31T23:59:59-18:00", "-999999999-01-01")) {
                assertRejected(
                        clientA.postSigned(
                                "/operations/get",
                                query(A, START, END, q -> ((ObjectNode) q.get("interval")).put("from", outOfRange))),
                        "502",
                        "interval.from");
            }
        }

        @Test
        void ecommpay_style_local_times_are_read_in_the_time_zone() {
            ObjectNode local = query(A, START, END, q -> {
                q.putObject("interval").put("from", "2026-02-03 01:00:00").put("to", "2026-02-04 01:00:00");
                q.put("time_zone", "Europe/Malta");
                q.put("limit", 1);
            });
            GateClient.Answer answer = clientA.postSigned("/operations/get", local);
            assertEquals(200, answer.status(), answer.body()::toString);
            assertEquals(
                    "2026-02-03T01:00:00.000+01:00",
                    answer.body().path("interval").path("from").asText());
            assertEquals("Europe/Malta", answer.body().path("time_zone").asText());
        }

        @Test
        void filters_limits_cursors_and_offsets_that_cannot_be_used() {
            assertRejected(
                    clientA.postSigned(
                            "/operations/get",
                            query(A, START, END, q -> q.putArray("status").add("paid"))),
                    "502",
                    "status");
            assertRejected(
                    clientA.postSigned("/operations/get", query(A, START, END, q -> q.put("operation_type", "refund"))),
                    "502",
                    "operation_type");
            assertRejected(
                    clientA.postSigned("/operations/get", query(A, START, END, q -> q.put("limit", 0))),
                    "502",
                    "limit");
            assertRejected(
                    clientA.postSignedEscaped(
                            "/operations/get", query(A, START, END, q -> q.put("payment_id", "\ud800"))),
                    "502",
                    "payment_id");
            assertRejected(
                    clientA.postSigned("/operations/get", query(A, START, END, q -> q.put("limit", 1001))),
                    "502",
                    "limit");
            assertRejected(
                    clientA.postSigned("/operations/get", query(A, START, END, q -> q.put("offset", 10))),
                    "502",
                    "offset");
            assertRejected(
                    clientA.postSigned("/operations/get", query(A, START, END, q -> q.put("cursor", "bm90.YQ"))),
                    "502",
                    "cursor");

            GateClient.Answer declined = clientA.postSigned(
                    "/operations/get",
                    query(A, START, END, q -> q.put("status", "decline").put("limit", 5)));
            String cursor = declined.body().path("cursor").asText();
            assertEquals(
                    200,
                    clientA.postSigned(
                                    "/operations/get",
                                    query(
                                            A,
                                            START,
                                            END,
                                            q -> q.put("status", "decline")
                                                    .put("limit", 5)
                                                    .put("cursor", cursor)))
                            .status());
            assertRejected(
                    clientA.postSigned(
                            "/operations/get",
                            query(
                                    A,
                                    START,
                                    END,
                                    q -> q.put("status", "success")
                                            .put("limit", 5)
                                            .put("cursor", cursor))),
                    "502",
                    "cursor");
        }
    }

    static List<JsonNode> listOf(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    static void assertRejected(GateClient.Answer answer, String code, String field) {
        assertEquals(400, answer.status(), answer.body()::toString);
        assertEquals("error", answer.body().path("status").asText());
        assertEquals(code, answer.body().path("code").asText(), answer.body()::toString);
        if (field == null) {
            assertFalse(answer.body().has("field"), answer.body()::toString);
        } else {
            assertEquals(field, answer.body().path("field").asText(), answer.body()::toString);
        }
    }
}
