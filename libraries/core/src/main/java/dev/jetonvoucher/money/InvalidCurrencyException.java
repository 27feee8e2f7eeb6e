package dev.jetonvoucher.money;

/** A currency code that is not a usable ISO-4217 alpha-3 currency (maps to result code 3121). */
public final class InvalidCurrencyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidCurrencyException(String message) {
        super(message);
    }
}
