package dev.jetonvoucher.workflow;

import dev.jetonvoucher.gate.VoucherTransitCipher;
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
import java.time.Duration;
import java.util.Optional;

/**
 * Hands accepted payments to the provider. Runs for every dispatch message, any number of times: a payment
 * that is final or already with the provider is left alone, and the provider's submit is idempotent per
 * operation. A payout the balance could not cover never reaches the provider: it is declined with 3028.
 */
public final class Dispatcher {

    /** The dispatch is queued before the payment is written; wait this many times for the write to show. */
    static final int NOT_FOUND_RETRIES = 5;
    static final Duration NOT_FOUND_DELAY = Duration.ofSeconds(2);

    private final PaymentStore payments;
    private final ProjectDirectory projects;
    private final JetonProvider provider;
    private final Finalizer finalizer;
    private final WorkQueues queues;
    private final VoucherTransitCipher transitCipher;

    public Dispatcher(PaymentStore payments, ProjectDirectory projects, JetonProvider provider, Finalizer finalizer,
            WorkQueues queues, VoucherTransitCipher transitCipher) {
        this.payments = payments;
        this.projects = projects;
        this.provider = provider;
        this.finalizer = finalizer;
        this.queues = queues;
        this.transitCipher = transitCipher;
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
                .orElseThrow(() -> new IllegalStateException("project " + payment.key().projectId() + " is gone"));
        VoucherData voucher = null;
        if (payment.type() == PaymentType.PURCHASE) {
            if (message.sealedVoucher() == null) {
                // Only the acceptance's own message carries the voucher; without it the limit time decides.
                Log.warn("dispatch.no_voucher", "payment", payment.key());
                return MessageOutcome.DONE;
            }
            voucher = transitCipher.open(message.sealedVoucher(), payment.operationId());
        }
        ProviderRequest request = new ProviderRequest(payment.key(), payment.operationId(), payment.operationType(),
                payment.amount(), voucher, project.test(), project.sandbox());
        try {
            String reference = provider.submit(request);
            payments.markDispatched(payment.key(), payment.operationId(), reference);
            Log.info("payment.dispatched", "payment", payment.key(), "operation", payment.operationId());
            return MessageOutcome.DONE;
        } catch (ProviderUnavailableException e) {
            Log.warn("dispatch.provider_unavailable", "payment", payment.key(), "reason", e.getMessage());
            return MessageOutcome.RETRY;
        }
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
        queues.dispatch(new WorkMessages.Dispatch(message.key(), message.operationId(), message.sealedVoucher(),
                message.notFoundRetries() + 1), NOT_FOUND_DELAY);
        return MessageOutcome.DONE;
    }
}
