package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.fixtures.GateClient;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.payment.BalanceStore;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The synchronous half through the sandbox's HTTP API: acceptance, every rejection code, idempotency, balance. */
class GateAcceptanceTest {

    static final long TEST = 2001;
    static final long LIVE = 2002;
    static final long LEDGER = 2003;
    static final String SECRET = "secret-2001";
    static final String LIVE_SECRET = "secret-2002";
    static final String VOUCHER = "4619000000000000017";

    static SandboxHarness sandbox;
    static GateClient gate;

    @BeforeAll
    static void start() {
        ObjectNode live = SandboxHarness.project(LIVE, LIVE_SECRET, false);
        ((ObjectNode) live.get("balances")).put("EUR", 100_000);
        sandbox = new SandboxHarness(
                SandboxHarness.project(TEST, SECRET, true), live, SandboxHarness.project(LEDGER, LIVE_SECRET, false));
        gate = sandbox.client(TEST, SECRET);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void an_accepted_sale_is_acknowledged_with_request_project_and_payment_ids() {
        GateClient.Answer ack = gate.sale("ack-1", 5000, "EUR", VOUCHER, "12/2030", "1234");
        assertEquals(200, ack.status());
        assertEquals("success", ack.body().path("status").asText());
        assertEquals(TEST, ack.body().path("project_id").asLong());
        assertEquals("ack-1", ack.body().path("payment_id").asText());
        assertTrue(ack.body().path("request_id").asText().matches("[0-9a-f]{48}"));
    }

    @Test
    void invalid_json_is_2003() {
        assertRejected(gate.post("/v2/payment/voucher/jeton/sale", "{not json"), "2003", null);
        assertRejected(gate.post("/v2/payment/voucher/jeton/sale", "[1,2]"), "2003", null);
        assertRejected(gate.post("/v2/payment/voucher/jeton/sale", ""), "2003", null);
    }

    @Test
    void a_missing_field_is_2004_and_named() {
        ObjectNode body = gate.saleBody("missing-1", 5000, "EUR", VOUCHER, "12/2030", "1234");
        ((ObjectNode) body.get("customer")).remove("ip_address");
        assertRejected(gate.postSigned("/v2/payment/voucher/jeton/sale", body), "2004", "customer.ip_address");
        ObjectNode noAccount = gate.saleBody("missing-2", 5000, "EUR", VOUCHER, "12/2030", "1234");
        noAccount.remove("account");
        assertRejected(gate.postSigned("/v2/payment/voucher/jeton/sale", noAccount), "2004", "account");
        ObjectNode noPaymentId = gate.payoutBody("x", 5000, "EUR");
        ((ObjectNode) noPaymentId.get("general")).remove("payment_id");
        assertRejected(gate.postSigned("/v2/payment/voucher/jeton/payout", noPaymentId), "2004", "general.payment_id");
    }

    @Test
    void an_unknown_project_is_2442() {
        assertRejected(
                sandbox.client(9999, "whatever").sale("p", 5000, "EUR", VOUCHER, "12/2030", "1234"),
                "2442",
                "general.project_id");
    }

    @Test
    void an_empty_signature_is_3262_and_a_wrong_one_3261() {
        ObjectNode unsigned = gate.saleBody("sig-1", 5000, "EUR", VOUCHER, "12/2030", "1234");
        assertRejected(gate.post("/v2/payment/voucher/jeton/sale", unsigned.toString()), "3262", "general.signature");
        assertRejected(
                sandbox.client(TEST, "not-the-secret").sale("sig-2", 5000, "EUR", VOUCHER, "12/2030", "1234"),
                "3261",
                "general.signature");
        ObjectNode tampered = (ObjectNode) GateClient.JSON.valueToTree(
                new dev.jetonvoucher.signing.Signer(SECRET).signInGeneral(gate.payoutBody("sig-3", 5000, "EUR")));
        ((ObjectNode) tampered.get("payment")).put("amount", 9_999_999);
        assertRejected(gate.post("/v2/payment/voucher/jeton/payout", tampered.toString()), "3261", "general.signature");
    }

    @Test
    void a_bad_or_disabled_currency_is_3121() {
        assertRejected(gate.sale("cur-1", 5000, "EURO", VOUCHER, "12/2030", "1234"), "3121", "payment.currency");
        assertRejected(gate.sale("cur-2", 5000, "GBP", VOUCHER, "12/2030", "1234"), "3121", "payment.currency");
    }

    @Test
    void amounts_outside_the_voucher_limits_get_the_limit_codes() {
        assertRejected(gate.sale("amt-1", 999, "EUR", VOUCHER, "12/2030", "1234"), "3358", "payment.amount");
        assertRejected(gate.payout("amt-2", 999, "EUR"), "3358", "payment.amount");
        assertRejected(gate.sale("amt-3", 50_001, "EUR", VOUCHER, "12/2030", "1234"), "2642", "payment.amount");
        assertRejected(gate.payout("amt-4", 2_500_001, "EUR"), "2642", "payment.amount");
        assertEquals(
                200,
                gate.sale("amt-5", 50_000, "EUR", VOUCHER, "12/2030", "1234").status(),
                "500.00 fits a voucher");
    }

    @Test
    void malformed_voucher_data_is_a_validation_error_naming_the_field() {
        assertRejected(gate.sale("v-1", 5000, "EUR", "461900000000000001", "12/2030", "1234"), "502", "account.number");
        assertRejected(gate.sale("v-2", 5000, "EUR", VOUCHER, "13/2030", "1234"), "502", "account.expiration");
        assertRejected(
                sandbox.client(LIVE, LIVE_SECRET).sale("v-3", 5000, "EUR", VOUCHER, "01/2020", "1234"),
                "502",
                "account.expiration");
        assertRejected(gate.sale("v-4", 5000, "EUR", VOUCHER, "12/2030", "12345"), "502", "account.security_code");
    }

    @Test
    void a_test_project_takes_arbitrary_voucher_data_of_the_right_form_even_an_expired_07_2019() {
        GateClient.Answer ack = gate.sale("test-mode-expired", 5000, "EUR", "4619123456789012345", "07/2019", "4321");
        assertEquals(200, ack.status(), ack.body().toString());
        JsonNode callback = sandbox.merchant.awaitCallback("test-mode-expired", Duration.ofSeconds(30));
        assertEquals("success", callback.path("payment").path("status").asText());
        assertRejected(
                gate.sale("test-mode-form", 5000, "EUR", "4619123456789012345", "7/2019", "4321"),
                "502",
                "account.expiration");
    }

    @Test
    void an_unknown_route_or_a_trailing_slash_gets_404_with_the_platforms_error_body() throws Exception {
        GateClient.Answer slash = gate.post("/v2/payment/status/", "{}");
        assertEquals(404, slash.status(), slash.body().toString());
        assertEquals("error", slash.body().path("status").asText());
        assertEquals("702", slash.body().path("code").asText());
        assertEquals(
                "Malformed request: the API has no route POST /v2/payment/status/ (routes have no trailing slash)",
                slash.body().path("message").asText());

        DashboardClient browser = new DashboardClient(sandbox.runtime.baseUrl());
        DashboardClient.Response unknown = browser.get("/no-such-route");
        assertEquals(404, unknown.status());
        assertTrue(unknown.header("Content-Type").startsWith("application/json"), unknown.header("Content-Type"));
        JsonNode body = GateClient.JSON.readTree(unknown.text());
        assertEquals("error", body.path("status").asText());
        assertEquals("702", body.path("code").asText());
        assertEquals(200, browser.get("/health").status(), "GET /health still answers 200");
    }

    @Test
    void the_answer_spells_header_names_as_the_function_set_them_as_api_gateway_does() throws Exception {
        URI base = URI.create(sandbox.runtime.baseUrl());
        try (Socket client = new Socket(base.getHost(), base.getPort())) {
            client.setSoTimeout(30_000);
            client.getOutputStream()
                    .write(("GET /no-such-route HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String head =
                    new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\r\n\r\n")[0];

            assertTrue(head.startsWith("HTTP/1.1 404 "), head);
            assertTrue(head.contains("\r\nContent-Type: application/json; charset=utf-8\r\n"), head);
            assertFalse(head.contains("Content-type"), head);
        }
    }

    @Test
    void fifty_concurrent_requests_with_one_payment_id_make_exactly_one_payment() throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> gate.sale("same-id", 5000, "EUR", VOUCHER, "12/2030", "1234")
                    .status());
        }
        List<Integer> statuses = runAll(calls);
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(49, statuses.stream().filter(s -> s == 400).count());
        GateClient.Answer again = gate.sale("same-id", 5000, "EUR", VOUCHER, "12/2030", "1234");
        assertRejected(again, "3041", "general.payment_id");
        sandbox.merchant.awaitCallback("same-id", Duration.ofSeconds(30));
        // That the duplicates never get a callback is proven by the lifecycle simulation (testing/simulation,
        // LifecycleSimulationProperties).
    }

