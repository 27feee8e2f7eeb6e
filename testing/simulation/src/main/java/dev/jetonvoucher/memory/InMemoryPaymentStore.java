package dev.jetonvoucher.memory;

import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.BalanceEffect;
import dev.jetonvoucher.payment.BalanceStore;
import dev.jetonvoucher.payment.CallbackAttempt;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Compensation;
import dev.jetonvoucher.payment.Funds;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentAggregates;
import dev.jetonvoucher.payment.PaymentAggregates.Bucket;
import dev.jetonvoucher.payment.PaymentAggregates.Tally;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Payments and the merchant balances they move, in memory: one object for both ports, because creating a payout
 * and finishing a payment change a payment and a balance atomically (DynamoDB does it in one transaction; here
 * every method holds the one lock). The conditions are the ones {@code DynamoPaymentStore} writes, and the two pass
 * the same contract suites. The aggregates ({@link PaymentAggregates}) change under the same lock as the payment.
 */
public final class InMemoryPaymentStore implements PaymentStore, BalanceStore {

    /** As DynamoPaymentStore: a claimed try not recorded within this time may be claimed again (its claimer crashed). */
    static final Duration CLAIM_STALE_AFTER = Duration.ofMinutes(2);

    private final Clock clock;
    private final Map<PaymentKey, StoredPayment> payments = new LinkedHashMap<>();
    private final Set<Long> claimedOperationIds = new HashSet<>();
    private final Map<BalanceKey, BalanceRow> balances = new LinkedHashMap<>();
    private final Map<Long, Map<Bucket, Tally>> totals = new HashMap<>();

    /** @param clock for callback claims (their staleness) */
    public InMemoryPaymentStore(Clock clock) {
        this.clock = clock;
    }

    // ------------------------------------------------------------------ payments

    @Override
    public synchronized CreateOutcome create(Payment payment) {
        if (payment.funds() != Funds.NOT_APPLICABLE
                && payment.funds() != Funds.INSUFFICIENT
                && payment.funds() != Funds.RESERVED) {
            throw new IllegalArgumentException("a new payment cannot have funds " + payment.funds());
        }
        if (payment.funds() == Funds.RESERVED && payment.amount().minorUnits() <= 0) {
            throw new IllegalArgumentException("a payout reserves a positive amount, not " + payment.amount());
        }
        if (payments.containsKey(payment.key())) {
            return CreateOutcome.DUPLICATE;
        }
        if (claimedOperationIds.contains(payment.operationId())) {
            return CreateOutcome.OPERATION_ID_TAKEN;
        }
        Payment stored = payment;
        CreateOutcome outcome =
                payment.funds() == Funds.INSUFFICIENT ? CreateOutcome.CREATED_WITHOUT_FUNDS : CreateOutcome.CREATED;
        if (payment.funds() == Funds.RESERVED) {
            BalanceRow balance = balances.get(BalanceKey.of(payment));
            long amount = payment.amount().minorUnits();
            if (balance != null && balance.available >= amount) {
                balance.available -= amount;
                balance.reserved += amount;
            } else {
                stored = payment.withFunds(Funds.INSUFFICIENT);
                outcome = CreateOutcome.CREATED_WITHOUT_FUNDS;
            }
        }
        claimedOperationIds.add(payment.operationId());
        payments.put(payment.key(), new StoredPayment(stored));
        PaymentAggregates.apply(totalsOf(payment.key().projectId()), PaymentAggregates.created(stored));
        return outcome;
    }

    @Override
    public synchronized Optional<Payment> find(PaymentKey key) {
        return Optional.ofNullable(payments.get(key)).map(stored -> stored.payment);
    }

