package dev.jetonvoucher.payment;

import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.model.VoucherNumbers;
import dev.jetonvoucher.money.Money;
import java.net.URI;
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
 * @param compensation what the platform did to undo a provider result that came after the payment was declined;
 *     null when nothing had to be undone
 * @param callbackUrl the payment's own callback URL (a Gate request's {@code general.merchant_callback_url}), which
 *     wins over the project's; null when the project's applies
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
        int callbackAttempts,
        Compensation compensation,
        URI callbackUrl) {

    public Payment {
        vouchers = vouchers == null ? List.of() : List.copyOf(vouchers);
    }

    /** A new payment, every field named: {@code Payment.builder().key(...).type(...)...build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** This payment's fields, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
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
    public Payment finish(
            PaymentStatus finalStatus,
            String code,
            String message,
            Funds fundsAfter,
            String providerReference,
            Instant providerAt,
            List<IssuedVoucher> issued,
            Instant now) {
        return toBuilder()
                .status(status.transitionTo(finalStatus))
                .updatedAt(now)
                .resultCode(code)
                .resultMessage(message)
                .funds(fundsAfter)
                .providerPaymentId(providerReference != null ? providerReference : providerPaymentId)
                .providerDate(providerAt != null ? providerAt : providerDate)
                .vouchers(issued == null || issued.isEmpty() ? vouchers : issued)
                .callbackState(callbackState.moveTo(CallbackState.PENDING))
                .build();
    }

    public Payment withProviderPaymentId(String reference) {
        return toBuilder().providerPaymentId(reference).build();
    }

    public Payment withFunds(Funds newFunds) {
        return toBuilder().funds(newFunds).build();
    }

    public Payment withCallbackState(CallbackState state) {
        return toBuilder().callbackState(state).build();
    }

    /** Shows the voucher number only by its last four digits. */
    @Override
    public String toString() {
        return "Payment[" + key + ", " + type.wire() + ", " + status.wire() + ", " + amount.toMajorString() + " "
                + amount.currency() + (accountNumber == null ? "" : ", account " + VoucherNumbers.mask(accountNumber))
                + ", operation " + operationId + (resultCode == null ? "" : ", code " + resultCode) + "]";
    }

    /** Builds a {@link Payment}; unset fields are null (zero for numbers, NONE for the callback state). */
    public static final class Builder {
        private PaymentKey key;
        private PaymentType type;
        private PaymentStatus status = PaymentStatus.PROCESSING;
        private Money amount;
        private String customerId;
        private String customerIp;
        private String accountNumber;
        private String description;
        private Channel channel;
        private String requestId;
        private long operationId;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant limitAt;
        private String resultCode;
        private String resultMessage;
        private Funds funds;
        private String providerPaymentId;
        private Instant providerDate;
        private List<IssuedVoucher> vouchers = List.of();
        private CallbackState callbackState = CallbackState.NONE;
        private int callbackAttempts;
        private Compensation compensation;
        private URI callbackUrl;

        private Builder() {}

        private Builder(Payment p) {
            key = p.key;
            type = p.type;
            status = p.status;
            amount = p.amount;
            customerId = p.customerId;
            customerIp = p.customerIp;
            accountNumber = p.accountNumber;
            description = p.description;
            channel = p.channel;
            requestId = p.requestId;
            operationId = p.operationId;
            createdAt = p.createdAt;
            updatedAt = p.updatedAt;
            limitAt = p.limitAt;
            resultCode = p.resultCode;
            resultMessage = p.resultMessage;
            funds = p.funds;
            providerPaymentId = p.providerPaymentId;
            providerDate = p.providerDate;
            vouchers = p.vouchers;
            callbackState = p.callbackState;
            callbackAttempts = p.callbackAttempts;
            compensation = p.compensation;
            callbackUrl = p.callbackUrl;
        }

        public Builder key(PaymentKey value) {
            key = value;
            return this;
        }

        public Builder type(PaymentType value) {
            type = value;
            return this;
        }

        public Builder status(PaymentStatus value) {
            status = value;
            return this;
        }

        public Builder amount(Money value) {
            amount = value;
            return this;
        }

        public Builder customerId(String value) {
            customerId = value;
            return this;
        }

        public Builder customerIp(String value) {
            customerIp = value;
            return this;
        }

        public Builder accountNumber(String value) {
            accountNumber = value;
            return this;
        }

        public Builder description(String value) {
            description = value;
            return this;
        }

        public Builder channel(Channel value) {
            channel = value;
            return this;
        }

        public Builder requestId(String value) {
            requestId = value;
            return this;
        }

        public Builder operationId(long value) {
            operationId = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            createdAt = value;
            return this;
        }

        public Builder updatedAt(Instant value) {
            updatedAt = value;
            return this;
        }

        public Builder limitAt(Instant value) {
            limitAt = value;
            return this;
        }

        public Builder resultCode(String value) {
            resultCode = value;
            return this;
        }

        public Builder resultMessage(String value) {
            resultMessage = value;
            return this;
        }

        public Builder funds(Funds value) {
            funds = value;
            return this;
        }

        public Builder providerPaymentId(String value) {
            providerPaymentId = value;
            return this;
        }

        public Builder providerDate(Instant value) {
            providerDate = value;
            return this;
        }

        public Builder vouchers(List<IssuedVoucher> value) {
            vouchers = value;
            return this;
        }

        public Builder callbackState(CallbackState value) {
            callbackState = value;
            return this;
        }

        public Builder callbackAttempts(int value) {
            callbackAttempts = value;
            return this;
        }

        public Builder compensation(Compensation value) {
            compensation = value;
            return this;
        }

        public Builder callbackUrl(URI value) {
            callbackUrl = value;
            return this;
        }

        public Payment build() {
            return new Payment(
                    key,
                    type,
                    status,
                    amount,
                    customerId,
                    customerIp,
                    accountNumber,
                    description,
                    channel,
                    requestId,
                    operationId,
                    createdAt,
                    updatedAt,
                    limitAt,
                    resultCode,
                    resultMessage,
                    funds,
                    providerPaymentId,
                    providerDate,
                    vouchers,
                    callbackState,
                    callbackAttempts,
                    compensation,
                    callbackUrl);
        }
    }
}
