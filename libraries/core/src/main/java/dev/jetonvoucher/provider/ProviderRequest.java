package dev.jetonvoucher.provider;

import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.VoucherData;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.project.SandboxSettings;

/**
 * One operation sent to the provider.
 *
 * @param voucher the customer's voucher for a sale (held in memory only); null for payouts
 * @param testMode the project is a test project: the method's testing mode decides the result
 * @param sandbox how the sandbox provider behaves (ignored by a real provider)
 */
public record ProviderRequest(
        PaymentKey key,
        long operationId,
        OperationType type,
        Money amount,
        VoucherData voucher,
        boolean testMode,
        SandboxSettings sandbox) {

    @Override
    public String toString() {
        return "ProviderRequest[" + key + ", operation " + operationId + ", " + type.wire() + ", "
                + amount.toMajorString() + " " + amount.currency() + (voucher == null ? "" : ", " + voucher) + "]";
    }
}