    @Test
    void thirty_concurrent_payouts_reserve_only_what_the_balance_covers() throws Exception {
        GateClient live = sandbox.client(LIVE, LIVE_SECRET);
        // 30 payouts of 50.00 against a balance of 1000.00: exactly 20 can be covered.
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = "drain-" + i;
            calls.add(() -> live.payout(id, 5000, "EUR").status());
        }
        List<Integer> statuses = runAll(calls);
        assertTrue(statuses.stream().allMatch(s -> s == 200), "all are accepted: " + statuses);
        int success = 0;
        int insufficient = 0;
        for (int i = 0; i < 30; i++) {
            JsonNode callback = sandbox.merchant.awaitCallback("drain-" + i, Duration.ofSeconds(60));
            if ("success".equals(callback.path("payment").path("status").asText())) {
                success++;
            } else {
                assertEquals("3028", callback.path("operation").path("code").asText());
                insufficient++;
            }
        }
        assertEquals(20, success);
        assertEquals(10, insufficient);
        BalanceStore.Balance balance =
                sandbox.balances().find(LIVE, CurrencyUnit.of("EUR")).orElseThrow();
        assertEquals(0, balance.available().minorUnits());
        assertEquals(0, balance.reserved().minorUnits());
        assertEquals(100_000, balance.paidOut().minorUnits());
        assertTrue(balance.conserved());
    }

    @Test
    void twenty_concurrent_redemptions_of_one_issued_voucher_succeed_exactly_once() throws Exception {
        GateClient live = sandbox.client(LEDGER, LIVE_SECRET);
        // A live project's sales redeem only vouchers the provider issued: get one through a payout.
        assertEquals(200, live.payout("issue-1", 2000, "EUR").status());
        JsonNode issued = sandbox.merchant.awaitCallback("issue-1", Duration.ofSeconds(30));
        assertEquals("success", issued.path("payment").path("status").asText(), issued.toString());
        JsonNode voucher = issued.path("provider_extra_fields").path("vouchers").path(0);
        String number = voucher.path("voucherNumber").asText();
        String code = voucher.path("securityCode").asText();
        String expiry = voucher.path("expiration").asText().substring(5, 7) + "/"
                + voucher.path("expiration").asText().substring(0, 4);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = "redeem-" + i;
            calls.add(() -> live.sale(id, 1500, "EUR", number, expiry, code).status());
        }
        assertTrue(runAll(calls).stream().allMatch(s -> s == 200));
        int success = 0;
        for (int i = 0; i < 20; i++) {
            JsonNode callback = sandbox.merchant.awaitCallback("redeem-" + i, Duration.ofSeconds(60));
            if ("success".equals(callback.path("payment").path("status").asText())) {
                success++;
            } else {
                assertEquals("20106", callback.path("operation").path("code").asText(), callback.toString());
            }
        }
        assertEquals(1, success, "one voucher, one redemption");
        // Wrong code and unknown voucher are incorrect data (20102).
        live.sale("redeem-wrong-code", 1500, "EUR", number, expiry, code.equals("0000") ? "1111" : "0000");
        assertEquals(
                "20102",
                sandbox.merchant
                        .awaitCallback("redeem-wrong-code", Duration.ofSeconds(30))
                        .path("operation")
                        .path("code")
                        .asText());
    }

    private static List<Integer> runAll(List<Callable<Integer>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> future : pool.invokeAll(calls)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    static void assertRejected(GateClient.Answer answer, String code, String field) {
        assertEquals(400, answer.status(), answer.body().toString());
        assertEquals("error", answer.body().path("status").asText());
        assertEquals(code, answer.body().path("code").asText(), answer.body().toString());
        assertTrue(answer.body().path("message").isTextual());
        if (field != null) {
            assertEquals(
                    field, answer.body().path("field").asText(), answer.body().toString());
        }
    }
}
