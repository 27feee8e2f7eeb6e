package dev.jetonvoucher.workflow;

import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.payment.Compensation;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.provider.CancelResult;
import dev.jetonvoucher.provider.JetonProvider;
import dev.jetonvoucher.provider.ProviderResult;
import dev.jetonvoucher.provider.ProviderUnavailableException;
import dev.jetonvoucher.provider.Reversal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Carries out compensations: makes the provider's books agree with a declined payment. Each try asks the provider
 * to cancel the operation (idempotent); if the provider had already finished it successfully, the try reverses it
 * (a sale's redemption, a payout's issued vouchers). A provider that cannot be reached or is still processing is
 * tried again on {@link CompensationSchedule}; the next try is queued before this one is recorded, so a crash repeats
 * a try (every provider call is idempotent) but never loses the compensation. One that cannot complete goes to its
 * dead-letter queue, and the payment shows it as failed. The merchant is never called back again: the payment's one
 * final callback stays the decline.
 */
public final class Compensator {

    private final PaymentStore payments;
    private final JetonProvider provider;
    private final WorkQueues queues;
    private final Clock clock;

    public Compensator(PaymentStore payments, JetonProvider provider, WorkQueues queues, Clock clock) {
        this.payments = payments;
        this.provider = provider;
        this.queues = queues;
        this.clock = clock;
    }

    /**
     * Opens a declined payment's compensation and queues its first try: the message first, so that once the opening
     * is written a try is certain to follow (a crash after the message and before the opening is repaired by the
     * try, which opens it).
     */
    public void open(Payment declined, String reason) {
        if (declined.compensation() != null) {
            return;
        }
        queueFirstTry(declined, reason);
        markOpen(declined, reason);
    }

    /**
     * Queues the first try of a compensation for a payment about to be declined: before the decline is written, so
     * that a crash after the decline cannot leave it uncompensated. The try waits while the payment is processing.
     */
    public void queueFirstTry(Payment payment, String reason) {
        queues.compensation(
                new WorkMessages.Compensate(payment.key(), payment.operationId(), 1, clock.instant(), reason),
                Duration.ZERO);
    }

    /** Records the compensation as open on the declined payment (idempotent). */
    public void markOpen(Payment declined, String reason) {
        if (payments.openCompensation(
                declined.key(), declined.operationId(), Compensation.open(declined.type(), reason, clock.instant()))) {
            Log.warn(
                    "compensation.opened",
                    "payment",
                    declined.key(),
                    "operation",
                    declined.operationId(),
                    "reason",
                    reason);
        }
    }

    public MessageOutcome handle(WorkMessages.Compensate message) {
        Instant now = clock.instant();
        if (now.isBefore(message.dueAt())) {
            queues.compensation(message, WorkQueues.capped(Duration.between(now, message.dueAt())));
            return MessageOutcome.DONE;
        }
        Optional<Payment> found = payments.find(message.key());
        if (found.isEmpty() || found.get().operationId() != message.operationId()) {
            Log.warn("compensation.unknown_payment", "payment", message.key(), "operation", message.operationId());
            return MessageOutcome.DONE;
        }
        Payment payment = found.get();
        Compensation compensation = payment.compensation();
        if (compensation == null) {
            if (!payment.isFinal()) {
                // Queued just before the decline that is being written: look again shortly.
                queues.compensation(message, CompensationSchedule.FIRST_PAUSE);
                return MessageOutcome.DONE;
            }
            if (payment.status() == PaymentStatus.SUCCESS) {
                return MessageOutcome.DONE; // the provider's success won the race: nothing to undo
            }
            payments.openCompensation(
                    payment.key(), payment.operationId(), Compensation.open(payment.type(), message.reason(), now));
            compensation =
                    payments.find(message.key()).map(Payment::compensation).orElse(null);
            if (compensation == null) {
                return MessageOutcome.DONE;
            }
        }
        if (!compensation.pending() || compensation.attempts() >= message.attempt()) {
            return MessageOutcome.DONE; // finished, or a duplicate of a try already made
        }
        Step step = tryOnce(payment);
        Compensation.Attempt attempt = new Compensation.Attempt(message.attempt(), now, step.outcome());
        switch (step.kind()) {
            case COMPLETED -> record(payment, attempt, Compensation.State.COMPLETED);
            case FAILED -> {
                queues.compensationDeadLetter(message);
                record(payment, attempt, Compensation.State.FAILED);
            }
            default -> retryLater(payment, compensation, message, attempt);
        }
        return MessageOutcome.DONE;
    }

