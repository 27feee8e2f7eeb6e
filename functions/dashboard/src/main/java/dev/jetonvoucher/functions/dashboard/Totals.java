package dev.jetonvoucher.functions.dashboard;

import dev.jetonvoucher.analysis.PaymentFilter;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentAggregates.Bucket;
import dev.jetonvoucher.payment.PaymentAggregates.Tally;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Payments counted per status (with their sums per currency) and per UTC day and status, for the overview: from the
 * stored aggregates of the period's days ({@link #of(Map, PaymentFilter)}), so a view reads the same few items
 * however many payments the period holds; or from payments themselves (one payment found by its id).
 */
final class Totals {

    private final Map<PaymentStatus, Integer> counts = new EnumMap<>(PaymentStatus.class);
    private final Map<PaymentStatus, Map<String, Money>> sums = new EnumMap<>(PaymentStatus.class);
    private final Map<LocalDate, Map<PaymentStatus, Integer>> perDay = new TreeMap<>();

    /** The totals of the buckets the filter's statuses and types select. */
    static Totals of(Map<Bucket, Tally> aggregates, PaymentFilter filter) {
        Totals totals = new Totals();
        aggregates.forEach((bucket, tally) -> {
            if (filter.selects(bucket.status(), bucket.type())) {
                totals.add(bucket, tally);
            }
        });
        return totals;
    }

    static Totals of(List<Payment> payments) {
        Totals totals = new Totals();
        payments.forEach(totals::accept);
        return totals;
    }

    void accept(Payment payment) {
        add(Bucket.of(payment), new Tally(1, payment.amount().minorUnits()));
    }

    private void add(Bucket bucket, Tally tally) {
        counts.merge(bucket.status(), Math.toIntExact(tally.count()), Integer::sum);
        sums.computeIfAbsent(bucket.status(), s -> new TreeMap<>())
                .merge(bucket.currency().code(), Money.ofMinor(tally.amount(), bucket.currency()), Money::plus);
        perDay.computeIfAbsent(bucket.day(), d -> new EnumMap<>(PaymentStatus.class))
                .merge(bucket.status(), Math.toIntExact(tally.count()), Integer::sum);
    }

    int count(PaymentStatus status) {
        return counts.getOrDefault(status, 0);
    }

    int count() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Sums per currency code, in code order. */
    Map<String, Money> sums(PaymentStatus status) {
        return sums.getOrDefault(status, Map.of());
    }

    int count(LocalDate day, PaymentStatus status) {
        return perDay.getOrDefault(day, Map.of()).getOrDefault(status, 0);
    }

    int count(LocalDate day) {
        return perDay.getOrDefault(day, Map.of()).values().stream()
                .mapToInt(Integer::intValue)
                .sum();
    }
}
