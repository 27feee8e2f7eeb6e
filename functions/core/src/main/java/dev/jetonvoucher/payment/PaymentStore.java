package dev.jetonvoucher.payment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Payments, their operations and their callback history. Every write that changes a payment's status is
 * conditional on the status it had, so concurrent or repeated messages can never finish a payment twice.
 */
public interface PaymentStore {

    enum CreateOutcome {
        /** Stored; a payout's amount is reserved on the merchant balance in the same transaction. */
        CREATED,
        /** A payout stored without a reservation because the balance could not cover it (funds INSUFFICIENT). */
        CREATED_WITHOUT_FUNDS,
        /** The project already has a payment with this payment_id; nothing was written. */
        DUPLICATE
    }

    /**
     * Stores a new payment (status processing) if its key is free. A payout with funds RESERVED also
     * reserves its amount on the balance, atomically; if the balance cannot cover it the payout is stored
     * with funds INSUFFICIENT instead.
     */
    CreateOutcome create(Payment payment);

    /** A strongly consistent read. */
    Optional<Payment> find(PaymentKey key);

    /**
     * Moves {@code processing} to {@code finished} together with the balance effect of its funds
     * (reservation paid out or released, sale credited), in one transaction conditioned on the payment
     * still being processing with the same operation.
     *
     * @return false when the payment was no longer processing (nothing changed)
     */
    boolean finish(Payment processing, Payment finished);

    /** Records the provider's reference on a processing payment (idempotent). */
    void markDispatched(PaymentKey key, long operationId, String providerPaymentId);

    /** Moves the callback state on only from {@code expected}; false when it was something else. */
    boolean moveCallbackState(PaymentKey key, CallbackState expected, CallbackState next);

    /**
     * Claims callback attempt number {@code attempt} (1-based): succeeds only if {@code attempt - 1} attempts
     * were made before and the callback is not delivered, so a duplicated retry message never sends twice.
     */
    boolean claimCallbackAttempt(PaymentKey key, int attempt);

    /** Records one delivery attempt and, when it ends the story, the callback state it leads to. */
    void recordCallbackAttempt(PaymentKey key, CallbackAttempt attempt, Optional<CallbackState> newState);

    List<CallbackAttempt> callbackAttempts(PaymentKey key);

    /** Records a provider result that arrived for an already final payment (duplicate, late or conflicting). */
    void recordLateResult(PaymentKey key, LateResult lateResult);

    List<LateResult> lateResults(PaymentKey key);

    /** A result that could not change the payment any more. */
    record LateResult(Instant receivedAt, String source, String status, String code, String disposition) {
    }
}
