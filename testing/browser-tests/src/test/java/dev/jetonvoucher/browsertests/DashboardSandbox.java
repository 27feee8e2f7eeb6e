package dev.jetonvoucher.browsertests;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.fixtures.GateClient;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.BalanceEffect;
import dev.jetonvoucher.payment.CallbackAttempt;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.payment.Funds;
import dev.jetonvoucher.payment.IssuedVoucher;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.payment.PaymentStore.LateResult;
import dev.jetonvoucher.sandbox.LocalRuntime;
import dev.jetonvoucher.sandbox.SandboxHarness;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dashboard's projects on the sandbox harness (every function of template.yaml on the local endpoint) with a
 * merchant's week of payments, made as the platform makes them: created processing, then finished with their balance
 * effects.
 */
final class DashboardSandbox implements AutoCloseable {

    /** Operation ids are unique across all payments (the store claims each): the suffix counts seeds. */
    private static final AtomicLong SEEDS = new AtomicLong();

    static final long PROJECT = 4101;
    static final long OTHER_PROJECT = 4102;
    static final String SECRET = "browser-secret-4101";
    static final String OTHER_SECRET = "browser-secret-4102";
    static final String VOUCHER = "4619000000000000017";

    final SandboxHarness harness;
    final LocalRuntime runtime;
    final PaymentStore payments;
    final List<Payment> seeded = new ArrayList<>();

    DashboardSandbox() {
        // Mappings off: the payments are seeded straight into the store, and nothing should change them.
        harness = new SandboxHarness(
                SandboxHarness.options()
                        .named("dashboard-browser")
                        .withMappings(false)
                        .withKeys("browser-test-provider-key-0123456789", VoucherTransitCipher.newKey())
                        .callbacksToInbox(),
                project(PROJECT, SECRET),
                project(OTHER_PROJECT, OTHER_SECRET));
        runtime = harness.runtime;
        payments = harness.payments();
        harness.balances().openIfAbsent(PROJECT, Money.ofMinor(2_000_000, "EUR"));
    }

    private static ObjectNode project(long id, String secret) {
        ObjectNode project = GateClient.JSON
                .createObjectNode()
                .put("project_id", id)
                .put("secret_key", secret)
                .put("test", true);
        project.putArray("currencies").add("EUR").add("USD");
        project.put("base_time_seconds", 10).put("limit_time_seconds", 60);
        project.putObject("balances");
        project.putObject("sandbox");
        return project;
    }

    /** A week up to today (UTC): more payments on some days, every status, sales and payouts. */
    void seedWeek() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int[] perDay = {9, 14, 6, 18, 11, 15, 8};
        int n = 0;
        for (int day = 0; day < perDay.length; day++) {
            Instant midnight =
                    today.minusDays(6 - day).atStartOfDay(ZoneOffset.UTC).toInstant();
            for (int i = 0; i < perDay[day]; i++, n++) {
                Instant created = midnight.plus(Duration.ofMinutes(37L * i + 11));
                PaymentType type = n % 6 == 5 ? PaymentType.PAYOUT : PaymentType.PURCHASE;
                PaymentStatus outcome = n % 9 == 4
                        ? PaymentStatus.PROCESSING
                        : n % 5 == 2
                                ? PaymentStatus.DECLINE
                                : n % 17 == 8 ? PaymentStatus.ERROR : PaymentStatus.SUCCESS;
                seeded.add(
                        made(PROJECT, String.format("order-%04d", 1000 + n), type, created, outcome, 1_500 + n * 275L));
            }
        }
        seeded.add(made(
                OTHER_PROJECT,
                "other-0001",
                PaymentType.PURCHASE,
                today.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60),
                PaymentStatus.SUCCESS,
                99_900));
    }

    /** A payment with its callback history: failed twice, then delivered; and a late, conflicting provider result. */
    void addCallbackHistory(Payment payment) {
        Instant at = payment.updatedAt();
        payments.recordCallbackAttempt(
                payment.key(),
                new CallbackAttempt(1, at.plusSeconds(1), 500, Duration.ofMillis(84), null),
                Optional.empty());
        payments.recordCallbackAttempt(
                payment.key(),
                new CallbackAttempt(2, at.plusSeconds(11), 0, Duration.ofMillis(2003), "connection refused"),
                Optional.empty());
        payments.recordCallbackAttempt(
                payment.key(),
                new CallbackAttempt(3, at.plusSeconds(21), 200, Duration.ofMillis(35), null),
                Optional.of(CallbackState.DELIVERED));
        payments.recordLateResult(
                payment.key(),
                new LateResult(
                        at.plusSeconds(40),
                        "notification",
                        "decline",
                        "20000",
                        "conflicting, payment already success (0)"));
    }

    private Payment made(
            long projectId,
            String paymentId,
            PaymentType type,
            Instant created,
            PaymentStatus outcome,
            long amountMinor) {
        Payment processing = Payment.builder()
                .key(new PaymentKey(projectId, paymentId))
                .type(type)
                .amount(Money.ofMinor(amountMinor, "EUR"))
                .customerId("customer-" + amountMinor % 7)
                .customerIp("192.0.2.10")
                .accountNumber(type == PaymentType.PURCHASE ? VOUCHER : null)
                .description("Order " + paymentId)
                .channel(Channel.GATE)
                .requestId("req-" + paymentId)
                .operationId(created.toEpochMilli() * 1000 + SEEDS.getAndIncrement() % 1000)
                .createdAt(created)
                .updatedAt(created)
                .limitAt(created.plusSeconds(60))
                .funds(type == PaymentType.PAYOUT ? Funds.RESERVED : Funds.NOT_APPLICABLE)
                .build();
        payments.create(processing);
        if (outcome == PaymentStatus.PROCESSING) {
            return processing;
        }
        boolean success = outcome == PaymentStatus.SUCCESS;
        ResultCode code = success
                ? ResultCode.SUCCESS
                : outcome == PaymentStatus.ERROR ? ResultCode.INTERNAL_ERROR : ResultCode.GENERAL_DECLINE;
        Instant finished = created.plusSeconds(4);
        List<IssuedVoucher> issued = success && type == PaymentType.PAYOUT
                ? List.of(new IssuedVoucher(
                        "4619" + String.format("%015d", amountMinor),
                        processing.amount(),
                        finished,
                        finished.plus(Duration.ofDays(365))))
                : List.of();
        Payment done = processing.finish(
                outcome,
                code.code(),
                code.message(),
                BalanceEffect.fundsAfter(processing.funds(), success),
                success ? "JV" + processing.operationId() : null,
                success ? finished : null,
                issued,
                finished);
        payments.finish(processing, done);
        return done;
    }

    @Override
    public void close() {
        harness.close();
    }
}
