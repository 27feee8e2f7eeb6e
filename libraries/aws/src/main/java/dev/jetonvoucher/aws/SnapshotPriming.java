package dev.jetonvoucher.aws;

import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.CallbackAttempt;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.payment.Funds;
import dev.jetonvoucher.payment.IssuedVoucher;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.SandboxSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sample values and read-only calls that warm the adapters before a SnapStart snapshot: a payment that no project
 * has, looked up (one GetItem, which every function's role allows), and a sample payment taken through the
 * DynamoDB item mapping both ways, and its writes through a client that sends nothing. Nothing here writes, and nothing here draws an identifier or a seed that would be
 * frozen into the snapshot.
 */
public final class SnapshotPriming {

    /** A project id no merchant has (ECommPay project ids are far smaller). */
    public static final long PROJECT_ID = 999_999_999_999_999_999L;

    public static final PaymentKey PAYMENT_KEY = new PaymentKey(PROJECT_ID, "snapstart-priming");
    private static final Instant SAMPLE_TIME = Instant.parse("2026-01-01T00:00:00Z");

    private SnapshotPriming() {}

    /** Reads the priming payment (absent) and maps a sample payment to its item and back. */
    public static void paymentStore(PaymentStore payments) {
        payments.find(PAYMENT_KEY);
        Payment sample = samplePayout();
        PaymentItems.payment(PaymentItems.newPaymentItem(sample));
        PaymentItems.payment(PaymentItems.newPaymentItem(sample.finish(
                PaymentStatus.SUCCESS,
                "0",
                "Success",
                Funds.PAID_OUT,
                "JV1",
                SAMPLE_TIME,
                sample.vouchers(),
                SAMPLE_TIME)));
    }

    /**
     * The payment store's writes, through a store whose client sends nothing ({@link NothingSent}): a payout's
     * creation (a transaction of puts and updates), its finish, the dispatch mark and the callback's claim, record and
     * state move, each built, marshalled and signed as a real one and then stopped before it is sent. Whatever else
     * ends a write fails the step: it did not run the whole path.
     */
    public static void paymentWrites(PaymentStore sendsNothing) {
        Payment processing = samplePayout();
        Payment finished = processing.finish(
                PaymentStatus.SUCCESS,
                "0",
                "Success",
                Funds.PAID_OUT,
                "JV1",
                SAMPLE_TIME,
                processing.vouchers(),
                SAMPLE_TIME);
        stoppedBeforeSending("create", () -> sendsNothing.create(processing));
        stoppedBeforeSending("finish", () -> sendsNothing.finish(processing, finished));
        stoppedBeforeSending("mark dispatched", () -> sendsNothing.markDispatched(PAYMENT_KEY, 1L, "JV1"));
        stoppedBeforeSending("claim callback attempt", () -> sendsNothing.claimCallbackAttempt(PAYMENT_KEY, 1));
        stoppedBeforeSending(
                "record callback attempt",
                () -> sendsNothing.recordCallbackAttempt(
                        PAYMENT_KEY,
                        new CallbackAttempt(1, SAMPLE_TIME, 200, Duration.ofMillis(1), null),
                        Optional.of(CallbackState.DELIVERED)));
        stoppedBeforeSending(
                "move callback state",
                () -> sendsNothing.moveCallbackState(PAYMENT_KEY, CallbackState.PENDING, CallbackState.QUEUED));
    }

    private static void stoppedBeforeSending(String write, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            if (NothingSent.stopped(e)) {
                return;
            }
            throw e;
        }
        throw new IllegalStateException(write + " returned through a client that sends nothing");
    }

    /** A processing payout of 1,000.00 EUR with two issued vouchers, in the priming project. */
    public static Payment samplePayout() {
        Money half = Money.ofMinor(50_000, "EUR");
        List<IssuedVoucher> vouchers = List.of(
                new IssuedVoucher("4619000000000000017", half, SAMPLE_TIME, SAMPLE_TIME.plus(Duration.ofDays(365))),
                new IssuedVoucher("4619000000000000025", half, SAMPLE_TIME, SAMPLE_TIME.plus(Duration.ofDays(365))));
        return Payment.builder()
                .key(PAYMENT_KEY)
                .type(PaymentType.PAYOUT)
                .amount(Money.ofMinor(100_000, "EUR"))
                .customerId("priming-customer")
                .customerIp("192.0.2.1")
                .description("priming")
                .channel(Channel.GATE)
                .requestId("0".repeat(48))
                .operationId(1L)
                .createdAt(SAMPLE_TIME)
                .updatedAt(SAMPLE_TIME)
                .limitAt(SAMPLE_TIME.plusSeconds(120))
                .funds(Funds.RESERVED)
                .vouchers(vouchers)
                .build();
    }

    /** The priming project, with a key that signs nothing real. */
    public static Project sampleProject() {
        return new Project(
                PROJECT_ID,
                "snapstart-priming-key",
                Optional.of(URI.create("https://merchant.invalid/callbacks")),
                true,
                Set.of(CurrencyUnit.of("EUR")),
                Duration.ofSeconds(10),
                Duration.ofSeconds(120),
                Map.of(),
                SandboxSettings.NORMAL);
    }
}
