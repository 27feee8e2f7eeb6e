package dev.jetonvoucher.money;

import java.util.Currency;

/**
 * An ISO-4217 currency that has minor units, identified by its upper-case alpha-3 code.
 *
 * <p>Only codes that {@link Currency} knows <em>and</em> that have a defined number of fraction
 * digits are accepted: pseudo currencies such as {@code XXX}, {@code XAU} or {@code XDR} report
 * {@code -1} digits, so an amount in minor units would be meaningless for them.
 */
public final class CurrencyUnit {

    /** Longest input echoed in an error message; anything longer is cut so logs stay bounded. */
    private static final int MAX_ECHO = 16;

    private final String code;
    private final int fractionDigits;
    private final long minorPerMajor;

    private CurrencyUnit(String code, int fractionDigits) {
        this.code = code;
        this.fractionDigits = fractionDigits;
        this.minorPerMajor = pow10(fractionDigits);
    }

    /**
     * Validates and returns the currency for an ISO-4217 alpha-3 code such as {@code "EUR"}.
     *
     * @throws InvalidCurrencyException if the code is null, not exactly three upper-case ASCII
     *     letters, unknown to {@link Currency}, or a pseudo currency without fraction digits
     */
    public static CurrencyUnit of(String alpha3) {
        if (alpha3 == null) {
            throw new InvalidCurrencyException("currency code is missing");
        }
        if (!isThreeUpperCaseAsciiLetters(alpha3)) {
            throw new InvalidCurrencyException(
                    "currency code " + echo(alpha3) + " is not an ISO-4217 alpha-3 code (three upper-case letters)");
        }
        final Currency currency;
        try {
            currency = Currency.getInstance(alpha3);
        } catch (IllegalArgumentException unknown) {
            throw new InvalidCurrencyException("currency code " + echo(alpha3) + " is not a known ISO-4217 currency");
        }
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            throw new InvalidCurrencyException(
                    "currency code " + echo(alpha3) + " is a pseudo currency without minor units");
        }
        return new CurrencyUnit(alpha3, digits);
    }

    /** The upper-case ISO-4217 alpha-3 code, e.g. {@code "EUR"}. */
    public String code() {
        return code;
    }

    /** Number of decimals of the minor unit: 0 for JPY, 2 for EUR, 3 for KWD. */
    public int fractionDigits() {
        return fractionDigits;
    }

    /** Minor units in one major unit, {@code 10^fractionDigits()}: 1 for JPY, 100 for EUR, 1000 for KWD. */
    public long minorPerMajor() {
        return minorPerMajor;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CurrencyUnit && ((CurrencyUnit) other).code.equals(code);
    }

    @Override
    public int hashCode() {
        return code.hashCode();
    }

    @Override
    public String toString() {
        return code;
    }

    private static boolean isThreeUpperCaseAsciiLetters(String s) {
        if (s.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            char c = s.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    private static long pow10(int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result = Math.multiplyExact(result, 10L);
        }
        return result;
    }

    private static String echo(String input) {
        String shown = input.length() > MAX_ECHO ? input.substring(0, MAX_ECHO) + "..." : input;
        return '"' + shown + '"';
    }
}
