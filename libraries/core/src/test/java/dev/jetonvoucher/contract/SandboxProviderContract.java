package dev.jetonvoucher.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.keys.CachedKeyRing;
import dev.jetonvoucher.keys.KeyRing;
import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.VoucherData;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.project.SandboxSettings;
import dev.jetonvoucher.project.SandboxSettings.NotificationMode;
import dev.jetonvoucher.provider.CancelResult;
import dev.jetonvoucher.provider.ProviderNotification;
import dev.jetonvoucher.provider.ProviderRequest;
import dev.jetonvoucher.provider.ProviderResult;
import dev.jetonvoucher.provider.ProviderVoucher;
import dev.jetonvoucher.provider.Reversal;
import dev.jetonvoucher.provider.sandbox.SandboxJetonProvider;
import dev.jetonvoucher.provider.sandbox.VoucherLedger;
import dev.jetonvoucher.provider.sandbox.VoucherLedger.Settlement;
import dev.jetonvoucher.signing.Signer;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox provider's cancel and reversal on a ledger: a cancelled operation never redeems or issues, a reversed
 * sale's voucher is spendable again (same number and code), a reversed payout's vouchers are void, and both are
 * idempotent. Run on the DynamoDB ledger and on the in-memory one.
 */
public abstract class SandboxProviderContract {

    private static final String PROVIDER_KEY = "provider-key-for-cancel-test-0123456789";
    private static final String ROTATED_PROVIDER_KEY = "provider-key-after-rotation-9876543210";
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final SandboxSettings TWELVE_SECONDS =
            new SandboxSettings(NotificationMode.NORMAL, Duration.ofSeconds(12));
    private static final SandboxSettings CANNOT_STOP =
            new SandboxSettings(NotificationMode.NORMAL, Duration.ofSeconds(12), Duration.ZERO, false);
    private static final AtomicLong OPERATIONS = new AtomicLong(START.toEpochMilli() * 1000);

    /** The ledger under test; tests use fresh operation ids and vouchers, so it may be shared by a class. */
    protected abstract VoucherLedger ledger();

    private final MutableClock clock = new MutableClock(START);
    private final List<String> notifications = new ArrayList<>();
    private final AtomicReference<KeyRing> providerKeys = new AtomicReference<>(KeyRing.of(PROVIDER_KEY));
    /** Each behaviour a test asks for is a project of its own: the emulator looks the settings up by project. */
    private final java.util.Map<SandboxSettings, Long> projects = new java.util.concurrent.ConcurrentHashMap<>();

    private SandboxJetonProvider provider;
    private VoucherLedger ledger;

    @BeforeEach
    void provider() {
        ledger = ledger();
        provider = new SandboxJetonProvider(
                ledger,
                (notification, delay) -> notifications.add(notification),
                new CachedKeyRing("provider signing key", providerKeys::get, clock),
                projectId -> projects.entrySet().stream()
                        .filter(entry -> entry.getValue() == projectId)
                        .map(java.util.Map.Entry::getKey)
                        .findFirst()
                        .orElse(SandboxSettings.NORMAL),
                clock);
    }

    @Test
    protected void a_voucher_issued_before_the_provider_key_rotation_keeps_its_code_and_redeems_after_it() {
        long payout = OPERATIONS.get() + 1;
        ProviderVoucher before = issueOne();

        providerKeys.set(KeyRing.of(ROTATED_PROVIDER_KEY, PROVIDER_KEY));
        clock.advance(CachedKeyRing.DEFAULT_MAX_AGE);

        assertEquals(
                before.securityCode(),
                provider.status(payout).vouchers().get(0).securityCode(),
                "the status answer still gives the code it was issued with");
        notifications.clear();
        long newPayout = OPERATIONS.incrementAndGet();
        provider.submit(payoutRequest(newPayout, 50_000, SandboxSettings.NORMAL));
        String signedAfter = notifications.get(0);
        ProviderNotification.verify(signedAfter, new Signer(ROTATED_PROVIDER_KEY)); // new notifications: the new key
        org.junit.jupiter.api.Assertions.assertThrows(
                ProviderNotification.InvalidNotificationException.class,
                () -> ProviderNotification.verify(signedAfter, new Signer(PROVIDER_KEY)));
        assertEquals(
                "20102",
                redeemWith(before.number(), expiryOf(before), otherCode(before)).code(),
                "a wrong code is still wrong under either key");
        assertEquals(
                PaymentStatus.SUCCESS,
                provider.status(submitSale(before, SandboxSettings.NORMAL)).status());
        assertTrue(ledger.findVoucher(before.number()).orElseThrow().redeemed());
    }

