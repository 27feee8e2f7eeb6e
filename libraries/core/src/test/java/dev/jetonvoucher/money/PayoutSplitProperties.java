package dev.jetonvoucher.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * The payout split rules from the method page, over random payouts in currencies with 0, 2 and 3
 * decimals: amounts from 10.00 up to 10^9 minor units, biased towards multiples of 500.00 where the
 * "remainder under 10.00" case lives.
 */
class PayoutSplitProperties {

    private static final long LARGEST_MINOR = 1_000_000_000L;
    /** Near-multiple amounts stay below this many vouchers; the uniform range covers the larger ones. */
    private static final long MOST_VOUCHERS_NEAR_MULTIPLES = 10_000;

    @Property
    void every_part_is_a_valid_voucher_face_value(@ForAll("payouts") Money total) {
        Money min = VoucherLimits.minFaceValue(total.currency());
        Money max = VoucherLimits.maxFaceValue(total.currency());

        for (Money part : PayoutSplit.split(total)) {
            assertFalse(part.isLessThan(min), () -> part + " is under " + min + " in the split of " + total);
            assertFalse(part.isGreaterThan(max), () -> part + " is over " + max + " in the split of " + total);
        }
    }

    @Property
    void the_parts_add_up_exactly_to_the_payout(@ForAll("payouts") Money total) {
        Money sum = Money.ofMinor(0, total.currency());
        for (Money part : PayoutSplit.split(total)) {
            sum = sum.plus(part); // plus() also proves every part is in the payout's currency
        }

        assertEquals(total, sum);
    }

    @Property
    @StatisticsReport(StatisticsReportMode.OFF)
    void the_count_is_minimal(@ForAll("payouts") Money total) {
        long max = VoucherLimits.maxFaceValue(total.currency()).minorUnits();
        int count = PayoutSplit.split(total).size();

        // No voucher holds more than max, so n vouchers carry at most n * max: fewer than
        // ceil(total / max) can never add up. Hitting that bound is therefore minimal.
        assertEquals(ceilDiv(total.minorUnits(), max), count);
        assertTrue((count - 1) * max < total.minorUnits(), "one voucher fewer would have been enough");

        Statistics.label("rule case").collect(ruleCase(total));
        Statistics.label("rule case").coverage(coverage -> {
            coverage.check("exact multiple of 500").count(n -> n > 0);
            coverage.check("remainder >= 10").percentage(p -> p > 10);
            coverage.check("remainder < 10, borrowed").percentage(p -> p > 10);
        });
    }

    @Property
    void the_parts_are_in_non_increasing_order(@ForAll("payouts") Money total) {
        List<Money> parts = PayoutSplit.split(total);

        for (int i = 1; i < parts.size(); i++) {
            Money previous = parts.get(i - 1);
            Money current = parts.get(i);
            assertFalse(current.isGreaterThan(previous), () -> "not sorted: " + previous + " then " + current);
        }
    }

    @Property
    void only_the_last_two_parts_may_be_less_than_a_full_voucher(@ForAll("payouts") Money total) {
        Money max = VoucherLimits.maxFaceValue(total.currency());
        List<Money> parts = PayoutSplit.split(total);

        for (int i = 0; i < parts.size() - 2; i++) {
            assertEquals(max, parts.get(i));
        }
    }

    @Property
    void a_payout_below_10_is_rejected(@ForAll("currencies") CurrencyUnit currency, @ForAll long minor) {
        long min = VoucherLimits.minFaceValue(currency).minorUnits();
        Money total = Money.ofMinor(Math.min(minor, min - 1), currency);

        assertThrows(IllegalArgumentException.class, () -> PayoutSplit.split(total));
    }

    @Provide
    Arbitrary<CurrencyUnit> currencies() {
        return Arbitraries.of("JPY", "KRW", "EUR", "USD", "KWD", "BHD").map(CurrencyUnit::of);
    }

    @Provide
    Arbitrary<Money> payouts() {
        return currencies().flatMap(currency -> {
            long min = VoucherLimits.minFaceValue(currency).minorUnits();
            long max = VoucherLimits.maxFaceValue(currency).minorUnits();
            Arbitrary<Long> anyAmount = Arbitraries.longs().between(min, LARGEST_MINOR);
            Arbitrary<Long> fewVouchers = Arbitraries.longs().between(min, 5 * max);
            // k * 500.00 + d with |d| <= 20.00: exact multiples, remainders just under and over 10.00
            Arbitrary<Long> offset = Arbitraries.frequencyOf(
                    Tuple.of(1, Arbitraries.just(0L)),
                    Tuple.of(4, Arbitraries.longs().between(-2 * min, 2 * min)));
            Arbitrary<Long> nearMultipleOfMax = Combinators.combine(
                            Arbitraries.longs().between(1, Math.min(LARGEST_MINOR / max, MOST_VOUCHERS_NEAR_MULTIPLES)),
                            offset)
                    .as((k, d) -> k * max + d);
            return Arbitraries.frequencyOf(
                            Tuple.of(1, anyAmount), Tuple.of(1, fewVouchers), Tuple.of(2, nearMultipleOfMax))
                    .map(minor -> Money.ofMinor(minor, currency));
        });
    }

    private static String ruleCase(Money total) {
        long min = VoucherLimits.minFaceValue(total.currency()).minorUnits();
        long remainder = total.minorUnits()
                % VoucherLimits.maxFaceValue(total.currency()).minorUnits();
        if (remainder == 0) {
            return "exact multiple of 500";
        }
        return remainder >= min ? "remainder >= 10" : "remainder < 10, borrowed";
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
