package dev.jetonvoucher.payment;

import dev.jetonvoucher.payment.PaymentAggregates.Bucket;
import dev.jetonvoucher.payment.PaymentAggregates.Tally;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
        /**
         * The project already has a payment with this payment_id; nothing was written. Reported even when the
         * operation id is taken too, so a repeated request is always answered as a duplicate (3041).
         */
        DUPLICATE,
        /**
         * Another payment (of any project) already holds this operation id; nothing was written. The caller draws
         * a new id and tries again: operation ids are the provider's idempotency keys and must never be shared.
         */
        OPERATION_ID_TAKEN
    }

    /**
     * Stores a new payment (status processing) if its key is free, claiming its operation id in the same atomic
     * write: a payment is stored only with an operation id no other payment ever had. A payout with funds RESERVED
     * also reserves its amount on the balance, atomically; if the balance cannot cover it the payout is stored
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

    /**
     * Opens the compensation of a payment that is final but not successful, for this operation, unless it has one
     * already (idempotent: a second open changes nothing and answers false).
     *
     * @return true when this call opened it
     */
    boolean openCompensation(PaymentKey key, long operationId, Compensation compensation);

    /**
     * Records try {@code attempt.number()} (1-based) of a pending compensation, once: it succeeds only if
     * {@code number - 1} tries were recorded before and the compensation is still pending, so a duplicated message
     * records nothing. {@code closedAs} COMPLETED or FAILED ends it, with the try's outcome as its outcome.
     *
     * @return false when the try was recorded already or the compensation is not pending (nothing changed)
     */
    boolean recordCompensationAttempt(
            PaymentKey key, Compensation.Attempt attempt, Optional<Compensation.State> closedAs);

    List<Compensation.Attempt> compensationAttempts(PaymentKey key);

    /** Records a provider result that arrived for an already final payment (duplicate, late or conflicting). */
    void recordLateResult(PaymentKey key, LateResult lateResult);

    List<LateResult> lateResults(PaymentKey key);

    /**
     * One page of the payments a project created in [{@code from}, {@code to}), in creation order (created time,
     * then payment id), starting strictly after {@code after} (null: at {@code from}). Reads at most
     * {@code pageSize} payments; {@code next} is where the following page starts and is empty once the period is
     * exhausted (a page may be empty while {@code next} is present). A position is a place in the order, not an
     * offset, so payments created meanwhile never shift later pages. Eventually consistent: a payment created a
     * moment ago may not be listed yet.
     */
    CreatedPage createdBetween(long projectId, Instant from, Instant to, CreatedPosition after, int pageSize);

    /**
     * The project's aggregates ({@link PaymentAggregates}) for the UTC days {@code firstDay} to {@code lastDay}, both
     * included: every non-empty bucket with its count and amount sum. {@link #create} and {@link #finish} keep them
     * in the same atomic write as the payment, so they equal a recount of the payments at every moment; reading
     * them costs the same however many payments the days hold.
     */
    Map<Bucket, Tally> totals(long projectId, LocalDate firstDay, LocalDate lastDay);

    /**
     * Replaces the stored aggregates of one UTC day with {@code totals} (every bucket of that day; those of other
     * days are ignored): the rebuild, after a recount of the day's payments. A payment created or finished on that
     * day while this runs may be lost from the result, so rebuild days whose payments are final, or run it again.
     */
    void replaceTotals(long projectId, LocalDate day, Map<Bucket, Tally> totals);

    /**
     * A place in a project's creation order: the payment created at {@code createdAt} with this id. Positions
     * compare in the order {@link #createdBetween} lists payments: by created time, then by payment id as DynamoDB
     * compares strings, byte by byte of their UTF-8. That is code point order, which differs from
     * {@link String#compareTo} (UTF-16 units) once an id holds a character beyond U+FFFF.
     */
    record CreatedPosition(Instant createdAt, String paymentId) implements Comparable<CreatedPosition> {

        private static final Comparator<CreatedPosition> CREATION_ORDER = Comparator.comparing(
                        CreatedPosition::createdAt)
                .thenComparing(
                        position -> position.paymentId().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned);

        public CreatedPosition {
            Objects.requireNonNull(createdAt, "createdAt");
            if (paymentId == null || paymentId.isEmpty()) {
                throw new IllegalArgumentException("payment_id is empty");
            }
        }

        public static CreatedPosition of(Payment payment) {
            return new CreatedPosition(payment.createdAt(), payment.key().paymentId());
        }

        @Override
        public int compareTo(CreatedPosition other) {
            return CREATION_ORDER.compare(this, other);
        }
    }

    /** Payments in creation order and where the next page starts, if anywhere. */
    record CreatedPage(List<Payment> payments, Optional<CreatedPosition> next) {

        public CreatedPage {
            payments = List.copyOf(payments);
        }
    }

    /** A result that could not change the payment any more. */
    record LateResult(Instant receivedAt, String source, String status, String code, String disposition) {}
}
