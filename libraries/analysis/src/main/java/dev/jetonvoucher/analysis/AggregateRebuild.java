package dev.jetonvoucher.analysis;

import dev.jetonvoucher.payment.PaymentAggregates;
import dev.jetonvoucher.payment.PaymentAggregates.Bucket;
import dev.jetonvoucher.payment.PaymentAggregates.Tally;
import dev.jetonvoucher.payment.PaymentStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recomputes a project's aggregates from its payments, one UTC day at a time: the day's payments are walked through
 * the creation index ({@link PaymentSearch#forEach}), counted with {@link PaymentAggregates#recount}, and the day's
 * stored aggregates replaced when they differ. For aggregates that never existed (payments written before them),
 * restored from a backup, or suspected wrong; {@code bin/rebuild-aggregates} runs it.
 *
 * <p>The index is eventually consistent and a payment that changes during the walk may be missed, so rebuild days
 * whose payments are final (a run again changes nothing then: it reports every day as unchanged).
 */
public final class AggregateRebuild {

    /** What one day had and has now. */
    public record Day(LocalDate day, Map<Bucket, Tally> before, Map<Bucket, Tally> after) {

        public boolean changed() {
            return !before.equals(after);
        }

        public long payments() {
            return after.values().stream().mapToLong(Tally::count).sum();
        }
    }

    private final PaymentStore payments;
    private final PaymentSearch search;

    public AggregateRebuild(PaymentStore payments) {
        this.payments = payments;
        this.search = new PaymentSearch(payments);
    }

    /** Rebuilds the days {@code first} to {@code last}, both included; reports every day in order. */
    public List<Day> rebuild(long projectId, LocalDate first, LocalDate last) {
        if (first.isAfter(last)) {
            throw new IllegalArgumentException("the first day " + first + " is after the last " + last);
        }
        List<Day> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            days.add(rebuild(projectId, day));
        }
        return days;
    }

    private Day rebuild(long projectId, LocalDate day) {
        Map<Bucket, Tally> recount = new TreeMap<>();
        search.forEach(
                projectId,
                Period.days(day, day, "day"),
                PaymentFilter.EVERYTHING,
                payment -> PaymentAggregates.apply(recount, PaymentAggregates.created(payment)));
        Map<Bucket, Tally> stored = new TreeMap<>(payments.totals(projectId, day, day));
        if (!stored.equals(recount)) {
            payments.replaceTotals(projectId, day, recount);
        }
        return new Day(day, stored, recount);
    }
}
