package dev.jetonvoucher.provider;

import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.VoucherData;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.PaymentKey;

/**
 * One operation sent to the provider: only what a real provider is sent (the emulator looks its own settings up by
 * project, {@link dev.jetonvoucher.provider.sandbox.SandboxSettingsLookup}).
 *
 * @param voucher the customer's voucher for a sale (held in memory only); null for payouts
 * @param testMode the project is a test project: the method's testing mode decides the result
 */
public record ProviderRequest(
        PaymentKey key, long operationId, OperationType type, Money amount, VoucherData voucher, boolean testMode) {

    @Override
    public String toString() {
        return "ProviderRequest[" + key + ", operation " + operationId + ", " + type.wire() + ", "
                + amount.toMajorString() + " " + amount.currency() + (voucher == null ? "" : ", " + voucher) + "]";
    }
}