    private void retryLater(
            Payment payment, Compensation compensation, WorkMessages.Compensate message, Compensation.Attempt attempt) {
        Instant now = clock.instant();
        Optional<Instant> next =
                CompensationSchedule.nextAttemptAt(message.attempt() + 1, compensation.openedAt(), now);
        if (next.isEmpty()) {
            queues.compensationDeadLetter(message);
            record(
                    payment,
                    new Compensation.Attempt(
                            attempt.number(),
                            attempt.at(),
                            attempt.outcome() + "; gave up after " + CompensationSchedule.WINDOW.toDays() + " days"),
                    Compensation.State.FAILED);
            return;
        }
        queues.compensation(
                new WorkMessages.Compensate(
                        message.key(), message.operationId(), message.attempt() + 1, next.get(), message.reason()),
                WorkQueues.capped(Duration.between(now, next.get())));
        payments.recordCompensationAttempt(payment.key(), attempt, Optional.empty());
        Log.warn(
                "compensation.retry",
                "payment",
                payment.key(),
                "attempt",
                attempt.number(),
                "outcome",
                attempt.outcome(),
                "next_at",
                next.get());
    }

    private void record(Payment payment, Compensation.Attempt attempt, Compensation.State closedAs) {
        if (payments.recordCompensationAttempt(payment.key(), attempt, Optional.of(closedAs))) {
            String event = closedAs == Compensation.State.COMPLETED ? "compensation.completed" : "compensation.failed";
            if (closedAs == Compensation.State.COMPLETED) {
                Log.info(event, "payment", payment.key(), "attempt", attempt.number(), "outcome", attempt.outcome());
            } else {
                Log.warn(event, "payment", payment.key(), "attempt", attempt.number(), "outcome", attempt.outcome());
            }
        }
    }

    private enum Kind {
        COMPLETED,
        RETRY,
        FAILED
    }

    private record Step(Kind kind, String outcome) {}

    /** One conversation with the provider: cancel, and reverse what it had finished. */
    private Step tryOnce(Payment payment) {
        boolean payout = payment.type() == PaymentType.PAYOUT;
        try {
            CancelResult cancel = provider.cancel(payment.operationId());
            switch (cancel.kind()) {
                case CANCELLED:
                    return new Step(
                            Kind.COMPLETED,
                            "cancelled: the provider will never "
                                    + (payout ? "issue the vouchers" : "redeem the voucher"));
                case NOT_CANCELLABLE:
                    return new Step(Kind.RETRY, "the provider is still processing it and cannot stop it");
                default:
                    break;
            }
            ProviderResult result = cancel.result();
            if (result.status() != PaymentStatus.SUCCESS) {
                return new Step(
                        Kind.COMPLETED,
                        "nothing to undo: the provider " + result.status().wire() + " it (" + result.code() + ")");
            }
            Reversal reversal = provider.reverse(payment.operationId());
            return switch (reversal) {
                case REVERSED ->
                    new Step(
                            Kind.COMPLETED,
                            payout
                                    ? "vouchers voided: none of them can be redeemed"
                                    : "redemption reversed: the voucher can be spent again");
                case NOTHING_TO_REVERSE -> new Step(Kind.COMPLETED, "nothing to undo: the provider reports no effect");
                case NOT_REVERSIBLE ->
                    new Step(Kind.FAILED, "cannot be undone: a voucher of the payout was redeemed meanwhile");
            };
        } catch (ProviderUnavailableException e) {
            return new Step(Kind.RETRY, "provider unavailable: " + e.getMessage());
        }
    }
}
