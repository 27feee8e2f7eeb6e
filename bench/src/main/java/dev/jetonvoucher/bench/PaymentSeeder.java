package dev.jetonvoucher.bench;

import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.BalanceEffect;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.payment.Funds;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.payment.PaymentStore.CreateOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Seed payments for the analysis benchmarks, written through the domain's own write path: each payment is
 * {@link PaymentStore#create created} processing as an acceptance creates it (a payout reserving its amount) and, most
 * of them, {@link PaymentStore#finish finished} as a provider result finishes it, so the items, the index entries,
 * the balances and the aggregates are exactly what the functions write. Payment {@code i} is always the same (its
 * creation time spread over the window, type, currency, amount and outcome derive from {@code i}), so a seed can grow
 * from one size to the next.
 */
final class PaymentSeeder {

    /** Of every 20 payments: 14 succeed, 3 are declined, 1 errs, 2 stay processing. */
    private static final PaymentStatus[] OUTCOMES = {
        PaymentStatus.SUCCESS, PaymentStatus.SUCCESS, PaymentStatus.DECLINE, PaymentStatus.SUCCESS,
                PaymentStatus.SUCCESS,
        PaymentStatus.PROCESSING, PaymentStatus.SUCCESS, PaymentStatus.SUCCESS, PaymentStatus.ERROR,
                PaymentStatus.SUCCESS,
        PaymentStatus.SUCCESS, PaymentStatus.DECLINE, PaymentStatus.SUCCESS, PaymentStatus.SUCCESS,
                PaymentStatus.SUCCESS,
        PaymentStatus.PROCESSING, PaymentStatus.SUCCESS, PaymentStatus.DECLINE, PaymentStatus.SUCCESS,
                PaymentStatus.SUCCESS
    };

    private final PaymentStore payments;
    private final long projectId;
    private final Instant windowStart;
    private final Duration window;
    private final long firstOperationId;
    private final String idPrefix;

    /**
     * @param idPrefix names this seeder's payments ({@code <prefix><i>}), so that two seeders of one project never
     *     write the same payment
     * @param firstOperationId payment {@code i}'s operation id is this plus {@code i}: seeders of one table take ranges
     *     far apart
     */
    PaymentSeeder(
            PaymentStore payments,
            long projectId,
            Instant windowStart,
            Duration window,
            String idPrefix,
            long firstOperationId) {
        this.payments = payments;
        this.projectId = projectId;
        this.windowStart = windowStart;
        this.window = window;
        this.idPrefix = idPrefix;
        this.firstOperationId = firstOperationId;
    }

    /** Writes payments {@code from} (included) to {@code to} (excluded) with {@code writers} threads. */
    void seed(int from, int to, int writers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                running.add(pool.submit(() -> {
                    for (int i = from + writer; i < to; i += writers) {
                        write(i);
                    }
                    return null;
                }));
            }
            for (Future<?> writer : running) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void write(int i) {
        Payment created = payment(i);
        CreateOutcome outcome = payments.create(created);
        if (outcome == CreateOutcome.DUPLICATE && sameOperation(created)) {
            // The SDK retried a create whose first try was written but answered too late (a loaded local endpoint;
            // DynamoDB would recognise the retry by its request token, moto does not).
            outcome = payments.find(created.key()).orElseThrow().funds() == Funds.INSUFFICIENT
                    ? CreateOutcome.CREATED_WITHOUT_FUNDS
                    : CreateOutcome.CREATED;
        }
        if (outcome != CreateOutcome.CREATED && outcome != CreateOutcome.CREATED_WITHOUT_FUNDS) {
            throw new IllegalStateException("seed payment " + created.key() + " was not created: " + outcome);
        }
        PaymentStatus status = OUTCOMES[i % OUTCOMES.length];
        if (!status.isFinal()) {
            return;
        }
        // As stored: a payout the balance could not cover was stored without funds, and can only be declined.
        Payment stored = outcome == CreateOutcome.CREATED ? created : created.withFunds(Funds.INSUFFICIENT);
        if (stored.funds() == Funds.INSUFFICIENT) {
            status = PaymentStatus.DECLINE;
        }
        ResultCode code = switch (status) {
            case SUCCESS -> ResultCode.SUCCESS;
            case DECLINE -> ResultCode.GENERAL_DECLINE;
            default -> ResultCode.INTERNAL_ERROR;
        };
        Instant finishedAt = stored.createdAt().plusSeconds(3);
        Payment finished = stored.finish(
                status,
                code.code(),
                code.message(),
                BalanceEffect.fundsAfter(stored.funds(), status == PaymentStatus.SUCCESS),
                "JV" + stored.operationId(),
                finishedAt,
                List.of(),
                finishedAt);
        if (!payments.finish(stored, finished)) {
            // false with the status already final as asked: a retried request whose first try was written (see above).
            PaymentStatus now = payments.find(created.key()).orElseThrow().status();
            if (now != status) {
                throw new IllegalStateException("seed payment " + created.key() + " was not finished: it is " + now);
            }
        }
    }

    private boolean sameOperation(Payment created) {
        return payments.find(created.key())
                .map(stored -> stored.operationId() == created.operationId())
                .orElse(false);
    }

    /** Payment {@code i}: every fifth a payout, every seventh sale in USD, created somewhere in the window. */
    Payment payment(int i) {
        boolean payout = i % 5 == 4;
        String currency = !payout && i % 7 == 3 ? "USD" : "EUR";
        // A multiplicative spread: consecutive payments land far apart, so every size covers the whole window.
        long offsetMillis = Math.floorMod(i * 2_654_435_761L, window.toMillis());
        Instant createdAt = windowStart.plusMillis(offsetMillis);
        return Payment.builder()
                .key(new PaymentKey(projectId, idPrefix + i))
                .type(payout ? PaymentType.PAYOUT : PaymentType.PURCHASE)
                .amount(Money.ofMinor(500 + (i * 37L) % 20_000, currency))
                .customerId("customer-" + i % 997)
                .customerIp("198.51.100." + i % 250)
                .accountNumber(payout ? null : "4619000000000000017")
                .description("seed order " + i)
                .channel(Channel.GATE)
                .requestId(idPrefix + "request-" + i)
                .operationId(firstOperationId + i)
                .createdAt(createdAt)
                .updatedAt(createdAt)
                .limitAt(createdAt.plusSeconds(600))
                .funds(payout ? Funds.RESERVED : Funds.NOT_APPLICABLE)
                .build();
    }
}
