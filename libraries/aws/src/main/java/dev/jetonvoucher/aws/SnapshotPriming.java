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
 * DynamoDB item mapping both ways, and its writes through a client that sends nothing and answers them itself.
 * Nothing here writes, and nothing here draws an identifier or a seed that would be frozen into the snapshot.
 */
public final class SnapshotPriming {

    /** A project id no merchant has (ECommPay project ids are far smaller). */
    public static final long PROJECT_ID = 999_999_999_999_999_999L;

    public static final PaymentKey PAYMENT_KEY = new PaymentKey(PROJECT_ID, "snapstart-priming");
    /** The queue of the priming send: a URL no queue has (its client answers itself, nothing is sent). */
    public static final String QUEUE_URL = "https://sqs.invalid/000000000000/snapstart-priming";

    public static final String MESSAGE_BODY = "{\"priming\":true}";

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
     * The payment store's writes, through a store whose client sends nothing ({@link MinimalAnswers}): a payout's
     * creation (a transaction of puts and updates), its finish, the dispatch mark and the callback's claim, record and
     * state move, each built, marshalled and signed as a real one, answered in the process with DynamoDB's empty answer
     * and that answer unmarshalled. A write that fails, or that returns without a request answered, fails the step: it
     * did not run the whole path.
     */
    public static void paymentWrites(PaymentStore sendsNothing, MinimalAnswers answers) {
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
        answeredInProcess("create", answers, () -> sendsNothing.create(processing));
        answeredInProcess("finish", answers, () -> sendsNothing.finish(processing, finished));
        answeredInProcess("mark dispatched", answers, () -> sendsNothing.markDispatched(PAYMENT_KEY, 1L, "JV1"));
        answeredInProcess("claim callback attempt", answers, () -> sendsNothing.claimCallbackAttempt(PAYMENT_KEY, 1));
        answeredInProcess(
                "record callback attempt",
                answers,
                () -> sendsNothing.recordCallbackAttempt(
                        PAYMENT_KEY,
                        new CallbackAttempt(1, SAMPLE_TIME, 200, Duration.ofMillis(1), null),
                        Optional.of(CallbackState.DELIVERED)));
        answeredInProcess(
                "move callback state",
                answers,
                () -> sendsNothing.moveCallbackState(PAYMENT_KEY, CallbackState.PENDING, CallbackState.QUEUED));
    }

    private static void answeredInProcess(String write, MinimalAnswers answers, Runnable call) {
        int before = answers.answered().size();
        call.run();
        if (answers.answered().size() == before) {
            throw new IllegalStateException(write + " returned without a request answered in the process");
        }
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
