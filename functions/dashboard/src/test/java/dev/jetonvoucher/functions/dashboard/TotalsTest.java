package dev.jetonvoucher.functions.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.analysis.PaymentFilter;
import dev.jetonvoucher.analysis.PaymentSearch;
import dev.jetonvoucher.analysis.Period;
import dev.jetonvoucher.memory.InMemoryPaymentStore;
import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.BalanceEffect;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.payment.Funds;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The overview's totals read from the aggregates are those a walk of every payment of the period gives, for every
 * filter: counts and sums per status, and the per-day chart.
 */
class TotalsTest {

    private static final long PROJECT = 239;
    private static final LocalDate FIRST = LocalDate.of(2026, 3, 1);
    private static final LocalDate LAST = LocalDate.of(2026, 3, 7);
    private static final PaymentStatus[] FINAL = {PaymentStatus.SUCCESS, PaymentStatus.DECLINE, PaymentStatus.ERROR};

    @Test
    void aggregates_give_the_totals_of_a_walk_over_the_payments_for_every_filter() {
        InMemoryPaymentStore store = new InMemoryPaymentStore(Clock.systemUTC());
        store.openIfAbsent(PROJECT, Money.ofMinor(10_000_000, "EUR"));
        SplittableRandom random = new SplittableRandom(18);
        Instant start =
                FIRST.minusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        for (int i = 0; i < 400; i++) {
            // Nine days: one before and one after the period, whose payments must not count.
            Instant created = start.plus(Duration.ofSeconds(random.nextLong(9 * 86_400L)));
            boolean payout = random.nextInt(3) == 0;
            String currency = payout || random.nextBoolean() ? "EUR" : "USD";
            Payment payment = Payment.builder()
                    .key(new PaymentKey(PROJECT, "p-" + i))
                    .type(payout ? PaymentType.PAYOUT : PaymentType.PURCHASE)
                    .amount(Money.ofMinor(100 + random.nextInt(50_000), currency))
                    .customerId("c")
                    .channel(Channel.GATE)
                    .requestId("r-" + i)
                    .operationId(1_000 + i)
                    .createdAt(created)
                    .updatedAt(created)
                    .limitAt(created.plusSeconds(600))
                    .funds(payout ? Funds.RESERVED : Funds.NOT_APPLICABLE)
                    .build();
            store.create(payment);
            if (random.nextInt(5) > 0) {
                Payment stored = store.find(payment.key()).orElseThrow();
                PaymentStatus status = FINAL[random.nextInt(FINAL.length)];
                assertTrue(store.finish(
                        stored,
                        stored.finish(
                                status,
                                "0",
                                "m",
                                BalanceEffect.fundsAfter(stored.funds(), status == PaymentStatus.SUCCESS),
                                null,
                                null,
                                List.of(),
                                created.plusSeconds(5))));
            }
        }
        Period period = Period.days(FIRST, LAST, "to");
        List<PaymentFilter> filters = new ArrayList<>(List.of(
                PaymentFilter.EVERYTHING,
                new PaymentFilter(Set.of(), Set.of(OperationType.PAYOUT), null),
                new PaymentFilter(Set.of(PaymentStatus.DECLINE), Set.of(OperationType.SALE), null)));
        for (PaymentStatus status : PaymentStatus.values()) {
            filters.add(new PaymentFilter(Set.of(status), Set.of(), null));
        }
        for (PaymentFilter filter : filters) {
            List<Payment> walked = new ArrayList<>();
            new PaymentSearch(store).forEach(PROJECT, period, filter, walked::add);

            Totals fromAggregates = Totals.of(store.totals(PROJECT, FIRST, LAST), filter);

            assertEquals(figures(Totals.of(walked), period), figures(fromAggregates, period), filter.canonical());
            assertEquals(walked.size(), fromAggregates.count());
        }
    }

    /** Everything the overview shows of the totals: counts and sums per status, and each day's bar segments. */
    private static List<String> figures(Totals totals, Period period) {
        List<String> figures = new ArrayList<>();
        figures.add("all " + totals.count());
        for (PaymentStatus status : PaymentStatus.values()) {
            figures.add(status.wire() + " " + totals.count(status) + " " + totals.sums(status));
            for (LocalDate day : period.utcDays()) {
                figures.add(day + " " + status.wire() + " " + totals.count(day, status));
            }
        }
        return figures;
    }
}
