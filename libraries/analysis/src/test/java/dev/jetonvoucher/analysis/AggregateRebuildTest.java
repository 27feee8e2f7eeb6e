package dev.jetonvoucher.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.memory.InMemoryPaymentStore;
import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentAggregates;
import dev.jetonvoucher.payment.PaymentAggregates.Bucket;
import dev.jetonvoucher.payment.PaymentAggregates.Tally;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregateRebuildTest {

    private static final long PROJECT = 7301;
    private static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);
    private static final PaymentStatus[] STATUSES = {
        PaymentStatus.SUCCESS, PaymentStatus.DECLINE, PaymentStatus.PROCESSING, PaymentStatus.ERROR
    };

    private final InMemoryPaymentStore store = new InMemoryPaymentStore(Clock.systemUTC());
    private final History history = new History(store);
    private final List<Payment> written = new ArrayList<>();

    private void seed() {
        // 60 payments over three days, some in the first and last nanosecond of a day.
        Instant start = MARCH_1.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        for (int i = 0; i < 60; i++) {
            Instant created = start.plus(Duration.ofMinutes(72L * i)).minusNanos(i % 5 == 0 ? 1 : 0);
            PaymentStatus status = STATUSES[i % STATUSES.length];
            written.add(
                    i % 3 == 0
                            ? history.payout(
                                    PROJECT,
                                    "p-" + i,
                                    created,
                                    status == PaymentStatus.SUCCESS ? PaymentStatus.DECLINE : status)
                            : history.sale(PROJECT, "s-" + i, created, status));
        }
        history.sale(PROJECT + 1, "other", start.plusSeconds(60), PaymentStatus.SUCCESS);
    }

    @Test
    void restores_wrong_and_missing_days_to_a_recount_of_the_payments() {
        seed();
        Map<Bucket, Tally> recount = PaymentAggregates.recount(written);
        Bucket wrong =
                new Bucket(MARCH_1.plusDays(1), PaymentStatus.SUCCESS, OperationType.PAYOUT, CurrencyUnit.of("USD"));
        store.replaceTotals(PROJECT, MARCH_1, Map.of());
        store.replaceTotals(PROJECT, MARCH_1.plusDays(1), Map.of(wrong, new Tally(3, 999)));
        store.replaceTotals(
                PROJECT,
                MARCH_1.plusDays(9),
                Map.of(
                        new Bucket(
                                MARCH_1.plusDays(9), PaymentStatus.SUCCESS, OperationType.SALE, CurrencyUnit.of("EUR")),
                        new Tally(1, 1)));

        List<AggregateRebuild.Day> days =
                new AggregateRebuild(store).rebuild(PROJECT, MARCH_1.minusDays(1), MARCH_1.plusDays(9));

        assertEquals(11, days.size());
        assertEquals(recount, store.totals(PROJECT, MARCH_1.minusDays(5), MARCH_1.plusDays(20)));
        assertEquals(
                List.of(MARCH_1, MARCH_1.plusDays(1), MARCH_1.plusDays(9)),
                days.stream()
                        .filter(AggregateRebuild.Day::changed)
                        .map(AggregateRebuild.Day::day)
                        .toList());
        assertEquals(
                written.size(),
                days.stream().mapToLong(AggregateRebuild.Day::payments).sum());
        assertEquals(Map.of(wrong, new Tally(3, 999)), days.get(2).before());
        assertEquals(1, store.totals(PROJECT + 1, MARCH_1, MARCH_1).size(), "another project's days are its own");
    }

    @Test
    void a_second_run_finds_nothing_to_change() {
        seed();
        store.replaceTotals(PROJECT, MARCH_1.plusDays(2), Map.of());
        AggregateRebuild rebuild = new AggregateRebuild(store);

        assertTrue(rebuild.rebuild(PROJECT, MARCH_1, MARCH_1.plusDays(3)).stream()
                .anyMatch(AggregateRebuild.Day::changed));
        assertFalse(rebuild.rebuild(PROJECT, MARCH_1, MARCH_1.plusDays(3)).stream()
                .anyMatch(AggregateRebuild.Day::changed));
        assertEquals(
                PaymentAggregates.recount(written), store.totals(PROJECT, MARCH_1.minusDays(1), MARCH_1.plusDays(3)));
    }
}
