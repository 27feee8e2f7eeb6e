package dev.jetonvoucher.contract;

import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.BalanceEffect;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.payment.Funds;
import dev.jetonvoucher.payment.IssuedVoucher;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** New payments the way Acceptance makes them, and their finished forms. */
public final class TestPayments {

    private static final AtomicLong OPERATION_IDS = new AtomicLong(System.currentTimeMillis() * 1000);
    private static final AtomicLong PROJECT_IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L + 1);

    private TestPayments() {}

    /** A project id no other test of this JVM uses, so balances never mix. */
    public static long newProjectId() {
        return PROJECT_IDS.incrementAndGet();
    }

    private static final AtomicLong ACCEPTANCE_MILLISECONDS =
            new AtomicLong(Instant.parse("2026-03-01T10:00:00Z").toEpochMilli());

    /** A millisecond long past that no other test of this JVM accepts payments in (fixed clocks for clashes). */
    public static Instant newAcceptanceMillisecond() {
        return Instant.ofEpochMilli(ACCEPTANCE_MILLISECONDS.incrementAndGet());
    }

    /** An operation id no other test payment of this JVM has. */
    public static long newOperationId() {
        return OPERATION_IDS.incrementAndGet();
    }

    /** The same payment under another operation id. */
    public static Payment withOperationId(Payment p, long operationId) {
        return p.toBuilder().operationId(operationId).build();
    }

    public static PaymentKey newKey(long projectId) {
        return new PaymentKey(projectId, "pay-" + compactUuid());
    }

    /** Without hyphens: a UUID's four-character groups could look like a security code to the secret scan. */
    private static String compactUuid() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    public static Payment payout(PaymentKey key, long amountMinor) {
        return newPayment(key, PaymentType.PAYOUT, Money.ofMinor(amountMinor, "EUR"), null, Funds.RESERVED);
    }

    public static Payment sale(PaymentKey key, long amountMinor, String voucherNumber) {
        return newPayment(
                key, PaymentType.PURCHASE, Money.ofMinor(amountMinor, "EUR"), voucherNumber, Funds.NOT_APPLICABLE);
    }

    private static Payment newPayment(
            PaymentKey key, PaymentType type, Money amount, String accountNumber, Funds funds) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return Payment.builder()
                .key(key)
                .type(type)
                .amount(amount)
                .customerId("customer-1")
                .customerIp("198.51.100.7")
                .accountNumber(accountNumber)
                .description("test " + type.wire())
                .channel(Channel.GATE)
                .requestId("req-" + compactUuid())
                .operationId(OPERATION_IDS.incrementAndGet())
                .createdAt(now)
                .updatedAt(now)
                .limitAt(now.plusSeconds(3600))
                .funds(funds)
                .build();
    }

    public static Payment succeeded(Payment processing, List<IssuedVoucher> vouchers) {
        return processing.finish(
                PaymentStatus.SUCCESS,
                ResultCode.SUCCESS.code(),
                ResultCode.SUCCESS.message(),
                BalanceEffect.fundsAfter(processing.funds(), true),
                "JV" + processing.operationId(),
                Instant.now(),
                vouchers,
                Instant.now());
    }

    public static Payment declined(Payment processing) {
        return processing.finish(
                PaymentStatus.DECLINE,
                ResultCode.GENERAL_DECLINE.code(),
                ResultCode.GENERAL_DECLINE.message(),
                BalanceEffect.fundsAfter(processing.funds(), false),
                null,
                null,
                List.of(),
                Instant.now());
    }
}
