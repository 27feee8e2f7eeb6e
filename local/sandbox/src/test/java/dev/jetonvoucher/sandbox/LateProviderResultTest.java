package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.aws.DynamoVoucherLedger;
import dev.jetonvoucher.fixtures.GateClient;
import dev.jetonvoucher.fixtures.Polling;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.payment.BalanceStore;
import dev.jetonvoucher.payment.Compensation;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.provider.sandbox.VoucherLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's first scenario, end to end on the sandbox: live projects ({@code test: false}) whose provider takes 12 s
 * while the limit time is 6 s. The merchant gets one callback, the 20602 decline, and the provider's books end up
 * agreeing with it: a provider that honours the cancel never redeems or issues; one that cannot stop has its late
 * success compensated (the sale's voucher spendable again, the payout's vouchers void).
 */
class LateProviderResultTest {

    static final long ISSUER = 4101;
    static final long CANCELS = 4102;
    static final long CANNOT_STOP = 4103;
    static final Duration PROVIDER_DELAY = Duration.ofSeconds(12);
    static final Duration LIMIT_TIME = Duration.ofSeconds(6);

    static SandboxHarness sandbox;
    static GateClient issuer;
    static GateClient cancels;
    static GateClient cannotStop;
    static Voucher cancelledSaleVoucher;
    static Voucher reversedSaleVoucher;
    static Instant accepted;

    record Voucher(String number, String expiry, String code) {}