    @Override
    public synchronized boolean finish(Payment processing, Payment finished) {
        if (!processing.key().equals(finished.key()) || processing.operationId() != finished.operationId()) {
            throw new IllegalArgumentException(
                    "finish must keep the payment and operation: " + processing + " -> " + finished);
        }
        BalanceEffect effect = BalanceEffect.between(processing.funds(), finished.funds());
        StoredPayment stored = payments.get(processing.key());
        boolean stillProcessing = stored != null
                && stored.payment.status() == PaymentStatus.PROCESSING
                && stored.payment.operationId() == processing.operationId()
                && stored.payment.funds() == processing.funds();
        if (!stillProcessing) {
            return false;
        }
        applyBalanceEffect(processing, effect);
        Payment current = stored.payment;
        // As DynamoDB's update: the fields finishing owns; a dispatch reference recorded meanwhile and the
        // callback counters stay; null values leave the stored one.
        Payment next = current.toBuilder()
                .status(finished.status())
                .updatedAt(orElse(finished.updatedAt(), current.updatedAt()))
                .resultCode(orElse(finished.resultCode(), current.resultCode()))
                .resultMessage(orElse(finished.resultMessage(), current.resultMessage()))
                .funds(finished.funds())
                .providerPaymentId(orElse(finished.providerPaymentId(), current.providerPaymentId()))
                .providerDate(orElse(finished.providerDate(), current.providerDate()))
                .vouchers(finished.vouchers())
                .callbackState(finished.callbackState())
                .build();
        PaymentAggregates.apply(totalsOf(current.key().projectId()), PaymentAggregates.moved(current, next));
        stored.payment = next;
        return true;
    }

    private void applyBalanceEffect(Payment payment, BalanceEffect effect) {
        long amount = payment.amount().minorUnits();
        BalanceKey key = BalanceKey.of(payment);
        switch (effect) {
            case NONE -> {}
            case PAY_OUT_RESERVATION, RELEASE_RESERVATION -> {
                BalanceRow balance = balances.get(key);
                if (balance == null || balance.reserved < amount) {
                    throw new IllegalStateException("the balance of project " + key.projectId + " in " + key.currency
                            + " has no reservation for " + payment.key() + ": the books are inconsistent");
                }
                balance.reserved -= amount;
                if (effect == BalanceEffect.PAY_OUT_RESERVATION) {
                    balance.paidOut += amount;
                } else {
                    balance.available += amount;
                }
            }
            case CREDIT_SALE -> {
                // A sale may come before the project's first payout opened the balance.
                BalanceRow balance = balances.computeIfAbsent(key, k -> new BalanceRow());
                balance.available += amount;
                balance.credited += amount;
            }
        }
    }

    @Override
    public synchronized void markDispatched(PaymentKey key, long operationId, String providerPaymentId) {
        StoredPayment stored = payments.get(key);
        if (stored != null
                && stored.payment.status() == PaymentStatus.PROCESSING
                && stored.payment.operationId() == operationId) {
            stored.payment = stored.payment.withProviderPaymentId(providerPaymentId);
        }
    }

    // ------------------------------------------------------------------ callbacks

    @Override
    public synchronized boolean moveCallbackState(PaymentKey key, CallbackState expected, CallbackState next) {
        expected.moveTo(next); // only a move of the domain's table
        StoredPayment stored = payments.get(key);
        if (stored == null || stored.payment.callbackState() != expected) {
            return false;
        }
        stored.payment = stored.payment.withCallbackState(next);
        return true;
    }

