package dev.jetonvoucher.provider;

import dev.jetonvoucher.model.PaymentStatus;
import java.time.Instant;
import java.util.List;

/**
 * The provider's result for an operation.
 *
 * @param status PROCESSING while the provider has no result yet; SUCCESS or DECLINE once it has
 * @param code the result code (ECommPay's unified codes; "0" for success)
 * @param vouchers the vouchers a successful payout issued, with their security codes
 */
public record ProviderResult(
        long operationId,
        String providerPaymentId,
        PaymentStatus status,
        String code,
        String message,
        Instant date,
        List<ProviderVoucher> vouchers) {

    public ProviderResult {
        vouchers = vouchers == null ? List.of() : List.copyOf(vouchers);
    }

    public static ProviderResult processing(long operationId, String providerPaymentId) {
        return new ProviderResult(
                operationId, providerPaymentId, PaymentStatus.PROCESSING, null, null, null, List.of());
    }

    public boolean finished() {
        return status.isFinal();
    }
}
