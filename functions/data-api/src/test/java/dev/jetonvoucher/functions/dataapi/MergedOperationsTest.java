package dev.jetonvoucher.functions.dataapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jetonvoucher.analysis.PaymentFilter;
import dev.jetonvoucher.analysis.Period;
import dev.jetonvoucher.analysis.QueryException;
import dev.jetonvoucher.memory.InMemoryPaymentStore;
import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.payment.Funds;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** ECommPay's offset paging over several projects: one stable list, windows of it, and a bounded read. */
class MergedOperationsTest {

    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    static final Period WEEK = Period.requested(START, START.plus(Duration.ofDays(7)), "interval.to");
    final InMemoryPaymentStore store = new InMemoryPaymentStore(Clock.fixed(START, ZoneOffset.UTC));
    final List<Payment> written = new ArrayList<>();
    long operationIds = 1;

    /** Three projects whose payments share creation instants (and ids, and a character beyond U+FFFF). */
    MergedOperationsTest() {
        for (int i = 0; i < 1_300; i++) {
            write(1, "p-" + i, START.plusSeconds(i / 3 * 60L), i % 10 == 0 ? PaymentType.PAYOUT : PaymentType.PURCHASE);
            if (i % 2 == 0) {
                write(2, "p-" + i, START.plusSeconds(i / 3 * 60L), PaymentType.PURCHASE);
            }
            if (i % 50 == 0) {
                // Beyond U+FFFF sorts after U+FFFD by code point (the index's order), before it in UTF-16.
                write(3, "\uD83D\uDE00-" + i, START.plusSeconds(i / 3 * 60L), PaymentType.PURCHASE);
                write(3, "\uFFFD-" + i, START.plusSeconds(i / 3 * 60L), PaymentType.PURCHASE);
            }
        }
        write(1, "outside", START.minusSeconds(1), PaymentType.PURCHASE);
    }

    void write(long project, String id, Instant createdAt, PaymentType type) {
        Payment payment = Payment.builder()
                .key(new PaymentKey(project, id))
                .type(type)
                .status(type == PaymentType.PAYOUT ? PaymentStatus.DECLINE : PaymentStatus.SUCCESS)
                .amount(Money.ofMinor(1_000, "EUR"))
                .channel(Channel.GATE)
                .requestId("r-" + id)
                .operationId(operationIds++)
                .createdAt(createdAt)
                .updatedAt(createdAt.plusSeconds(5))
                .limitAt(createdAt.plusSeconds(600))
                .resultCode(type == PaymentType.PAYOUT ? "3028" : "0")
                .resultMessage("x")
                .funds(type == PaymentType.PAYOUT ? Funds.INSUFFICIENT : Funds.NOT_APPLICABLE)
                .build();
        store.create(payment);
        written.add(payment);
    }

    List<String> expected(Set<Long> projects, PaymentFilter filter) {
        return written.stream()
                .filter(p -> projects.contains(p.key().projectId()) && WEEK.contains(p.createdAt()))
                .filter(filter::matches)
                .sorted(MergedOperations.ORDER)
                .map(MergedOperationsTest::key)
                .toList();
    }

    static String key(Payment payment) {
        return payment.key().projectId() + "/" + payment.key().paymentId();
    }

    @Test
    void windows_of_every_offset_concatenate_to_the_list_in_creation_then_project_then_payment_id_order() {
        MergedOperations merged = new MergedOperations(store);
        List<String> expected = expected(Set.of(1L, 2L, 3L), PaymentFilter.EVERYTHING);
        for (int limit : new int[] {1_000, 333, 7}) {
            List<String> seen = new ArrayList<>();
            for (int offset = 0; ; offset += limit) {
                MergedOperations.Window window =
                        merged.window(List.of(1L, 2L, 3L), WEEK, PaymentFilter.EVERYTHING, offset, limit);
                window.payments().forEach(p -> seen.add(key(p)));
                if (!window.more()) {
                    break;
                }
                assertEquals(limit, window.payments().size(), "a page before the last is full");
            }
            assertEquals(expected, seen, "limit " + limit);
        }
        assertEquals(1_300 + 650 + 52, expected.size());
        assertEquals(
                List.of("1/p-0", "1/p-1", "1/p-2", "2/p-0", "2/p-2", "3/\uFFFD-0", "3/\uD83D\uDE00-0", "1/p-3"),
                expected.subList(0, 8),
                "creation time, then project, then payment id by code point (as the index)");
    }

    @Test
    void a_window_past_the_end_is_empty_and_the_last_one_says_nothing_follows() {
        MergedOperations merged = new MergedOperations(store);
        int total = expected(Set.of(2L), PaymentFilter.EVERYTHING).size();
        MergedOperations.Window last = merged.window(List.of(2L), WEEK, PaymentFilter.EVERYTHING, total - 5, 5);
        assertEquals(5, last.payments().size());
        assertFalse(last.more());
        MergedOperations.Window past = merged.window(List.of(2L), WEEK, PaymentFilter.EVERYTHING, total, 10);
        assertEquals(List.of(), past.payments());
        assertFalse(past.more());
    }

    @Test
    void a_filter_keeps_its_matches_in_the_same_order() {
        PaymentFilter payouts = new PaymentFilter(Set.of(), Set.of(OperationType.PAYOUT), null);
        List<String> seen = Stream.of(0, 50, 100)
                .flatMap(offset -> new MergedOperations(store)
                        .window(List.of(1L, 2L), WEEK, payouts, offset, 50).payments().stream())
                .map(MergedOperationsTest::key)
                .toList();
        assertEquals(expected(Set.of(1L, 2L), payouts), seen);
    }

    @Test
    void a_page_that_would_read_more_than_its_maximum_of_index_entries_is_refused_naming_the_interval() {
        PaymentFilter payouts = new PaymentFilter(Set.of(), Set.of(OperationType.PAYOUT), null);
        // 130 payouts among 1,300 sales and payouts of project 1: the last pages read nearly all of them.
        MergedOperations bounded = new MergedOperations(store, 500);
        assertEquals(
                10, bounded.window(List.of(1L), WEEK, payouts, 0, 10).payments().size());
        QueryException refused =
                assertThrows(QueryException.class, () -> bounded.window(List.of(1L), WEEK, payouts, 100, 10));
        assertEquals("interval", refused.field());
    }
}