    @Test
    protected void a_cancel_before_the_result_undoes_the_redemption_and_the_operation_never_succeeds() {
        ProviderVoucher voucher = issueOne();
        long sale = submitSale(voucher, TWELVE_SECONDS);
        assertTrue(ledger.findVoucher(voucher.number()).orElseThrow().redeemed(), "the sandbox decides at submit");

        clock.advance(Duration.ofSeconds(6));
        assertEquals(CancelResult.Kind.CANCELLED, provider.cancel(sale).kind());
        assertEquals(CancelResult.Kind.CANCELLED, provider.cancel(sale).kind(), "idempotent");

        assertFalse(ledger.findVoucher(voucher.number()).orElseThrow().redeemed());
        clock.advance(Duration.ofSeconds(10));
        ProviderResult result = provider.status(sale);
        assertEquals(PaymentStatus.DECLINE, result.status(), "cancelled, not the success it would have been");
        assertEquals("301", result.code());
        assertEquals(Reversal.NOTHING_TO_REVERSE, provider.reverse(sale));
        assertEquals(
                PaymentStatus.SUCCESS,
                provider.status(submitSale(voucher, SandboxSettings.NORMAL)).status(),
                "the voucher is spendable again");
    }

    @Test
    protected void a_cancel_of_an_operation_never_submitted_refuses_it_for_good() {
        ProviderVoucher voucher = issueOne();
        long sale = OPERATIONS.incrementAndGet();
        assertEquals(CancelResult.Kind.CANCELLED, provider.cancel(sale).kind());

        provider.submit(saleRequest(sale, voucher, SandboxSettings.NORMAL));
        assertFalse(ledger.findVoucher(voucher.number()).orElseThrow().redeemed(), "a late dispatch does nothing");
        assertEquals(PaymentStatus.DECLINE, provider.status(sale).status());
        assertEquals(
                Settlement.CANCELLED, ledger.findTransaction(sale).orElseThrow().settlement());
    }

    @Test
    protected void a_cancel_after_the_result_answers_with_the_result_and_changes_nothing() {
        ProviderVoucher voucher = issueOne();
        long sale = submitSale(voucher, TWELVE_SECONDS);
        clock.advance(Duration.ofSeconds(12));

        CancelResult answer = provider.cancel(sale);
        assertEquals(CancelResult.Kind.ALREADY_FINAL, answer.kind());
        assertEquals(PaymentStatus.SUCCESS, answer.result().status());
        assertTrue(ledger.findVoucher(voucher.number()).orElseThrow().redeemed());
    }

    @Test
    protected void
            a_provider_that_cannot_stop_says_so_and_a_reversal_after_its_result_makes_the_voucher_spendable_again() {
        ProviderVoucher voucher = issueOne();
        long sale = submitSale(voucher, CANNOT_STOP);
        clock.advance(Duration.ofSeconds(6));
        assertEquals(CancelResult.Kind.NOT_CANCELLABLE, provider.cancel(sale).kind());
        assertTrue(ledger.findVoucher(voucher.number()).orElseThrow().redeemed());

        clock.advance(Duration.ofSeconds(6));
        assertEquals(Reversal.REVERSED, provider.reverse(sale));
        assertEquals(Reversal.REVERSED, provider.reverse(sale), "idempotent");
        assertEquals(
                Settlement.REVERSED, ledger.findTransaction(sale).orElseThrow().settlement());
        assertEquals(
                PaymentStatus.SUCCESS,
                provider.status(submitSale(voucher, SandboxSettings.NORMAL)).status(),
                "the same number and code redeem again");
    }

