package dev.jetonvoucher.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.VoucherData;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.project.SandboxSettings;
import dev.jetonvoucher.project.SandboxSettings.NotificationMode;
import dev.jetonvoucher.provider.CancelResult;
import dev.jetonvoucher.provider.JetonProvider;
import dev.jetonvoucher.provider.ProviderRequest;
import dev.jetonvoucher.provider.ProviderResult;
import dev.jetonvoucher.provider.ProviderVoucher;
import dev.jetonvoucher.provider.Reversal;
import dev.jetonvoucher.provider.sandbox.SandboxSettingsLookup;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provider port ({@link JetonProvider}) as the workflow relies on it, for every adapter: the in-process emulator
 * and the HTTP connector against the emulator service (and any new connector: docs/connectors.md). Submits are
 * idempotent by operation id (a repeated submit never redeems or issues twice), an operation id of another payment is
 * refused, results are pulled by status, cancels and reversals are idempotent.
 *
 * <p>The provider behind the adapter resolves the projects of {@link #BEHAVIOURS}: {@link #PROMPT} has its result at
 * once, {@link #SLOW} after 12 s and honours cancels. The clock is the adapter's, moved by {@link #advance}.
 */
public abstract class JetonProviderContract {

    protected static final long PROMPT = 91_001;
    protected static final long SLOW = 91_002;
    protected static final Instant START = Instant.parse("2026-04-01T09:00:00Z");

    /** How the emulator behind an adapter behaves for the contract's projects. */
    protected static final SandboxSettingsLookup BEHAVIOURS = projectId -> projectId == SLOW
            ? new SandboxSettings(NotificationMode.NORMAL, Duration.ofSeconds(12))
            : SandboxSettings.NORMAL;

    private static final AtomicLong OPERATIONS = new AtomicLong(START.toEpochMilli() * 1000);

    /** The adapter under test, on a fresh emulator or a shared one (operation ids and vouchers are fresh per test). */
    protected abstract JetonProvider provider();

    /** Moves the clock of the adapter and the provider behind it. */
    protected abstract void advance(Duration duration);

    private JetonProvider provider;

    @BeforeEach
    void adapter() {
        provider = provider();
    }

    @Test
    void a_payout_issues_vouchers_for_its_amount_once_however_often_it_is_submitted() {
        long payout = OPERATIONS.incrementAndGet();
        ProviderRequest request = payout(payout, 60_000, PROMPT);
        String reference = provider.submit(request);
        assertEquals(reference, provider.submit(request), "the same operation, the same reference");

        ProviderResult result = provider.status(payout);
        assertEquals(PaymentStatus.SUCCESS, result.status());
        assertEquals("0", result.code());
        assertEquals(reference, result.providerPaymentId());
        assertEquals(
                60_000,
                result.vouchers().stream()
                        .mapToLong(v -> v.faceValue().minorUnits())
                        .sum());
        provider.submit(request);
        assertEquals(result.vouchers(), provider.status(payout).vouchers(), "nothing issued again");
        for (ProviderVoucher voucher : result.vouchers()) {
            assertEquals(4, voucher.securityCode().length());
        }
    }

    @Test
    void a_sale_redeems_its_voucher_once_and_a_repeated_submit_answers_with_the_original_result() {
        ProviderVoucher voucher = issueOne();
        long sale = OPERATIONS.incrementAndGet();
        ProviderRequest request = sale(sale, voucher, PROMPT);
        String reference = provider.submit(request);
        assertEquals(PaymentStatus.SUCCESS, provider.status(sale).status());

        assertEquals(reference, provider.submit(request), "a retried submit (its answer lost) is the same operation");
        assertEquals(PaymentStatus.SUCCESS, provider.status(sale).status(), "the original result, not a decline");

        long another = OPERATIONS.incrementAndGet();
        provider.submit(sale(another, voucher, PROMPT));
        ProviderResult second = provider.status(another);
        assertEquals(PaymentStatus.DECLINE, second.status(), "another operation finds the voucher spent");
        assertEquals("20106", second.code());
    }

    @Test
    void a_wrong_security_code_declines_with_20102() {
        ProviderVoucher voucher = issueOne();
        long sale = OPERATIONS.incrementAndGet();
        String wrong = String.format("%04d", (Integer.parseInt(voucher.securityCode()) + 1) % 10_000);
        provider.submit(sale(sale, new VoucherData(voucher.number(), expiryOf(voucher), wrong), PROMPT, false));
        ProviderResult result = provider.status(sale);
        assertEquals(PaymentStatus.DECLINE, result.status());
        assertEquals("20102", result.code());
    }

    @Test
    void a_test_project_follows_the_testing_mode() {
        long declined = OPERATIONS.incrementAndGet();
        provider.submit(testSale(declined, 40_000));
        assertEquals(PaymentStatus.DECLINE, provider.status(declined).status());
        assertEquals("20000", provider.status(declined).code());
        long accepted = OPERATIONS.incrementAndGet();
        provider.submit(testSale(accepted, 12_345));
        assertEquals(PaymentStatus.SUCCESS, provider.status(accepted).status());
    }

    @Test
    void an_operation_id_of_another_payment_is_refused() {
        long payout = OPERATIONS.incrementAndGet();
        provider.submit(payout(payout, 10_000, PROMPT));
        ProviderRequest other = new ProviderRequest(
                new PaymentKey(PROMPT, "someone-else-" + payout),
                payout,
                OperationType.PAYOUT,
                Money.ofMinor(10_000, "EUR"),
                null,
                false);
        assertThrows(IllegalStateException.class, () -> provider.submit(other));
    }

    @Test
    void the_status_of_an_operation_the_provider_never_had_is_an_error() {
        assertThrows(IllegalArgumentException.class, () -> provider.status(OPERATIONS.incrementAndGet()));
    }

    @Test
    void a_result_after_the_provider_delay_is_processing_until_then() {
        long payout = OPERATIONS.incrementAndGet();
        provider.submit(payout(payout, 10_000, SLOW));
        assertEquals(PaymentStatus.PROCESSING, provider.status(payout).status());
        assertEquals(List.of(), provider.status(payout).vouchers());
        advance(Duration.ofSeconds(12));
        assertEquals(PaymentStatus.SUCCESS, provider.status(payout).status());
    }

    @Test
    void a_cancel_before_the_result_stops_the_operation_and_is_idempotent() {
        ProviderVoucher voucher = issueOne();
        long sale = OPERATIONS.incrementAndGet();
        provider.submit(sale(sale, voucher, SLOW));
        advance(Duration.ofSeconds(6));
        assertEquals(CancelResult.Kind.CANCELLED, provider.cancel(sale).kind());
        assertEquals(CancelResult.Kind.CANCELLED, provider.cancel(sale).kind());
        advance(Duration.ofSeconds(10));
        ProviderResult result = provider.status(sale);
        assertEquals(PaymentStatus.DECLINE, result.status());
        assertEquals("301", result.code());
        assertEquals(Reversal.NOTHING_TO_REVERSE, provider.reverse(sale));

        long again = OPERATIONS.incrementAndGet();
        provider.submit(sale(again, voucher, PROMPT));
        assertEquals(PaymentStatus.SUCCESS, provider.status(again).status(), "the voucher was never spent");
    }

    @Test
    void a_cancel_of_an_operation_never_received_refuses_it_for_good() {
        ProviderVoucher voucher = issueOne();
        long sale = OPERATIONS.incrementAndGet();
        assertEquals(CancelResult.Kind.CANCELLED, provider.cancel(sale).kind());
        provider.submit(sale(sale, voucher, PROMPT));
        assertEquals(PaymentStatus.DECLINE, provider.status(sale).status());

        long later = OPERATIONS.incrementAndGet();
        provider.submit(sale(later, voucher, PROMPT));
        assertEquals(PaymentStatus.SUCCESS, provider.status(later).status(), "the late submit redeemed nothing");
    }

    @Test
    void a_cancel_after_the_result_answers_with_the_result() {
        long payout = OPERATIONS.incrementAndGet();
        provider.submit(payout(payout, 20_000, PROMPT));
        CancelResult answer = provider.cancel(payout);
        assertEquals(CancelResult.Kind.ALREADY_FINAL, answer.kind());
        assertEquals(PaymentStatus.SUCCESS, answer.result().status());
        assertEquals(provider.status(payout).vouchers(), answer.result().vouchers());
    }

    @Test
    void a_reversed_payout_voids_its_vouchers_and_a_second_reversal_says_the_same() {
        long payout = OPERATIONS.incrementAndGet();
        provider.submit(payout(payout, 30_000, PROMPT));
        List<ProviderVoucher> issued = provider.status(payout).vouchers();

        assertEquals(Reversal.REVERSED, provider.reverse(payout));
        assertEquals(Reversal.REVERSED, provider.reverse(payout));
        long sale = OPERATIONS.incrementAndGet();
        provider.submit(sale(sale, issued.get(0), PROMPT));
        assertEquals("20106", provider.status(sale).code());
        assertFalse(provider.status(payout).vouchers().isEmpty(), "the payout's own result stands as it was");
    }

    @Test
    void a_reversal_of_an_unknown_operation_has_nothing_to_reverse() {
        assertEquals(Reversal.NOTHING_TO_REVERSE, provider.reverse(OPERATIONS.incrementAndGet()));
    }

    private ProviderVoucher issueOne() {
        long payout = OPERATIONS.incrementAndGet();
        provider.submit(payout(payout, 50_000, PROMPT));
        ProviderResult result = provider.status(payout);
        assertTrue(result.finished());
        return result.vouchers().get(0);
    }

    private static ProviderRequest payout(long operationId, long amount, long projectId) {
        return new ProviderRequest(
                new PaymentKey(projectId, "payout-" + operationId),
                operationId,
                OperationType.PAYOUT,
                Money.ofMinor(amount, "EUR"),
                null,
                false);
    }

    private static ProviderRequest sale(long operationId, ProviderVoucher voucher, long projectId) {
        return sale(
                operationId,
                new VoucherData(voucher.number(), expiryOf(voucher), voucher.securityCode()),
                projectId,
                false);
    }

    private static ProviderRequest sale(long operationId, VoucherData voucher, long projectId, boolean testMode) {
        return new ProviderRequest(
                new PaymentKey(projectId, "sale-" + operationId),
                operationId,
                OperationType.SALE,
                Money.ofMinor(10_000, "EUR"),
                voucher,
                testMode);
    }

    private static ProviderRequest testSale(long operationId, long amount) {
        return new ProviderRequest(
                new PaymentKey(PROMPT, "test-sale-" + operationId),
                operationId,
                OperationType.SALE,
                Money.ofMinor(amount, "EUR"),
                new VoucherData("4619000000000000017", YearMonth.of(2030, 1), "1234"),
                true);
    }

    private static YearMonth expiryOf(ProviderVoucher voucher) {
        return YearMonth.from(voucher.expiresAt().atZone(ZoneOffset.UTC));
    }
}
