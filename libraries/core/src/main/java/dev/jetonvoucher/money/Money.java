package dev.jetonvoucher.money;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An amount of money as a whole number of minor units of one currency (1000 = 10.00 EUR), the way
 * ECommPay amounts travel on the wire. Never floating point; arithmetic fails loudly on overflow.
 * Negative amounts are representable (e.g. a difference), formatted with a leading {@code -}.
 */
public record Money(long minorUnits, CurrencyUnit currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    /**
     * @throws InvalidCurrencyException if {@code currencyCode} is not a valid currency
     */
    public static Money ofMinor(long minorUnits, String currencyCode) {
        return new Money(minorUnits, CurrencyUnit.of(currencyCode));
    }

    public static Money ofMinor(long minorUnits, CurrencyUnit currency) {
        return new Money(minorUnits, currency);
    }

    /**
     * Whole major units: {@code ofMajor(10, EUR)} is 1000 minor units.
     *
     * @throws ArithmeticException if the minor amount does not fit a {@code long}
     */
    public static Money ofMajor(long major, CurrencyUnit currency) {
        Objects.requireNonNull(currency, "currency");
        return new Money(Math.multiplyExact(major, currency.minorPerMajor()), currency);
    }

    /**
     * @throws IllegalArgumentException if the currencies differ
     * @throws ArithmeticException on {@code long} overflow
     */
    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
    }

    /**
     * @throws IllegalArgumentException if the currencies differ
     * @throws ArithmeticException on {@code long} overflow
     */
    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minorUnits, other.minorUnits), currency);
    }

    /** Like {@link Comparable#compareTo}, but only within one currency. */
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(minorUnits, other.minorUnits);
    }

    public boolean isLessThan(Money other) {
        return compareTo(other) < 0;
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    /**
     * The amount in major units with exactly the currency's number of decimals and a {@code .}
     * separator, independent of the default locale: {@code "1250.00"} (EUR), {@code "500"} (JPY),
     * {@code "10.000"} (KWD), {@code "-0.05"} (EUR).
     */
    public String toMajorString() {
        // BigDecimal with a scale is exact and also copes with Long.MIN_VALUE, unlike manual abs().
        return BigDecimal.valueOf(minorUnits, currency.fractionDigits()).toPlainString();
    }

    /** The amount with its currency as logs, test failures and the dashboard show it: {@code "1250.00 EUR"}. */
    // equals and hashCode are written out (as a record generates them) because the generated ones bootstrap
    // java.lang.runtime.ObjectMethods on their first call: 15-20 ms of a function's cold start (bench/analysis.md).
    @Override
    public boolean equals(Object other) {
        return other instanceof Money money && money.minorUnits == minorUnits && money.currency.equals(currency);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(minorUnits) + currency.hashCode();
    }

    @Override
    public String toString() {
        return toMajorString() + " " + currency.code();
    }

    private void requireSameCurrency(Money other) {
        Objects.requireNonNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException(
                    "currency mismatch: " + currency.code() + " vs " + other.currency.code());
        }
    }
}
