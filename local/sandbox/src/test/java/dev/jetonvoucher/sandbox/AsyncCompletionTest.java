package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.fixtures.GateClient;
import dev.jetonvoucher.fixtures.Polling;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.BalanceStore;
import dev.jetonvoucher.payment.CallbackAttempt;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.signing.Signer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The asynchronous half of the method, end to end through the sandbox: Gate request over HTTP, provider
 * dispatch, provider notification or status polls, limit-time decline, signed merchant callbacks.
 */
class AsyncCompletionTest {

    static final long TEST = 1001;
    static final long DROP = 1002;
    static final long STUCK = 1003;
    static final long SLOW = 1004;
    static final String VOUCHER = "4619000000000000017";
    static final Duration WAIT = Duration.ofSeconds(30);

    static SandboxHarness sandbox;

    @BeforeAll
    static void start() {
        ObjectNode drop = SandboxHarness.project(DROP, "secret-drop", true);
        ((ObjectNode) drop.get("sandbox")).put("provider_notifications", "drop");
        ObjectNode stuck = SandboxHarness.project(STUCK, "secret-stuck", true);
        ((ObjectNode) stuck.get("sandbox")).put("provider_notifications", "stuck");
        stuck.put("limit_time_seconds", 3);
        ObjectNode slow = SandboxHarness.project(SLOW, "secret-slow", true);
        ((ObjectNode) slow.get("sandbox")).put("provider_delay_seconds", 3);
        slow.put("base_time_seconds", 10);
        sandbox = new SandboxHarness(SandboxHarness.project(TEST, "secret-test", true), drop, stuck, slow);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void a_sale_in_a_test_project_ends_in_a_success_callback_signed_with_the_project_secret() {
        GateClient gate = sandbox.client(TEST, "secret-test");
        GateClient.Answer ack = gate.sale("sale-ok", 1000, "EUR", VOUCHER, "12/2030", "1234");
        assertEquals(200, ack.status(), ack.body().toString());
        assertEquals("success", ack.body().path("status").asText());

        JsonNode callback = sandbox.merchant.awaitCallback("sale-ok", WAIT);
        assertTrue(sandbox.merchant.signatureValid(callback), "the callback verifies with the project secret");
        assertEquals("success", callback.path("payment").path("status").asText());
        assertEquals("purchase", callback.path("payment").path("type").asText());
        assertEquals("Jeton Voucher", callback.path("payment").path("method").asText());
        assertEquals("sale", callback.path("operation").path("type").asText());
        assertEquals("0", callback.path("operation").path("code").asText());
        assertEquals("Success", callback.path("operation").path("message").asText());
        assertEquals(
                1084, callback.path("operation").path("provider").path("id").asInt());
        assertEquals(VOUCHER, callback.path("account").path("number").asText());
        assertEquals(
                ack.body().path("request_id").asText(),
                callback.path("operation").path("request_id").asText());
        assertFalse(callback.toString().contains("1234\""), "the sale's security code never appears in a callback");
    }

    @Test
    void amounts_40000_and_40400_are_declined_in_testing_mode() {
        GateClient gate = sandbox.client(TEST, "secret-test");
        for (long amount : List.of(40000L, 40400L)) {
            String id = "decline-" + amount;
            assertEquals(
                    200,
                    gate.sale(id, amount, "EUR", VOUCHER, "12/2030", "1234").status());
            JsonNode callback = sandbox.merchant.awaitCallback(id, WAIT);
            assertEquals("decline", callback.path("payment").path("status").asText());
            assertEquals("20000", callback.path("operation").path("code").asText());
            assertTrue(sandbox.merchant.signatureValid(callback));
        }
    }

    @Test
    void a_payout_of_1250_EUR_pays_out_three_vouchers_500_500_250() {
        GateClient gate = sandbox.client(TEST, "secret-test");
        Money before = sandbox.balances()
                .find(TEST, Money.ofMinor(0, "EUR").currency())
                .map(BalanceStore.Balance::available)
                .orElse(Money.ofMinor(500_000, "EUR"));
        assertEquals(200, gate.payout("payout-1250", 125_000, "EUR").status());

        JsonNode callback = sandbox.merchant.awaitCallback("payout-1250", WAIT);
        assertTrue(sandbox.merchant.signatureValid(callback));
        assertEquals("success", callback.path("payment").path("status").asText());
        assertEquals("payout", callback.path("operation").path("type").asText());
        JsonNode vouchers = callback.path("provider_extra_fields").path("vouchers");
        assertEquals(3, vouchers.size());
        List<Long> amounts = new ArrayList<>();
        for (JsonNode voucher : vouchers) {
            amounts.add(voucher.path("amount").asLong());
            assertTrue(voucher.path("voucherNumber").asText().matches("\\d{19}"));
            assertTrue(voucher.path("securityCode").asText().matches("\\d{4}"));
            assertFalse(voucher.path("expiration").asText().isEmpty());
            assertFalse(voucher.path("createDate").asText().isEmpty());
        }
        assertEquals(List.of(50_000L, 50_000L, 25_000L), amounts);
        BalanceStore.Balance after =
                sandbox.balances().find(TEST, before.currency()).orElseThrow();
        assertEquals(before.minorUnits() - 125_000, after.available().minorUnits());
        assertEquals(0, after.reserved().minorUnits());
        assertTrue(after.conserved());
    }

    @Test
    void a_payout_over_the_balance_is_declined_with_3028_and_the_balance_is_untouched() {
        GateClient gate = sandbox.client(TEST, "secret-test");
        // Settle earlier payouts of this class first, so the balance is quiet.
        BalanceStore.Balance before = awaitQuietBalance(TEST);
        long tooMuch = before.available().minorUnits() + 1000;
        tooMuch = Math.min(Math.max(tooMuch, 1000), 2_500_000);
        assertEquals(
                200, gate.payout("payout-too-much", tooMuch, "EUR").status(), "the payout is accepted, then declined");
        JsonNode callback = sandbox.merchant.awaitCallback("payout-too-much", WAIT);
        assertEquals("decline", callback.path("payment").path("status").asText());
        assertEquals("3028", callback.path("operation").path("code").asText());
        assertEquals(
                "Insufficient funds on merchant balance",
                callback.path("operation").path("message").asText());
        BalanceStore.Balance after =
                sandbox.balances().find(TEST, before.available().currency()).orElseThrow();
        assertEquals(before.available(), after.available());
        assertTrue(after.conserved());
    }

    @Test
    void a_payout_declined_in_testing_mode_releases_its_reservation() {
        GateClient gate = sandbox.client(TEST, "secret-test");
        BalanceStore.Balance before = awaitQuietBalance(TEST);
        assertEquals(200, gate.payout("payout-40000", 40000, "EUR").status());
        JsonNode callback = sandbox.merchant.awaitCallback("payout-40000", WAIT);
        assertEquals("decline", callback.path("payment").path("status").asText());
        assertEquals("20000", callback.path("operation").path("code").asText());
        BalanceStore.Balance after = awaitQuietBalance(TEST);
        assertEquals(before.available(), after.available(), "the reservation went back");
        assertEquals(before.paidOut(), after.paidOut());
        assertTrue(after.conserved());
    }

    @Test
    void the_provider_delay_holds_the_result_back_that_long() {
        GateClient gate = sandbox.client(SLOW, "secret-slow");
        java.time.Instant accepted = java.time.Instant.now();
        assertEquals(
                200,
                gate.sale("slow-1", 1000, "EUR", VOUCHER, "12/2030", "1234").status());
        sandbox.merchant.awaitCallback("slow-1", WAIT);
        Payment payment =
                sandbox.payments().find(new PaymentKey(SLOW, "slow-1")).orElseThrow();
        assertTrue(
                Duration.between(accepted, payment.updatedAt()).compareTo(Duration.ofMillis(2500)) >= 0,
                "finished " + Duration.between(accepted, payment.updatedAt()) + " after acceptance");
    }

    @Test
    void with_notifications_dropped_the_result_is_reached_by_polling_after_the_base_time() {
        GateClient gate = sandbox.client(DROP, "secret-drop");
        assertEquals(
                200,
                gate.sale("dropped-1", 1500, "EUR", VOUCHER, "12/2030", "1234").status());
        JsonNode callback = sandbox.merchant.awaitCallback("dropped-1", WAIT);
        assertEquals("success", callback.path("payment").path("status").asText());
        assertEquals("0", callback.path("operation").path("code").asText());
    }

    @Test
    void a_stuck_payment_is_declined_with_20602_at_the_limit_time_with_exactly_one_callback() {
        GateClient gate = sandbox.client(STUCK, "secret-stuck");
        assertEquals(
                200,
                gate.sale("stuck-1", 2000, "EUR", VOUCHER, "12/2030", "1234").status());
        JsonNode callback = sandbox.merchant.awaitCallback("stuck-1", WAIT);
        assertEquals("decline", callback.path("payment").path("status").asText());
        assertEquals("20602", callback.path("operation").path("code").asText());
        assertEquals("Time-out", callback.path("operation").path("message").asText());
        // That no second callback ever follows is proven by the lifecycle simulation (testing/simulation,
        // LifecycleSimulationProperties).
    }

    @Test
    void a_merchant_answering_500_gets_the_callback_once_it_answers_200_and_every_try_is_recorded() {
        GateClient gate = sandbox.client(TEST, "secret-test");
        sandbox.merchant.failFirst(2);
        assertEquals(
                200,
                gate.sale("retry-1", 1100, "EUR", VOUCHER, "12/2030", "1234").status());
        sandbox.merchant.awaitCallback("retry-1", Duration.ofSeconds(60));
        PaymentKey key = new PaymentKey(TEST, "retry-1");
        Payment payment = awaitCallbackState(key, CallbackState.DELIVERED);
        List<CallbackAttempt> attempts = sandbox.payments().callbackAttempts(key);
        assertEquals(3, attempts.size(), attempts.toString());
        assertEquals(500, attempts.get(0).httpStatus());
        assertEquals(500, attempts.get(1).httpStatus());
        assertEquals(200, attempts.get(2).httpStatus());
        assertTrue(attempts.get(1).at().isAfter(attempts.get(0).at().plusSeconds(9)), "tries are 10 s apart");
        assertEquals(3, payment.callbackAttempts());
    }

    @Test
    void the_status_request_answers_with_the_signed_payment_and_its_operations() {
        GateClient gate = sandbox.client(TEST, "secret-test");
        assertEquals(
                200,
                gate.sale("status-1", 1200, "EUR", VOUCHER, "12/2030", "1234").status());
        sandbox.merchant.awaitCallback("status-1", WAIT);
        GateClient.Answer status = gate.status("status-1");
        assertEquals(200, status.status(), status.body().toString());
        assertTrue(new Signer("secret-test").check(status.body()).valid());
        assertEquals("success", status.body().path("payment").path("status").asText());
        assertEquals(
                "sale", status.body().path("operations").path(0).path("type").asText());

        GateClient.Answer unknown = gate.status("no-such-payment");
        assertEquals(400, unknown.status());
        assertEquals("3061", unknown.body().path("code").asText());
        GateClient.Answer badSignature = sandbox.client(TEST, "wrong-secret").status("status-1");
        assertEquals("3261", badSignature.body().path("code").asText());
    }

    private static BalanceStore.Balance awaitQuietBalance(long projectId) {
        for (int i = 0; i < 200; i++) {
            BalanceStore.Balance balance = sandbox.balances()
                    .find(projectId, Money.ofMinor(0, "EUR").currency())
                    .orElse(null);
            if (balance != null && balance.reserved().minorUnits() == 0) {
                return balance;
            }
            if (balance == null) {
                sandbox.balances().openIfAbsent(projectId, Money.ofMinor(500_000, "EUR"));
            }
            Polling.pause(100);
        }
        throw new AssertionError("the balance never settled");
    }

    private static Payment awaitCallbackState(PaymentKey key, CallbackState state) {
        for (int i = 0; i < 300; i++) {
            Payment payment = sandbox.payments().find(key).orElseThrow();
            if (payment.callbackState() == state) {
                return payment;
            }
            Polling.pause(100);
        }
        throw new AssertionError("callback of " + key + " never reached " + state);
    }
}
