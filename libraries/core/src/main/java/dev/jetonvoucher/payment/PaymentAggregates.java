package dev.jetonvoucher.payment;

import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.money.CurrencyUnit;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A project's payments counted and summed per {@link Bucket}: UTC day of creation, current status, operation type
 * and currency. The one place that says which counter changes a payment's write makes: the stores apply
 * {@link #created} with the payment's creation and {@link #finished} with its status change, in the same atomic
 * write, so each bucket holds exactly the payments that are in it now and the dashboard reads totals and its chart
 * without walking the payments.
 *
 * <p>Buckets are UTC days because the dashboard's periods are whole UTC days: a period's totals are then the sum of
 * its days' buckets, exactly. (A view in another zone would need buckets as fine as its offset, e.g. UTC hours for
 * whole-hour zones; no view asks for one.)
 */
public final class PaymentAggregates {

    private PaymentAggregates() {}

    /** Where a payment is counted; ordered by day, status, type, currency code. */
    public record Bucket(LocalDate day, PaymentStatus status, OperationType type, CurrencyUnit currency)
            implements Comparable<Bucket> {

        private static final Comparator<Bucket> ORDER = Comparator.comparing(Bucket::day)
                .thenComparing(Bucket::status)
                .thenComparing(Bucket::type)
                .thenComparing(bucket -> bucket.currency().code());

        public Bucket {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(currency, "currency");
        }

        public static Bucket of(Payment payment) {
            return new Bucket(
                    utcDay(payment),
                    payment.status(),
                    payment.operationType(),
                    payment.amount().currency());
        }

        @Override
        public int compareTo(Bucket other) {
            return ORDER.compare(this, other);
        }

        // Written out (as a record generates them): the generated ones bootstrap java.lang.runtime.ObjectMethods on
        // their first call, in the cold start of every function that finishes a payment (bench/analysis.md).
        @Override
        public boolean equals(Object other) {
            return other instanceof Bucket bucket
                    && bucket.day.equals(day)
                    && bucket.status == status
                    && bucket.type == type
                    && bucket.currency.equals(currency);
        }

        @Override
        public int hashCode() {
            return ((31 * day.hashCode() + status.hashCode()) * 31 + type.hashCode()) * 31 + currency.hashCode();
        }
    }

    /** How many payments, and their amounts summed in minor units of the bucket's currency. */
    public record Tally(long count, long amount) {

        public static final Tally ZERO = new Tally(0, 0);

        public Tally plus(Tally other) {
            return new Tally(Math.addExact(count, other.count), Math.addExact(amount, other.amount));
        }

        public boolean isZero() {
            return count == 0 && amount == 0;
        }
    }

    /** One counter change: {@code tally} added to {@code bucket} (negative when a payment leaves it). */
    public record Change(Bucket bucket, Tally tally) {}

    /** The UTC day a payment is counted on: its creation's, which never changes. */
    public static LocalDate utcDay(Payment payment) {
        return payment.createdAt().atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** What storing a new payment adds: one payment of its amount, in its bucket. */
    public static List<Change> created(Payment payment) {
        return List.of(
                new Change(Bucket.of(payment), new Tally(1, payment.amount().minorUnits())));
    }

    /**
     * What a payment's change from {@code before} to {@code after} moves: out of the old bucket into the new one,
     * or nothing when it stays in the same bucket (a finish keeps day, type and currency; only the status moves).
     */
    public static List<Change> moved(Payment before, Payment after) {
        if (!before.key().equals(after.key())
                || !before.amount().equals(after.amount())
                || !before.createdAt().equals(after.createdAt())
                || before.type() != after.type()) {
            throw new IllegalArgumentException(
                    "a payment keeps its key, amount, creation and type: " + before.key() + " -> " + after.key());
        }
        Bucket from = Bucket.of(before);
        Bucket to = Bucket.of(after);
        if (from.equals(to)) {
            return List.of();
        }
        long amount = before.amount().minorUnits();
        return List.of(new Change(from, new Tally(-1, -amount)), new Change(to, new Tally(1, amount)));
    }

    /** Adds changes to totals (a bucket that comes back to zero is removed, so equal totals are equal maps). */
    public static void apply(Map<Bucket, Tally> totals, List<Change> changes) {
        for (Change change : changes) {
            Tally sum = totals.getOrDefault(change.bucket(), Tally.ZERO).plus(change.tally());
            if (sum.isZero()) {
                totals.remove(change.bucket());
            } else {
                totals.put(change.bucket(), sum);
            }
        }
    }

    /** The totals counted afresh from the payments themselves: what the stored aggregates must equal. */
    public static Map<Bucket, Tally> recount(Iterable<Payment> payments) {
        Map<Bucket, Tally> totals = new TreeMap<>();
        for (Payment payment : payments) {
            apply(totals, created(payment));
        }
        return totals;
    }
}
