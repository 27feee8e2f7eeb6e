package dev.jetonvoucher.workflow;

import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.model.VoucherData;
import dev.jetonvoucher.payment.Funds;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.ProjectDirectory;
import dev.jetonvoucher.provider.JetonProvider;
import dev.jetonvoucher.provider.ProviderRequest;
import dev.jetonvoucher.provider.ProviderUnavailableException;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Hands accepted payments to the provider. Runs for every dispatch message, any number of times: a payment
 * that is final or already with the provider is left alone, and the provider's submit is idempotent per
 * operation. A payout the balance could not cover never reaches the provider: it is declined with 3028.
 *
 * <p>When the provider cannot be reached the dispatch is queued again after a growing pause (2 s, doubling, at most
 * 60 s) until the payment's limit time, when the status poll declines it. Queuing it again, rather than leaving the
 * message to the queue's visibility timeout, keeps the retries seconds apart instead of minutes, and a long outage
 * cannot push a sale's only dispatch (the one carrying its voucher) into the dead-letter queue.
 */
public final class Dispatcher {

    /** The dispatch is queued before the payment is written; wait this many times for the write to show. */
    static final int NOT_FOUND_RETRIES = 5;

    static final Duration NOT_FOUND_DELAY = Duration.ofSeconds(2);
    static final Duration FIRST_PROVIDER_RETRY = Duration.ofSeconds(2);
    static final Duration LONGEST_PROVIDER_RETRY = Duration.ofSeconds(60);

    private final PaymentStore payments;
    private final ProjectDirectory projects;
    private final JetonProvider provider;
    private final Finalizer finalizer;
    private final WorkQueues queues;
    private final VoucherTransitCipher transitCipher;
    private final Clock clock;

    public Dispatcher(
            PaymentStore payments,
            ProjectDirectory projects,
            JetonProvider provider,
            Finalizer finalizer,
            WorkQueues queues,
            VoucherTransitCipher transitCipher) {
        this(payments, projects, provider, finalizer, queues, transitCipher, Clock.systemUTC());
    }

    /** @param clock decides whether a retry still fits before the payment's limit time */
    public Dispatcher(
            PaymentStore payments,
            ProjectDirectory projects,
            JetonProvider provider,
            Finalizer finalizer,
            WorkQueues queues,
            VoucherTransitCipher transitCipher,
            Clock clock) {
        this.payments = payments;
        this.projects = projects;
        this.provider = provider;
        this.finalizer = finalizer;
        this.queues = queues;
        this.transitCipher = transitCipher;
        this.clock = clock;
    }

    public MessageOutcome handle(WorkMessages.Dispatch message) {
        Optional<Payment> found = payments.find(message.key());
        if (found.isEmpty() || found.get().operationId() != message.operationId()) {
            return paymentNotWritten(message, found.isPresent());
        }
        Payment payment = found.get();
        if (payment.isFinal()) {
            finalizer.ensureCallbackQueued(payment, java.util.List.of());
            return MessageOutcome.DONE;
        }
        if (payment.funds() == Funds.INSUFFICIENT) {
            finalizer.decline(payment, ResultCode.INSUFFICIENT_MERCHANT_BALANCE, "dispatch");
            return MessageOutcome.DONE;
        }
        if (payment.dispatched()) {
            return MessageOutcome.DONE;
        }
        Project project = projects.find(payment.key().projectId())
                .orElseThrow(() ->
                        new IllegalStateException("project " + payment.key().projectId() + " is gone"));
        VoucherData voucher = null;
        if (payment.type() == PaymentType.PURCHASE) {
            if (message.sealedVoucher() == null) {
                // Only the acceptance's own message carries the voucher; without it the limit time decides.
                Log.warn("dispatch.no_voucher", "payment", payment.key());
                return MessageOutcome.DONE;
            }
            voucher = transitCipher.open(message.sealedVoucher(), payment.operationId());
        }
        ProviderRequest request = new ProviderRequest(
                payment.key(),
                payment.operationId(),
                payment.operationType(),
                payment.amount(),
                voucher,
                project.test());
        try {
            String reference = provider.submit(request);
            payments.markDispatched(payment.key(), payment.operationId(), reference);
            Log.info("payment.dispatched", "payment", payment.key(), "operation", payment.operationId());
            return MessageOutcome.DONE;
        } catch (ProviderUnavailableException e) {
            return retryLater(message, payment, e);
        }
    }

    private MessageOutcome retryLater(WorkMessages.Dispatch message, Payment payment, ProviderUnavailableException e) {
        Instant now = clock.instant();
        if (!now.isBefore(payment.limitAt())) {
            Log.warn(
                    "dispatch.provider_unavailable",
                    "payment",
                    payment.key(),
                    "reason",
                    e.getMessage(),
                    "retry",
                    "none: the limit time has passed");
            return MessageOutcome.DONE;
        }
        int retry = message.providerRetries() + 1;
        Duration pause = pauseBeforeRetry(retry);
        Duration untilLimit = Duration.between(now, payment.limitAt());
        if (pause.compareTo(untilLimit) > 0) {
            pause = untilLimit;
        }
        queues.dispatch(
                new WorkMessages.Dispatch(
                        message.key(),
                        message.operationId(),
                        message.sealedVoucher(),
                        message.notFoundRetries(),
                        retry),
                WorkQueues.capped(pause));
        Log.warn(
                "dispatch.provider_unavailable",
                "payment",
                payment.key(),
                "reason",
                e.getMessage(),
                "retry",
                retry,
                "retry_in_s",
                pause.toSeconds());
        return MessageOutcome.DONE;
    }

    /** 2 s before the first retry, doubling, at most 60 s. */
    static Duration pauseBeforeRetry(int retry) {
        long seconds = FIRST_PROVIDER_RETRY.toSeconds() << Math.min(retry - 1, 10);
        return Duration.ofSeconds(Math.min(seconds, LONGEST_PROVIDER_RETRY.toSeconds()));
    }

    private MessageOutcome paymentNotWritten(WorkMessages.Dispatch message, boolean otherOperation) {
        if (otherOperation) {
            // A duplicate request's dispatch: the payment belongs to an earlier operation.
            return MessageOutcome.DONE;
        }
        if (message.notFoundRetries() >= NOT_FOUND_RETRIES) {
            Log.info("dispatch.payment_never_written", "payment", message.key(), "operation", message.operationId());
            return MessageOutcome.DONE;
        }
        queues.dispatch(
                new WorkMessages.Dispatch(
                        message.key(),
                        message.operationId(),
                        message.sealedVoucher(),
                        message.notFoundRetries() + 1,
                        message.providerRetries()),
                NOT_FOUND_DELAY);
        return MessageOutcome.DONE;
    }
}