    @Test
    protected void a_reversed_payout_leaves_its_vouchers_void_and_unredeemable() {
        long payout = OPERATIONS.incrementAndGet();
        provider.submit(payoutRequest(payout, 60_000, CANNOT_STOP));
        clock.advance(Duration.ofSeconds(12));
        List<ProviderVoucher> issued = provider.status(payout).vouchers();
        assertEquals(2, issued.size());

        assertEquals(Reversal.REVERSED, provider.reverse(payout));
        for (ProviderVoucher voucher : issued) {
            assertTrue(ledger.findVoucher(voucher.number()).orElseThrow().voided());
            ProviderResult redemption = provider.status(submitSale(voucher, SandboxSettings.NORMAL));
            assertEquals(PaymentStatus.DECLINE, redemption.status());
            assertEquals("20106", redemption.code(), "a void voucher is no longer available");
        }
    }

    @Test
    protected void a_payout_whose_voucher_was_redeemed_meanwhile_cannot_be_reversed() {
        long payout = OPERATIONS.incrementAndGet();
        provider.submit(payoutRequest(payout, 20_000, SandboxSettings.NORMAL));
        ProviderVoucher voucher = provider.status(payout).vouchers().get(0);
        assertEquals(
                PaymentStatus.SUCCESS,
                provider.status(submitSale(voucher, SandboxSettings.NORMAL)).status());

        assertEquals(Reversal.NOT_REVERSIBLE, provider.reverse(payout));
        assertEquals(
                Settlement.ACTIVE, ledger.findTransaction(payout).orElseThrow().settlement(), "nothing written");
        assertFalse(ledger.findVoucher(voucher.number()).orElseThrow().voided());
    }

    @Test
    protected void a_cancelled_payout_issues_nothing_anyone_can_redeem() {
        long payout = OPERATIONS.incrementAndGet();
        provider.submit(payoutRequest(payout, 30_000, TWELVE_SECONDS));
        List<String> numbers = ledger.findTransaction(payout).orElseThrow().voucherNumbers();
        assertEquals(CancelResult.Kind.CANCELLED, provider.cancel(payout).kind());

        for (String number : numbers) {
            assertTrue(ledger.findVoucher(number).orElseThrow().voided());
        }
        clock.advance(Duration.ofSeconds(30));
        assertEquals(List.of(), provider.status(payout).vouchers(), "a cancelled payout reveals no voucher");
    }

    @Test
    protected void a_wrong_code_an_unknown_number_and_a_locked_voucher_get_one_answer() {
        ProviderVoucher voucher = issueOne();
        ProviderResult wrongCode = redeemWith(voucher.number(), expiryOf(voucher), otherCode(voucher));
        ProviderResult unknownNumber = redeemWith(unknownNumber(voucher), expiryOf(voucher), voucher.securityCode());
        for (int i = 1; i < VoucherLedger.WRONG_ATTEMPTS_BEFORE_LOCK; i++) {
            redeemWith(voucher.number(), expiryOf(voucher), otherCode(voucher));
        }
        ProviderResult lockedWithTheRightCode = redeemWith(voucher.number(), expiryOf(voucher), voucher.securityCode());

        for (ProviderResult answer : List.of(wrongCode, unknownNumber, lockedWithTheRightCode)) {
            assertEquals(PaymentStatus.DECLINE, answer.status());
            assertEquals("20102", answer.code());
            assertEquals("Incorrect account data entered", answer.message());
        }
        assertTrue(ledger.findVoucher(voucher.number()).orElseThrow().locked());
        assertFalse(ledger.findVoucher(voucher.number()).orElseThrow().redeemed());
    }

    @Test
    protected void four_wrong_codes_leave_the_voucher_to_its_holder() {
        ProviderVoucher voucher = issueOne();
        for (int i = 1; i < VoucherLedger.WRONG_ATTEMPTS_BEFORE_LOCK; i++) {
            assertEquals(
                    "20102",
                    redeemWith(voucher.number(), expiryOf(voucher), otherCode(voucher))
                            .code());
        }
        assertEquals(
                PaymentStatus.SUCCESS,
                redeemWith(voucher.number(), expiryOf(voucher), voucher.securityCode())
                        .status());
    }

    @Test
    protected void a_wrong_expiry_is_a_wrong_attempt_too() {
        ProviderVoucher voucher = issueOne();
        YearMonth wrongExpiry = expiryOf(voucher).plusMonths(1);
        for (int i = 0; i < VoucherLedger.WRONG_ATTEMPTS_BEFORE_LOCK; i++) {
            assertEquals(
                    "20102",
                    redeemWith(voucher.number(), wrongExpiry, voucher.securityCode())
                            .code());
        }
        assertTrue(ledger.findVoucher(voucher.number()).orElseThrow().locked());
        assertEquals(
                "20102",
                redeemWith(voucher.number(), expiryOf(voucher), voucher.securityCode())
                        .code());
    }

