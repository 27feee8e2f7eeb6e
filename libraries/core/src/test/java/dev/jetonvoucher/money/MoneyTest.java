package dev.jetonvoucher.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

    private static final CurrencyUnit EUR = CurrencyUnit.of("EUR");
    private static final CurrencyUnit JPY = CurrencyUnit.of("JPY");
    private static final CurrencyUnit KWD = CurrencyUnit.of("KWD");

    @ParameterizedTest(name = "{0} minor {1} is \"{2}\"")
    @CsvSource({
        "125000, EUR, 1250.00",
        "1000,   EUR, 10.00",
        "5,      EUR, 0.05",
        "0,      EUR, 0.00",
        "-5,     EUR, -0.05",
        "-125000,EUR, -1250.00",
        "500,    JPY, 500",
        "0,      JPY, 0",
        "-500,   JPY, -500",
        "10000,  KWD, 10.000",
        "10000,  BHD, 10.000",
        "1,      BHD, 0.001",
        "-1,     KWD, -0.001",
        "9223372036854775807,  EUR, 92233720368547758.07",
        "-9223372036854775808, EUR, -92233720368547758.08",
    })
    void major_string_has_exactly_the_currency_decimals(long minor, String currency, String expected) {
        assertEquals(expected, Money.ofMinor(minor, currency).toMajorString());
    }

    @Test
    void major_string_ignores_the_default_locale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY); // decimal comma, '.' grouping
            assertEquals("1250.00", Money.ofMinor(125000, EUR).toMajorString());
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void to_string_is_amount_and_code() {
        assertEquals("1250.00 EUR", Money.ofMinor(125000, EUR).toString());
        assertEquals("500 JPY", Money.ofMinor(500, JPY).toString());
    }

    @Test
    void of_major_scales_by_the_minor_unit() {
        assertEquals(1000, Money.ofMajor(10, EUR).minorUnits());
        assertEquals(10, Money.ofMajor(10, JPY).minorUnits());
        assertEquals(10000, Money.ofMajor(10, KWD).minorUnits());
    }

    @Test
    void of_major_overflow_fails_instead_of_wrapping() {
        assertThrows(ArithmeticException.class, () -> Money.ofMajor(Long.MAX_VALUE / 10, EUR));
    }

    @Test
    void of_minor_validates_the_currency_code() {
        assertThrows(InvalidCurrencyException.class, () -> Money.ofMinor(100, "eur"));
        assertThrows(InvalidCurrencyException.class, () -> Money.ofMinor(100, "XXX"));
    }

    @Test
    void a_currency_is_required() {
        assertThrows(NullPointerException.class, () -> new Money(100, null));
    }

    @Test
    void plus_and_minus_add_minor_units() {
        Money a = Money.ofMinor(125000, EUR);
        Money b = Money.ofMinor(50000, EUR);

        assertEquals(Money.ofMinor(175000, EUR), a.plus(b));
        assertEquals(Money.ofMinor(75000, EUR), a.minus(b));
        assertEquals(Money.ofMinor(-75000, EUR), b.minus(a));
    }

    @Test
    void arithmetic_across_currencies_is_refused() {
        Money eur = Money.ofMinor(1000, EUR);
        Money usd = Money.ofMinor(1000, "USD");

        assertThrows(IllegalArgumentException.class, () -> eur.plus(usd));
        assertThrows(IllegalArgumentException.class, () -> eur.minus(usd));
        assertThrows(IllegalArgumentException.class, () -> eur.isLessThan(usd));
        assertThrows(IllegalArgumentException.class, () -> eur.isGreaterThan(usd));
    }

    @Test
    void overflow_fails_instead_of_wrapping() {
        Money max = Money.ofMinor(Long.MAX_VALUE, EUR);
        Money min = Money.ofMinor(Long.MIN_VALUE, EUR);
        Money one = Money.ofMinor(1, EUR);

        assertThrows(ArithmeticException.class, () -> max.plus(one));
        assertThrows(ArithmeticException.class, () -> min.minus(one));
    }

    @Test
    void comparison_within_a_currency() {
        Money small = Money.ofMinor(999, EUR);
        Money large = Money.ofMinor(1000, EUR);

        assertTrue(small.isLessThan(large));
        assertTrue(large.isGreaterThan(small));
        assertFalse(large.isLessThan(small));
        assertFalse(small.isGreaterThan(large));
        assertFalse(large.isLessThan(Money.ofMinor(1000, EUR)));
        assertFalse(large.isGreaterThan(Money.ofMinor(1000, EUR)));
        assertEquals(0, large.compareTo(Money.ofMinor(1000, EUR)));
    }

    @Test
    void equal_amount_and_currency_are_equal() {
        assertEquals(Money.ofMinor(1000, "EUR"), Money.ofMajor(10, EUR));
        assertEquals(
                Money.ofMinor(1000, "EUR").hashCode(), Money.ofMajor(10, EUR).hashCode());
        assertFalse(Money.ofMinor(1000, "EUR").equals(Money.ofMinor(1000, "USD")));
    }
}
