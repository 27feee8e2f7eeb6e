package dev.jetonvoucher.workflow;

import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.ProjectDirectory;
import dev.jetonvoucher.provider.JetonProvider;
import dev.jetonvoucher.provider.ProviderResult;
import dev.jetonvoucher.provider.ProviderUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Looks after a payment once its base time has passed without a result: asks the provider, finishes the
 * payment when the provider has a result, declines it with 20602 "Time-out" at the limit time, and
 * otherwise looks again later with a growing pause. Finished payments are left alone, so duplicate and
 * redelivered poll messages are harmless.
 */
public final class StatusPoller {

    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration LONGEST_PAUSE = Duration.ofMinutes(5);
    static final Duration NOT_FOUND_GRACE = Duration.ofMinutes(2);

    private final PaymentStore payments;
    private final ProjectDirectory projects;
    private final JetonProvider provider;
    private final Finalizer finalizer;
    private final WorkQueues queues;
    private final Clock clock;

    public StatusPoller(
            PaymentStore payments,
            ProjectDirectory projects,
            JetonProvider provider,
            Finalizer finalizer,
            WorkQueues queues,
            Clock clock) {
        this.payments = payments;
        this.projects = projects;
        this.provider = provider;
        this.finalizer = finalizer;
        this.queues = queues;
        this.clock = clock;
    }

    public MessageOutcome handle(WorkMessages.Poll message) {
        Instant now = clock.instant();
        if (now.isBefore(message.dueAt())) {
            // A wait longer than SQS's 15-minute delay arrives early: send it on for the rest.
            queues.poll(message, WorkQueues.capped(Duration.between(now, message.dueAt())));
            return MessageOutcome.DONE;
        }
        Optional<Payment> found = payments.find(message.key());
        if (found.isEmpty()) {
            // Queued before the payment write; a payment that does not show up was never accepted.
            boolean stillExpected = now.isBefore(message.dueAt().plus(NOT_FOUND_GRACE));
            return stillExpected ? MessageOutcome.RETRY : MessageOutcome.DONE;
        }
        Payment payment = found.get();
        if (payment.operationId() != message.operationId()) {
            return MessageOutcome.DONE;
        }
        if (payment.isFinal()) {
            finalizer.ensureCallbackQueued(payment, List.of());
            return MessageOutcome.DONE;
        }
        if (!now.isBefore(payment.limitAt())) {
            finalizer.declineAtLimitTime(payment, "limit-time");
            return MessageOutcome.DONE;
        }
        if (payment.dispatched()) {
            try {
                ProviderResult result = provider.status(payment.operationId());
                if (result.finished()) {
                    finalizer.finishWithProviderResult(payment, result, "status-poll");
                    return MessageOutcome.DONE;
                }
            } catch (ProviderUnavailableException e) {
                Log.warn("poll.provider_unavailable", "payment", payment.key(), "reason", e.getMessage());
            }
        } else {
            redispatch(payment, message.attempt());
        }
        scheduleNext(payment, message, now);
        return MessageOutcome.DONE;
    }

    /**
     * A payment the provider never got: its dispatch message was lost (e.g. dead-lettered while the provider
     * was down). A payout is sent again (the provider's submit is idempotent per operation); a sale cannot
     * be, because its voucher travelled only in the lost message, so the limit time declines it.
     */
    private void redispatch(Payment payment, int attempt) {
        if (payment.type() == PaymentType.PAYOUT) {
            Log.warn("poll.redispatch", "payment", payment.key(), "attempt", attempt);
            queues.dispatch(
                    new WorkMessages.Dispatch(payment.key(), payment.operationId(), null, Dispatcher.NOT_FOUND_RETRIES),
                    Duration.ZERO);
        } else {
            Log.warn("poll.sale_not_dispatched", "payment", payment.key(), "attempt", attempt);
        }
    }

    private void scheduleNext(Payment payment, WorkMessages.Poll message, Instant now) {
        Project project = projects.find(payment.key().projectId())
                .orElseThrow(() ->
                        new IllegalStateException("project " + payment.key().projectId() + " is gone"));
        Duration pause = pauseAfter(message.attempt(), project.baseTime());
        Instant next = now.plus(pause);
        if (next.isAfter(payment.limitAt())) {
            next = payment.limitAt();
        }
        WorkMessages.Poll following =
                new WorkMessages.Poll(payment.key(), payment.operationId(), message.attempt() + 1, next);
        queues.poll(following, WorkQueues.capped(Duration.between(now, next)));
    }

    /** 5 s after the first poll, then half again longer each time, at most 5 minutes (or the base time, if longer). */
    static Duration pauseAfter(int attempt, Duration baseTime) {
        double seconds = FIRST_RETRY.toSeconds() * Math.pow(1.5, Math.max(0, attempt - 1));
        long longest = Math.max(LONGEST_PAUSE.toSeconds(), baseTime.toSeconds());
        return Duration.ofSeconds((long) Math.min(seconds, longest));
    }
}