    @BeforeAll
    static void start() {
        ObjectNode cancelling = slowProvider(SandboxHarness.project(CANCELS, "secret-4102", false));
        ObjectNode committed = slowProvider(SandboxHarness.project(CANNOT_STOP, "secret-4103", false));
        ((ObjectNode) committed.get("sandbox")).put("provider_cancels", false);
        sandbox = new SandboxHarness(SandboxHarness.project(ISSUER, "secret-4101", false), cancelling, committed);
        issuer = sandbox.client(ISSUER, "secret-4101");
        cancels = sandbox.client(CANCELS, "secret-4102");
        cannotStop = sandbox.client(CANNOT_STOP, "secret-4103");

        // Live projects redeem only vouchers the provider issued: two, through a payout of the fast project.
        assertEquals(200, issuer.payout("issue-vouchers", 100_000, "EUR").status());
        JsonNode issued = sandbox.merchant.awaitCallback("issue-vouchers", Duration.ofSeconds(30));
        assertEquals("success", issued.path("payment").path("status").asText(), issued.toString());
        cancelledSaleVoucher =
                voucher(issued.path("provider_extra_fields").path("vouchers").path(0));
        reversedSaleVoucher =
                voucher(issued.path("provider_extra_fields").path("vouchers").path(1));

        // All three slow payments run at once; each test awaits its own.
        accepted = Instant.now();
        assertEquals(200, sale(cancels, "cancelled-sale", cancelledSaleVoucher).status());
        assertEquals(200, sale(cannotStop, "reversed-sale", reversedSaleVoucher).status());
        assertEquals(200, cannotStop.payout("voided-payout", 60_000, "EUR").status());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void a_provider_that_honours_the_cancel_never_redeems_the_voucher_and_the_customer_can_spend_it_again() {
        JsonNode callback = sandbox.merchant.awaitCallback("cancelled-sale", Duration.ofSeconds(30));
        assertDeclinedWithTimeOut(callback);
        PaymentKey key = new PaymentKey(CANCELS, "cancelled-sale");
        Payment declined = sandbox.payments().find(key).orElseThrow();
        assertNull(declined.compensation(), "nothing moved at the provider, so nothing to undo");
        VoucherLedger.Transaction atProvider =
                ledger().findTransaction(declined.operationId()).orElseThrow();
        assertEquals(VoucherLedger.Settlement.CANCELLED, atProvider.settlement());
        assertFalse(ledger().findVoucher(cancelledSaleVoucher.number())
                .orElseThrow()
                .redeemed());

        // At 12 s the provider's notification, queued before the cancel, still arrives: checked and found stale.
        awaitLateResult(key, late -> late.disposition().contains("stale"));
        assertEquals(1, sandbox.merchant.callbacksFor("cancelled-sale").size(), "one final callback");
        assertNull(sandbox.payments().find(key).orElseThrow().compensation());

        assertEquals(
                200, sale(issuer, "cancelled-sale-again", cancelledSaleVoucher).status());
        assertEquals(
                "success",
                sandbox.merchant
                        .awaitCallback("cancelled-sale-again", Duration.ofSeconds(30))
                        .path("payment")
                        .path("status")
                        .asText());
    }

    @Test
    void a_sale_the_provider_cannot_stop_is_declined_and_its_late_redemption_reversed() {
        JsonNode callback = sandbox.merchant.awaitCallback("reversed-sale", Duration.ofSeconds(30));
        assertDeclinedWithTimeOut(callback);
        PaymentKey key = new PaymentKey(CANNOT_STOP, "reversed-sale");

        Payment compensated = awaitCompensation(key, Compensation.State.COMPLETED);
        assertEquals(
                Compensation.Action.REVERSE_REDEMPTION,
                compensated.compensation().action());
        assertTrue(
                compensated.compensation().outcome().startsWith("redemption reversed"),
                compensated.compensation().toString());
        List<Compensation.Attempt> attempts = sandbox.payments().compensationAttempts(key);
        assertEquals(
                compensated.compensation().attempts(),
                attempts.get(attempts.size() - 1).number());
        assertTrue(
                attempts.stream().anyMatch(attempt -> attempt.outcome().contains("still processing")),
                "tried while the provider was still working on it: " + attempts);
        VoucherLedger.Transaction atProvider =
                ledger().findTransaction(compensated.operationId()).orElseThrow();
        assertEquals(VoucherLedger.Settlement.REVERSED, atProvider.settlement());
        assertEquals(PaymentStatus.SUCCESS, atProvider.status(), "the provider did redeem it, after the decline");
        assertFalse(
                ledger().findVoucher(reversedSaleVoucher.number()).orElseThrow().redeemed());

        assertEquals(PaymentStatus.DECLINE, compensated.status());
        assertEquals("20602", compensated.resultCode());
        assertEquals(1, sandbox.merchant.callbacksFor("reversed-sale").size(), "the decline stays the one callback");

        // Same number, same code: the customer's voucher is spendable again.
        assertEquals(
                200, sale(issuer, "reversed-sale-again", reversedSaleVoucher).status());
        assertEquals(
                "success",
                sandbox.merchant
                        .awaitCallback("reversed-sale-again", Duration.ofSeconds(30))
                        .path("payment")
                        .path("status")
                        .asText());
    }

    @Test
    void a_payout_the_provider_cannot_stop_is_declined_its_reservation_released_and_its_vouchers_voided() {
        JsonNode callback = sandbox.merchant.awaitCallback("voided-payout", Duration.ofSeconds(30));
        assertDeclinedWithTimeOut(callback);
        assertTrue(
                callback.path("provider_extra_fields").path("vouchers").isMissingNode()
                        || callback.path("provider_extra_fields")
                                .path("vouchers")
                                .isEmpty(),
                "a decline carries no voucher");
        PaymentKey key = new PaymentKey(CANNOT_STOP, "voided-payout");

        Payment compensated = awaitCompensation(key, Compensation.State.COMPLETED);
        assertEquals(
                Compensation.Action.VOID_VOUCHERS, compensated.compensation().action());
        VoucherLedger.Transaction atProvider =
                ledger().findTransaction(compensated.operationId()).orElseThrow();
        assertEquals(VoucherLedger.Settlement.REVERSED, atProvider.settlement());
        assertEquals(2, atProvider.voucherNumbers().size(), "600.00 was issued as 500.00 + 100.00");
        for (String number : atProvider.voucherNumbers()) {
            assertTrue(ledger().findVoucher(number).orElseThrow().voided(), "issued after the decline, then voided");
        }
        BalanceStore.Balance balance =
                sandbox.balances().find(CANNOT_STOP, CurrencyUnit.of("EUR")).orElseThrow();
        assertEquals(0, balance.reserved().minorUnits());
        assertEquals(0, balance.paidOut().minorUnits(), "no value left the platform");
        assertTrue(balance.conserved(), balance.toString());
        assertEquals(1, sandbox.merchant.callbacksFor("voided-payout").size());
    }

    private static ObjectNode slowProvider(ObjectNode project) {
        project.put("limit_time_seconds", LIMIT_TIME.toSeconds());
        ((ObjectNode) project.get("sandbox")).put("provider_delay_seconds", PROVIDER_DELAY.toSeconds());
        return project;
    }

    private static void assertDeclinedWithTimeOut(JsonNode callback) {
        assertEquals("decline", callback.path("payment").path("status").asText(), callback.toString());
        assertEquals("20602", callback.path("operation").path("code").asText(), callback.toString());
        assertTrue(Duration.between(accepted, Instant.now()).compareTo(PROVIDER_DELAY.plusSeconds(60)) < 0);
    }

    private static Payment awaitCompensation(PaymentKey key, Compensation.State state) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            Payment payment = sandbox.payments().find(key).orElseThrow();
            if (payment.compensation() != null && payment.compensation().state() == state) {
                return payment;
            }
            Polling.pause(200);
        }
        throw new AssertionError("no " + state + " compensation within 60 s: "
                + sandbox.payments().find(key));
    }

    private static void awaitLateResult(
            PaymentKey key, Predicate<dev.jetonvoucher.payment.PaymentStore.LateResult> match) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (sandbox.payments().lateResults(key).stream().anyMatch(match)) {
                return;
            }
            Polling.pause(200);
        }
        throw new AssertionError(
                "no matching late result within 60 s: " + sandbox.payments().lateResults(key));
    }

    private static VoucherLedger ledger() {
        return new DynamoVoucherLedger(
                sandbox.endpoint.dynamoDb(), sandbox.runtime.resources().tableName("VoucherLedgerTable"));
    }

    private static GateClient.Answer sale(GateClient client, String paymentId, Voucher voucher) {
        return client.sale(paymentId, 10_000, "EUR", voucher.number(), voucher.expiry(), voucher.code());
    }

    private static Voucher voucher(JsonNode issued) {
        String expiration = issued.path("expiration").asText();
        return new Voucher(
                issued.path("voucherNumber").asText(),
                expiration.substring(5, 7) + "/" + expiration.substring(0, 4),
                issued.path("securityCode").asText());
    }
}
