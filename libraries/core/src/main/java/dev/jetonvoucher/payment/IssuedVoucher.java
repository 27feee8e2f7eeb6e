package dev.jetonvoucher.payment;

import dev.jetonvoucher.model.VoucherNumbers;
import dev.jetonvoucher.money.Money;
import java.time.Instant;

/**
 * A voucher a payout issued, as the platform keeps it: never with its security code, which only the
 * provider can reveal and only the merchant's callback carries.
 */
public record IssuedVoucher(String number, Money faceValue, Instant createdAt, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedVoucher[" + VoucherNumbers.mask(number) + ", " + faceValue.toMajorString() + " "
                + faceValue.currency() + ", expires " + expiresAt + "]";
    }
}
