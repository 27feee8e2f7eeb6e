package dev.jetonvoucher.model;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;

/**
 * Validates the voucher fields of a Gate sale request ({@code account.number},
 * {@code account.expiration}, {@code account.security_code}) in that order and reports the first
 * bad field. Error messages describe the expected format only; they never echo the input, because
 * the number and the security code together are the voucher's value.
 */
public final class VoucherValidator {

    static final int NUMBER_LENGTH = 19;
    static final int SECURITY_CODE_LENGTH = 4;
    private static final int MAX_YEAR = 9999;

    private VoucherValidator() {}

    /**
     * @param number 19 ASCII digits
     * @param expiration {@code MM/YYYY} with month 01-12, not before the month of {@code today}
     *     (a voucher stays valid through its expiry month)
     * @param securityCode 4 ASCII digits
     * @param today the current date in the platform's time zone
     * @throws InvalidVoucherDataException naming the first invalid field
     */
    public static VoucherData validate(String number, String expiration, String securityCode, LocalDate today) {
        Objects.requireNonNull(today, "today");
        requireNumber(number);
        YearMonth expiry = parseExpiration(expiration);
        if (expiry.isBefore(YearMonth.from(today))) {
            throw new InvalidVoucherDataException(InvalidVoucherDataException.EXPIRATION, "the voucher has expired");
        }
        requireSecurityCode(securityCode);
        return new VoucherData(number, expiry, securityCode);
    }

    /**
     * The method's testing mode: arbitrary voucher data of the right form (19 digits, {@code MM/YYYY}, 4 digits)
     * is accepted, whether its date has passed or not, so the same checks as {@link #validate} minus the expiry.
     *
     * @throws InvalidVoucherDataException naming the first invalid field
     */
    public static VoucherData validateForm(String number, String expiration, String securityCode) {
        requireNumber(number);
        YearMonth expiry = parseExpiration(expiration);
        requireSecurityCode(securityCode);
        return new VoucherData(number, expiry, securityCode);
    }

    static void requireNumber(String number) {
        if (number == null || number.isEmpty()) {
            throw new InvalidVoucherDataException(InvalidVoucherDataException.NUMBER, "the voucher number is required");
        }
        if (!isAsciiDigits(number, NUMBER_LENGTH)) {
            throw new InvalidVoucherDataException(
                    InvalidVoucherDataException.NUMBER, "the voucher number must be exactly 19 digits (0-9)");
        }
    }

    static void requireSecurityCode(String securityCode) {
        if (securityCode == null || securityCode.isEmpty()) {
            throw new InvalidVoucherDataException(
                    InvalidVoucherDataException.SECURITY_CODE, "the security code is required");
        }
        if (!isAsciiDigits(securityCode, SECURITY_CODE_LENGTH)) {
            throw new InvalidVoucherDataException(
                    InvalidVoucherDataException.SECURITY_CODE, "the security code must be exactly 4 digits (0-9)");
        }
    }

    /** Keeps the year printable as {@code YYYY}, so {@link VoucherData#formattedExpiration()} round-trips. */
    static void requireExpirationInRange(YearMonth expiration) {
        if (expiration == null) {
            throw new InvalidVoucherDataException(
                    InvalidVoucherDataException.EXPIRATION, "the expiration date is required");
        }
        if (expiration.getYear() < 0 || expiration.getYear() > MAX_YEAR) {
            throw new InvalidVoucherDataException(
                    InvalidVoucherDataException.EXPIRATION, "the expiration year must have 4 digits");
        }
    }

    private static YearMonth parseExpiration(String expiration) {
        if (expiration == null || expiration.isEmpty()) {
            throw new InvalidVoucherDataException(
                    InvalidVoucherDataException.EXPIRATION, "the expiration date is required");
        }
        // Strictly MM/YYYY: a lenient parser would accept "7/2027" or "+2027" forms the platform rejects.
        boolean shaped = expiration.length() == 7
                && isAsciiDigits(expiration.substring(0, 2), 2)
                && expiration.charAt(2) == '/'
                && isAsciiDigits(expiration.substring(3), 4);
        if (!shaped) {
            throw new InvalidVoucherDataException(
                    InvalidVoucherDataException.EXPIRATION, "the expiration date must be MM/YYYY");
        }
        int month = Integer.parseInt(expiration.substring(0, 2));
        int year = Integer.parseInt(expiration.substring(3));
        try {
            return YearMonth.of(year, month);
        } catch (DateTimeException badMonth) {
            throw new InvalidVoucherDataException(
                    InvalidVoucherDataException.EXPIRATION, "the expiration month must be 01-12");
        }
    }

    /** {@code Character.isDigit} would also accept non-ASCII digits such as Arabic-Indic ones. */
    private static boolean isAsciiDigits(String s, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
