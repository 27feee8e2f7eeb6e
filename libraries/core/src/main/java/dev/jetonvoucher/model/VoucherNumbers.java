package dev.jetonvoucher.model;

import java.util.Optional;

/** Masking of voucher numbers for logs, callbacks and {@code toString()}. */
public final class VoucherNumbers {

    /** A voucher number has 19 digits; every mask has this width so it does not leak the length. */
    static final int MASK_WIDTH = 19;

    private static final int VISIBLE_DIGITS = 4;
    /** Below this length the last 4 characters would be most of the input, so nothing is shown. */
    private static final int MIN_LENGTH_TO_SHOW_TAIL = 12;

    private VoucherNumbers() {}

    /**
     * 15 {@code *} followed by the last 4 characters, e.g. {@code "***************1234"}. Input that
     * is too short to reveal a tail safely (or null) becomes 19 {@code *}.
     */
    public static String mask(String voucherNumber) {
        return lastFour(voucherNumber)
                .map(tail -> "*".repeat(MASK_WIDTH - VISIBLE_DIGITS) + tail)
                .orElse("*".repeat(MASK_WIDTH));
    }

    /**
     * The last 4 characters, the only part of a voucher number that is ever shown; empty for input too short to
     * reveal a tail safely (or null).
     */
    public static Optional<String> lastFour(String voucherNumber) {
        if (voucherNumber == null || voucherNumber.length() < MIN_LENGTH_TO_SHOW_TAIL) {
            return Optional.empty();
        }
        return Optional.of(voucherNumber.substring(voucherNumber.length() - VISIBLE_DIGITS));
    }
}
