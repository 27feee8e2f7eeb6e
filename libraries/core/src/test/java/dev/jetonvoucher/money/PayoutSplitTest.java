package dev.jetonvoucher.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayoutSplitTest {

    @Test
    void a_payout_of_1250_EUR_is_500_500_250() {
        assertEquals(List.of("500.00", "500.00", "250.00"), split(125000, "EUR"));
    }

    @Test
    void a_payout_of_1005_EUR_is_500_495_10_because_a_5_EUR_voucher_is_forbidden() {
        assertEquals(List.of("500.00", "495.00", "10.00"), split(100500, "EUR"));
    }

    @Test
    void a_payout_of_exactly_1000_EUR_is_two_full_vouchers() {
        assertEquals(List.of("500.00", "500.00"), split(100000, "EUR"));
    }

    @Test
    void a_payout_up_to_500_EUR_is_a_single_voucher() {
        assertEquals(List.of("10.00"), split(1000, "EUR"));
        assertEquals(List.of("250.00"), split(25000, "EUR"));
        assertEquals(List.of("500.00"), split(50000, "EUR"));
    }

    @Test
    void one_cent_over_500_EUR_borrows_from_the_only_full_voucher() {
        assertEquals(List.of("490.01", "10.00"), split(50001, "EUR"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(
            delimiter = ';',
            value = {
                "50999;  EUR; 499.99 10.00",
                "51000;  EUR; 500.00 10.00",
                "150999; EUR; 500.00 500.00 499.99 10.00",
                "1250;   JPY; 500 500 250",
                "1005;   JPY; 500 495 10",
                "501;    JPY; 491 10",
                "1250000;KWD; 500.000 500.000 250.000",
                "1005000;BHD; 500.000 495.000 10.000",
                "500001; KWD; 490.001 10.000",
            })
    void the_rule_in_other_amounts_and_currencies(long minor, String currency, String expected) {
        assertEquals(Arrays.asList(expected.split(" ")), split(minor, currency));
    }

    @ParameterizedTest(name = "{0} {1} is below the 10.00 minimum")
    @CsvSource({"999, EUR", "0, EUR", "-100000, EUR", "9, JPY", "9999, KWD", "-9223372036854775808, EUR"})
    void a_payout_below_10_is_rejected(long minor, String currency) {
        Money total = Money.ofMinor(minor, currency);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PayoutSplit.split(total));
        assertTrue(e.getMessage().contains("at least 10"), e.getMessage());
    }

    @Test
    void every_part_keeps_the_payout_currency() {
        CurrencyUnit kwd = CurrencyUnit.of("KWD");

        PayoutSplit.split(Money.ofMinor(1005000, kwd)).forEach(part -> assertEquals(kwd, part.currency()));
    }

    @Test
    void the_parts_cannot_be_modified() {
        List<Money> parts = PayoutSplit.split(Money.ofMinor(125000, "EUR"));

        assertThrows(UnsupportedOperationException.class, () -> parts.add(Money.ofMinor(1000, "EUR")));
        assertThrows(UnsupportedOperationException.class, () -> parts.set(0, Money.ofMinor(1000, "EUR")));
        assertThrows(UnsupportedOperationException.class, () -> parts.remove(0));
        assertThrows(IndexOutOfBoundsException.class, () -> parts.get(3));
        assertThrows(IndexOutOfBoundsException.class, () -> parts.get(-1));
    }

    @Test
    void the_parts_compare_like_any_list() {
        List<Money> parts = PayoutSplit.split(Money.ofMinor(125000, "EUR"));
        List<Money> expected =
                List.of(Money.ofMinor(50000, "EUR"), Money.ofMinor(50000, "EUR"), Money.ofMinor(25000, "EUR"));

        assertEquals(expected, parts);
        assertEquals(expected.hashCode(), parts.hashCode());
    }

    @Test
    void a_huge_payout_is_not_materialised_voucher_by_voucher() {
        // 10^12 JPY is two billion vouchers: the list computes them on demand in constant memory.
        List<Money> parts = PayoutSplit.split(Money.ofMinor(1_000_000_000_000L + 5, "JPY"));

        assertEquals(2_000_000_001, parts.size());
        assertEquals(Money.ofMinor(500, "JPY"), parts.get(0));
        assertEquals(Money.ofMinor(495, "JPY"), parts.get(parts.size() - 2));
        assertEquals(Money.ofMinor(10, "JPY"), parts.get(parts.size() - 1));
    }

    @Test
    void a_payout_needing_more_than_int_max_vouchers_is_rejected() {
        Money absurd = Money.ofMinor(Long.MAX_VALUE, "JPY");

        assertThrows(IllegalArgumentException.class, () -> PayoutSplit.split(absurd));
    }

    @Test
    void a_missing_total_is_a_programming_error() {
        assertThrows(NullPointerException.class, () -> PayoutSplit.split(null));
    }

    private static List<String> split(long minor, String currency) {
        return PayoutSplit.split(Money.ofMinor(minor, currency)).stream()
                .map(Money::toMajorString)
                .collect(Collectors.toList());
    }
}
