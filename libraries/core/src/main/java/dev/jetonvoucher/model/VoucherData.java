package dev.jetonvoucher.model;

import java.time.YearMonth;

/**
 * A Jeton voucher as the customer entered it (or as a payout issued it): 19-digit number, expiry
 * month and 4-digit security code.
 *
 * <p>The constructor enforces the format, so every instance is well-formed; whether it has expired
 * depends on the date and is checked by {@link VoucherValidator}. {@link #toString()} shows only the
 * masked number and never the security code, so an instance can be logged safely.
 */
public record VoucherData(String number, YearMonth expiration, String securityCode) {

    public VoucherData {
        VoucherValidator.requireNumber(number);
        VoucherValidator.requireExpirationInRange(expiration);
        VoucherValidator.requireSecurityCode(securityCode);
    }

    /** The number with all but the last 4 digits hidden: {@code "***************1234"}. */
    public String maskedNumber() {
        return VoucherNumbers.mask(number);
    }

    /** The expiry in the wire format {@code MM/YYYY}, e.g. {@code "07/2027"}. */
    public String formattedExpiration() {
        return String.format("%02d/%04d", expiration.getMonthValue(), expiration.getYear());
    }

    @Override
    public String toString() {
        return "VoucherData[number=" + maskedNumber()
                + ", expiration=" + formattedExpiration()
                + ", securityCode=****]";
    }
}
