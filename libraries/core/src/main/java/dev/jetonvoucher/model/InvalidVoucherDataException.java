package dev.jetonvoucher.model;

import java.util.Objects;

/**
 * Voucher data the customer entered is malformed or expired. {@link #field()} names the offending
 * field by its bare name; each channel spells it as its requests do (the Gate as {@code account.number}).
 * The message never contains the security code or the full voucher number, so the
 * exception is safe to log and to return to the caller.
 */
public final class InvalidVoucherDataException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public static final String NUMBER = "number";
    public static final String EXPIRATION = "expiration";
    public static final String SECURITY_CODE = "security_code";

    private final String field;

    public InvalidVoucherDataException(String field, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.field = Objects.requireNonNull(field, "field");
    }

    /** {@link #NUMBER}, {@link #EXPIRATION} or {@link #SECURITY_CODE}. */
    public String field() {
        return field;
    }
}