    @Test
    protected void only_the_right_code_learns_why_a_voucher_cannot_pay() {
        long payout = OPERATIONS.incrementAndGet();
        provider.submit(payoutRequest(payout, 5_000, SandboxSettings.NORMAL));
        ProviderVoucher small = provider.status(payout).vouchers().get(0); // 50.00 EUR, the sale asks 100.00

        assertEquals(
                "20102",
                redeemWith(small.number(), expiryOf(small), otherCode(small)).code());
        assertEquals(
                "20105",
                redeemWith(small.number(), expiryOf(small), small.securityCode())
                        .code());
    }

    @Test
    protected void a_repeated_submit_of_a_wrong_attempt_counts_once() {
        ProviderVoucher voucher = issueOne();
        long sale = OPERATIONS.incrementAndGet();
        ProviderRequest request = saleRequest(
                sale, new VoucherData(voucher.number(), expiryOf(voucher), otherCode(voucher)), SandboxSettings.NORMAL);

        for (int i = 0; i < VoucherLedger.WRONG_ATTEMPTS_BEFORE_LOCK; i++) {
            provider.submit(request);
        }

        assertEquals(1, ledger.findVoucher(voucher.number()).orElseThrow().wrongAttempts());
        assertEquals("20102", provider.status(sale).code());
    }

    /** A live voucher the provider issued (a payout's), with its code from the signed notification. */
    private ProviderVoucher issueOne() {
        long payout = OPERATIONS.incrementAndGet();
        notifications.clear();
        provider.submit(payoutRequest(payout, 50_000, SandboxSettings.NORMAL));
        ProviderNotification.Received received = ProviderNotification.verify(
                notifications.get(0), new Signer(providerKeys.get().current().secret()));
        return received.result().vouchers().get(0);
    }

    private long submitSale(ProviderVoucher voucher, SandboxSettings settings) {
        long sale = OPERATIONS.incrementAndGet();
        provider.submit(saleRequest(sale, voucher, settings));
        return sale;
    }

    private ProviderResult redeemWith(String number, YearMonth expiry, String securityCode) {
        long sale = OPERATIONS.incrementAndGet();
        provider.submit(saleRequest(sale, new VoucherData(number, expiry, securityCode), SandboxSettings.NORMAL));
        return provider.status(sale);
    }

    private static YearMonth expiryOf(ProviderVoucher voucher) {
        return YearMonth.from(voucher.expiresAt().atZone(java.time.ZoneOffset.UTC));
    }

    private static String otherCode(ProviderVoucher voucher) {
        return String.format("%04d", (Integer.parseInt(voucher.securityCode()) + 1) % 10_000);
    }

    /** A number the provider never issued: the voucher's own with its last digit changed. */
    private String unknownNumber(ProviderVoucher voucher) {
        String number = voucher.number();
        String other = number.substring(0, 18) + (char) ('0' + (number.charAt(18) - '0' + 1) % 10);
        assertTrue(ledger.findVoucher(other).isEmpty());
        return other;
    }

    private long projectFor(SandboxSettings settings) {
        return projects.computeIfAbsent(settings, unused -> 70_001L + projects.size());
    }

    private ProviderRequest saleRequest(long operationId, ProviderVoucher voucher, SandboxSettings settings) {
        return saleRequest(
                operationId, new VoucherData(voucher.number(), expiryOf(voucher), voucher.securityCode()), settings);
    }

    private ProviderRequest saleRequest(long operationId, VoucherData data, SandboxSettings settings) {
        return new ProviderRequest(
                new PaymentKey(projectFor(settings), "sale-" + operationId),
                operationId,
                OperationType.SALE,
                Money.ofMinor(10_000, "EUR"),
                data,
                false);
    }

    private ProviderRequest payoutRequest(long operationId, long amount, SandboxSettings settings) {
        return new ProviderRequest(
                new PaymentKey(projectFor(settings), "payout-" + operationId),
                operationId,
                OperationType.PAYOUT,
                Money.ofMinor(amount, "EUR"),
                null,
                false);
    }
}
