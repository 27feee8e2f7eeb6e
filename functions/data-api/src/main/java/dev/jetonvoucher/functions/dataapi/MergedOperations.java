package dev.jetonvoucher.functions.dataapi;

import dev.jetonvoucher.analysis.PaymentFilter;
import dev.jetonvoucher.analysis.Period;
import dev.jetonvoucher.analysis.QueryException;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.payment.PaymentStore.CreatedPage;
import dev.jetonvoucher.payment.PaymentStore.CreatedPosition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;

/**
 * ECommPay's offset paging over the operations of several projects: one list in a stable order — creation time, then
 * project id, then payment id — of which a request gets {@code limit} entries after skipping {@code offset}. Each
 * project's operations are read in that order from its creation index (never a scan) and merged, so a page reads
 * about {@code offset + limit} matching entries, and never more than {@link #MAX_READ} index entries in all.
 */
final class MergedOperations {

    /** Index entries one request may read at most (a sparse filter reads more entries than it keeps). */
    static final int MAX_READ = 100_000;

    private static final int READ_BATCH = 1_000;
    /** Payment ids compare as the store lists them ({@link CreatedPosition}: code point order). */
    static final Comparator<Payment> ORDER = Comparator.comparing(Payment::createdAt)
            .thenComparingLong(payment -> payment.key().projectId())
            .thenComparing(CreatedPosition::of);

    /** The operations of a page and whether more follow it. */
    record Window(List<Payment> payments, boolean more) {}

    private final PaymentStore payments;
    private final int maxRead;

    MergedOperations(PaymentStore payments) {
        this(payments, MAX_READ);
    }

    MergedOperations(PaymentStore payments, int maxRead) {
        this.payments = payments;
        this.maxRead = maxRead;
    }

    /** @throws QueryException ({@code interval}) when the page would read more than its maximum of index entries */
    Window window(Collection<Long> projects, Period period, PaymentFilter filter, int offset, int limit) {
        int wanted = offset + limit + 1; // one more than the page proves that more follow
        int[] read = {0};
        PriorityQueue<Source> heads = new PriorityQueue<>(Comparator.comparing(Source::head, ORDER));
        for (long projectId : projects) {
            Source source = new Source(projectId, period, filter, Math.min(READ_BATCH, wanted), read);
            if (source.head() != null) {
                heads.add(source);
            }
        }
        List<Payment> page = new ArrayList<>(limit);
        int skipped = 0;
        while (!heads.isEmpty()) {
            Source source = heads.poll();
            Payment next = source.take();
            if (skipped < offset) {
                skipped++;
            } else if (page.size() < limit) {
                page.add(next);
            } else {
                return new Window(page, true);
            }
            if (source.head() != null) {
                heads.add(source);
            }
        }
        return new Window(page, false);
    }

    /** One project's matching operations in creation order, read a batch at a time. */
    private final class Source {
        private final long projectId;
        private final Period period;
        private final PaymentFilter filter;
        private final int batch;
        private final int[] read;
        private final Deque<Payment> buffered = new ArrayDeque<>();
        private CreatedPosition position;
        private boolean exhausted;

        Source(long projectId, Period period, PaymentFilter filter, int batch, int[] read) {
            this.projectId = projectId;
            this.period = period;
            this.filter = filter;
            this.batch = batch;
            this.read = read;
        }

        /** The next operation, or null when the project has no more. */
        Payment head() {
            while (buffered.isEmpty() && !exhausted) {
                if (read[0] >= maxRead) {
                    throw new QueryException(
                            "interval",
                            "this request would read more than " + maxRead
                                    + " operations: shorten the interval, name fewer projects, or page with the cursor of the"
                                    + " project-secret form");
                }
                CreatedPage stored = payments.createdBetween(
                        projectId, period.from(), period.to(), position, Math.min(batch, maxRead - read[0]));
                read[0] += stored.payments().size();
                stored.payments().stream().filter(filter::matches).forEach(buffered::add);
                position = stored.next().orElse(null);
                exhausted = position == null;
            }
            return buffered.peek();
        }

        Payment take() {
            return buffered.poll();
        }
    }
}