    @Override
    public synchronized boolean claimCallbackAttempt(PaymentKey key, int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts are numbered from 1, not " + attempt);
        }
        StoredPayment stored = payments.get(key);
        if (stored == null || stored.payment.callbackState() == CallbackState.DELIVERED) {
            return false;
        }
        Instant now = clock.instant();
        int claimed = stored.payment.callbackAttempts();
        boolean next = claimed == attempt - 1;
        boolean crashedClaim = claimed == attempt
                && stored.completedAttempts < attempt
                && stored.claimedAt.isBefore(now.minus(CLAIM_STALE_AFTER));
        if (!next && !crashedClaim) {
            return false;
        }
        stored.payment = withCallbackAttempts(stored.payment, attempt);
        stored.claimedAt = now;
        return true;
    }

    @Override
    public synchronized void recordCallbackAttempt(
            PaymentKey key, CallbackAttempt attempt, Optional<CallbackState> newState) {
        attempts.computeIfAbsent(key, k -> new TreeMap<>()).put(attempt.number(), attempt);
        StoredPayment stored = payments.get(key);
        if (stored == null) {
            return;
        }
        // Only forward: a slow record of an earlier try must not reopen a later one for re-claiming.
        stored.completedAttempts = Math.max(stored.completedAttempts, attempt.number());
        // DELIVERED is the end: a late failure of a duplicate try cannot turn it into FAILED.
        if (newState.isPresent() && stored.payment.callbackState() != CallbackState.DELIVERED) {
            stored.payment = stored.payment.withCallbackState(newState.get());
        }
    }

    // ------------------------------------------------------------------ compensations

    @Override
    public synchronized boolean openCompensation(PaymentKey key, long operationId, Compensation compensation) {
        if (!compensation.pending() || compensation.attempts() != 0) {
            throw new IllegalArgumentException("a compensation opens pending with no try: " + compensation);
        }
        StoredPayment stored = payments.get(key);
        // Only a final payment that did not succeed has anything to undo; one compensation per payment.
        boolean opens = stored != null
                && stored.payment.operationId() == operationId
                && stored.payment.status() != PaymentStatus.PROCESSING
                && stored.payment.status() != PaymentStatus.SUCCESS
                && stored.payment.compensation() == null;
        if (opens) {
            stored.payment =
                    stored.payment.toBuilder().compensation(compensation).build();
        }
        return opens;
    }

    @Override
    public synchronized boolean recordCompensationAttempt(
            PaymentKey key, Compensation.Attempt attempt, Optional<Compensation.State> closedAs) {
        if (attempt.number() < 1) {
            throw new IllegalArgumentException("tries are numbered from 1, not " + attempt.number());
        }
        closedAs.ifPresent(Compensation.State.PENDING::moveTo);
        StoredPayment stored = payments.get(key);
        Compensation open = stored == null ? null : stored.payment.compensation();
        // Forward only: a crash may skip a number, a duplicate finds its number (or a later one) taken.
        if (open == null || !open.pending() || open.attempts() >= attempt.number()) {
            return false;
        }
        Compensation recorded = closedAs.isPresent()
                ? new Compensation(
                        open.action(),
                        closedAs.get(),
                        open.reason(),
                        open.openedAt(),
                        attempt.at(),
                        attempt.outcome(),
                        attempt.number())
                : new Compensation(
                        open.action(),
                        open.state(),
                        open.reason(),
                        open.openedAt(),
                        open.closedAt(),
                        open.outcome(),
                        attempt.number());
        stored.payment = stored.payment.toBuilder().compensation(recorded).build();
        compensationAttempts.computeIfAbsent(key, k -> new TreeMap<>()).put(attempt.number(), attempt);
        return true;
    }

    @Override
    public synchronized List<Compensation.Attempt> compensationAttempts(PaymentKey key) {
        TreeMap<Integer, Compensation.Attempt> recorded = compensationAttempts.get(key);
        return recorded == null ? List.of() : List.copyOf(recorded.values());
    }

    private final Map<PaymentKey, TreeMap<Integer, Compensation.Attempt>> compensationAttempts = new HashMap<>();
    private final Map<PaymentKey, TreeMap<Integer, CallbackAttempt>> attempts = new HashMap<>();
    private final Map<PaymentKey, List<LateResult>> lateResults = new HashMap<>();

    @Override
    public synchronized List<CallbackAttempt> callbackAttempts(PaymentKey key) {
        TreeMap<Integer, CallbackAttempt> recorded = attempts.get(key);
        return recorded == null ? List.of() : List.copyOf(recorded.values());
    }

    @Override
    public synchronized void recordLateResult(PaymentKey key, LateResult lateResult) {
        List<LateResult> results = lateResults.computeIfAbsent(key, k -> new ArrayList<>());
        results.add(lateResult);
        results.sort(Comparator.comparing(LateResult::receivedAt));
    }

    @Override
    public synchronized List<LateResult> lateResults(PaymentKey key) {
        return List.copyOf(lateResults.getOrDefault(key, List.of()));
    }

    // ------------------------------------------------------------------ analysis

    @Override
    public synchronized CreatedPage createdBetween(
            long projectId, Instant from, Instant to, CreatedPosition after, int pageSize) {
        List<Payment> inPeriod = payments.values().stream()
                .map(stored -> stored.payment)
                .filter(p -> p.key().projectId() == projectId
                        && !p.createdAt().isBefore(from)
                        && p.createdAt().isBefore(to))
                .filter(p -> after == null || CreatedPosition.of(p).compareTo(after) > 0)
                .sorted(Comparator.comparing(CreatedPosition::of))
                .toList();
        List<Payment> page = inPeriod.subList(0, Math.min(pageSize, inPeriod.size()));
        Optional<CreatedPosition> next = inPeriod.size() > pageSize
                ? Optional.of(CreatedPosition.of(page.get(page.size() - 1)))
                : Optional.empty();
        return new CreatedPage(page, next);
    }

    @Override
    public synchronized Map<Bucket, Tally> totals(long projectId, LocalDate firstDay, LocalDate lastDay) {
        Map<Bucket, Tally> found = new TreeMap<>();
        totalsOf(projectId).forEach((bucket, tally) -> {
            if (!bucket.day().isBefore(firstDay) && !bucket.day().isAfter(lastDay)) {
                found.put(bucket, tally);
            }
        });
        return found;
    }

    @Override
    public synchronized void replaceTotals(long projectId, LocalDate day, Map<Bucket, Tally> replacement) {
        Map<Bucket, Tally> stored = totalsOf(projectId);
        stored.keySet().removeIf(bucket -> bucket.day().equals(day));
        replacement.forEach((bucket, tally) -> {
            if (bucket.day().equals(day) && !tally.isZero()) {
                stored.put(bucket, tally);
            }
        });
    }

    private Map<Bucket, Tally> totalsOf(long projectId) {
        return totals.computeIfAbsent(projectId, p -> new TreeMap<>());
    }

    // ------------------------------------------------------------------ balances

    @Override
    public synchronized void openIfAbsent(long projectId, Money opening) {
        if (opening.minorUnits() < 0) {
            throw new IllegalArgumentException("an opening balance cannot be negative: " + opening);
        }
        BalanceRow balance =
                balances.computeIfAbsent(new BalanceKey(projectId, opening.currency()), k -> new BalanceRow());
        if (balance.opened) {
            return; // idempotent: the first opening stands
        }
        // Added to what sales may have credited before the project's first payout opened it.
        balance.opened = true;
        balance.opening = opening.minorUnits();
        balance.available += opening.minorUnits();
    }

    @Override
    public synchronized Optional<Balance> find(long projectId, CurrencyUnit currency) {
        BalanceRow row = balances.get(new BalanceKey(projectId, currency));
        if (row == null) {
            return Optional.empty();
        }
        return Optional.of(new Balance(
                projectId,
                new Money(row.available, currency),
                new Money(row.reserved, currency),
                new Money(row.paidOut, currency),
                new Money(row.credited, currency),
                new Money(row.opening, currency)));
    }

    /** Every balance, for invariants over all of them. */
    public synchronized List<Balance> allBalances() {
        return balances.keySet().stream()
                .map(key -> find(key.projectId, key.currency).orElseThrow())
                .toList();
    }

    /** Every payment, in creation order of the store. */
    public synchronized List<Payment> allPayments() {
        return payments.values().stream().map(stored -> stored.payment).toList();
    }

    // ------------------------------------------------------------------ helpers

    private static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static Payment withCallbackAttempts(Payment p, int claimed) {
        return p.toBuilder().callbackAttempts(claimed).build();
    }

    private static final class StoredPayment {
        Payment payment;
        int completedAttempts;
        Instant claimedAt = Instant.EPOCH;

        StoredPayment(Payment payment) {
            this.payment = payment;
        }
    }

    private record BalanceKey(long projectId, CurrencyUnit currency) {
        static BalanceKey of(Payment payment) {
            return new BalanceKey(payment.key().projectId(), payment.amount().currency());
        }
    }

    private static final class BalanceRow {
        boolean opened;
        long opening;
        long available;
        long reserved;
        long paidOut;
        long credited;
    }
}
