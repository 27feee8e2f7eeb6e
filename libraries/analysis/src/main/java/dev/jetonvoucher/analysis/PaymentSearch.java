package dev.jetonvoucher.analysis;

import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.payment.PaymentStore.CreatedPage;
import dev.jetonvoucher.payment.PaymentStore.CreatedPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a project's payments of a period through {@link PaymentStore#createdBetween} (an index query, never a
 * scan), in creation order, keeping those a {@link PaymentFilter} matches.
 */
public final class PaymentSearch {

    /**
     * How many index entries one page reads at most. A filter that matches little of a busy month would otherwise
     * read all of it in one request; past this the page ends short, with a cursor to go on.
     */
    public static final int DEFAULT_MAX_READ_PER_PAGE = 5_000;

    private static final int READ_BATCH = 1_000;

    private final PaymentStore payments;
    private final int maxReadPerPage;

    public PaymentSearch(PaymentStore payments) {
        this(payments, DEFAULT_MAX_READ_PER_PAGE);
    }

    public PaymentSearch(PaymentStore payments, int maxReadPerPage) {
        if (maxReadPerPage < 1) {
            throw new IllegalArgumentException("maxReadPerPage must be positive");
        }
        this.payments = payments;
        this.maxReadPerPage = maxReadPerPage;
    }

    /**
     * Up to {@code limit} matching payments after {@code after} (null: from the start of the period), in creation
     * order. The page's {@code next} is present when more payments may follow; a page can hold fewer than
     * {@code limit} payments (even none) while more follow, when it read its maximum of index entries.
     */
    public CreatedPage page(long projectId, Period period, PaymentFilter filter, CreatedPosition after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        if (filter.paymentId() != null) {
            // A payment id names at most one payment: read it by its key instead of walking the period.
            return new CreatedPage(onePayment(projectId, period, filter), Optional.empty());
        }
        List<Payment> found = new ArrayList<>();
        CreatedPosition position = after;
        int read = 0;
        // One more than the page holds (a further match proves there is a next page); a filter that keeps only some
        // reads twice as much each time it needs more, so a sparse filter costs few requests and a dense one few reads.
        int batch = limit + 1;
        while (true) {
            batch = filter.selectsEverything() ? limit + 1 - found.size() : Math.min(READ_BATCH, batch);
            CreatedPage stored = payments.createdBetween(
                    projectId, period.from(), period.to(), position, Math.min(batch, maxReadPerPage - read));
            for (Payment payment : stored.payments()) {
                read++;
                if (filter.matches(payment)) {
                    if (found.size() == limit) {
                        return new CreatedPage(found, Optional.of(CreatedPosition.of(found.get(limit - 1))));
                    }
                    found.add(payment);
                }
            }
            if (stored.next().isEmpty()) {
                return new CreatedPage(found, Optional.empty());
            }
            position = stored.next().get();
            if (read >= maxReadPerPage) {
                return new CreatedPage(found, Optional.of(position));
            }
            batch *= 2;
        }
    }

    /**
     * Every matching payment of the period, in creation order, one stored page at a time: exports and the
     * aggregate rebuild stream through this and never hold more than a page.
     */
    public void forEach(long projectId, Period period, PaymentFilter filter, Consumer<Payment> action) {
        if (filter.paymentId() != null) {
            onePayment(projectId, period, filter).forEach(action);
            return;
        }
        CreatedPosition position = null;
        do {
            CreatedPage stored = payments.createdBetween(projectId, period.from(), period.to(), position, READ_BATCH);
            stored.payments().stream().filter(filter::matches).forEach(action);
            position = stored.next().orElse(null);
        } while (position != null);
    }

    private List<Payment> onePayment(long projectId, Period period, PaymentFilter filter) {
        return payments.find(new PaymentKey(projectId, filter.paymentId()))
                .filter(payment -> period.contains(payment.createdAt()) && filter.matches(payment))
                .map(List::of)
                .orElse(List.of());
    }
}
