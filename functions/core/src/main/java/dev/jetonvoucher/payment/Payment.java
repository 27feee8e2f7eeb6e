package dev.jetonvoucher.payment;

import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.model.VoucherNumbers;
import dev.jetonvoucher.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A payment and its one operation (a Jeton purchase has one sale, a payout one payout). Immutable; every
 * change makes a new value, and the store moves it on only with a condition on the old status.
 *
 * @param accountNumber the voucher number a sale was paid with; null for payouts
 * @param resultCode the operation's code once final; null while processing
 * @param resultMessage the message that goes with {@code resultCode}
 * @param limitAt when the limit time declines the payment if it is still processing
 * @param providerPaymentId the provider's reference once the payment has been dispatched
 */
public record Payment(
        PaymentKey key,
        PaymentType type,
        PaymentStatus status,
        Money amount,
        String customerId,
        String customerIp,
        String accountNumber,
        String description,
        Channel channel,
        String requestId,
        long operationId,
        Instant createdAt,
        Instant updatedAt,
        Instant limitAt,
        String resultCode,
        String resultMessage,
        Funds funds,
        String providerPaymentId,
        Instant providerDate,
        List<IssuedVoucher> vouchers,
        CallbackState callbackState,
        int callbackAttempts) {

    public Payment {
        vouchers = vouchers == null ? List.of() : List.copyOf(vouchers);
    }

    public OperationType operationType() {
        return type == PaymentType.PAYOUT ? OperationType.PAYOUT : OperationType.SALE;
    }

    public boolean isFinal() {
        return status.isFinal();
    }

    public boolean dispatched() {
        return providerPaymentId != null;
    }

    public Optional<ResultCode> result() {
        return resultCode == null ? Optional.empty() : ResultCode.fromCode(resultCode);
    }

    /** The payment as it is once finished with this outcome (the status change is checked here). */
    public Payment finish(PaymentStatus finalStatus, String code, String message, Funds fundsAfter,
            String providerReference, Instant providerAt, List<IssuedVoucher> issued, Instant now) {
        PaymentStatus next = status.transitionTo(finalStatus);
        return new Payment(key, type, next, amount, customerId, customerIp, accountNumber, description, channel,
                requestId, operationId, createdAt, now, limitAt, code, message, fundsAfter,
                providerReference != null ? providerReference : providerPaymentId,
                providerAt != null ? providerAt : providerDate,
                issued == null || issued.isEmpty() ? vouchers : issued, CallbackState.PENDING, callbackAttempts);
    }

    public Payment withProviderPaymentId(String reference) {
        return new Payment(key, type, status, amount, customerId, customerIp, accountNumber, description, channel,
                requestId, operationId, createdAt, updatedAt, limitAt, resultCode, resultMessage, funds, reference,
                providerDate, vouchers, callbackState, callbackAttempts);
    }

    public Payment withFunds(Funds newFunds) {
        return new Payment(key, type, status, amount, customerId, customerIp, accountNumber, description, channel,
                requestId, operationId, createdAt, updatedAt, limitAt, resultCode, resultMessage, newFunds,
                providerPaymentId, providerDate, vouchers, callbackState, callbackAttempts);
    }

    public Payment withCallbackState(CallbackState state) {
        return new Payment(key, type, status, amount, customerId, customerIp, accountNumber, description, channel,
                requestId, operationId, createdAt, updatedAt, limitAt, resultCode, resultMessage, funds,
                providerPaymentId, providerDate, vouchers, state, callbackAttempts);
    }

    /** Shows the voucher number only by its last four digits. */
    @Override
    public String toString() {
        return "Payment[" + key + ", " + type.wire() + ", " + status.wire() + ", " + amount.toMajorString() + " "
                + amount.currency() + (accountNumber == null ? "" : ", account " + VoucherNumbers.mask(accountNumber))
                + ", operation " + operationId + (resultCode == null ? "" : ", code " + resultCode) + "]";
    }
}
