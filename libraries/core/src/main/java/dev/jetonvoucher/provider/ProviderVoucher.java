package dev.jetonvoucher.provider;

import dev.jetonvoucher.model.VoucherNumbers;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.IssuedVoucher;
import java.time.Instant;

/**
 * A voucher as the provider hands it out after a payout, security code included. It travels only from the
 * provider to the merchant's callback: never stored, never logged ({@link #toString} hides the code).
 */
public record ProviderVoucher(
        String number, Money faceValue, Instant createdAt, Instant expiresAt, String securityCode) {

    public IssuedVoucher withoutSecurityCode() {
        return new IssuedVoucher(number, faceValue, createdAt, expiresAt);
    }

    @Override
    public String toString() {
        return "ProviderVoucher[" + VoucherNumbers.mask(number) + ", " + faceValue.toMajorString() + " "
                + faceValue.currency() + ", securityCode=****]";
    }
}
