package dev.jetonvoucher.workflow;

import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.payment.BalanceEffect;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.IssuedVoucher;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.ProjectDirectory;
import dev.jetonvoucher.provider.CancelResult;
import dev.jetonvoucher.provider.JetonProvider;
import dev.jetonvoucher.provider.ProviderResult;
import dev.jetonvoucher.provider.ProviderUnavailableException;
import dev.jetonvoucher.provider.ProviderVoucher;
import dev.jetonvoucher.provider.UnknownOperationException;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one place a payment becomes final. The status change and its balance effect are one conditional
 * write, so a payment finishes exactly once however many notifications, polls or redeliveries race; every
 * other result is recorded as late and changes nothing. Each finish queues exactly one merchant callback;
 * a crash between the two is repaired by the next message that finds the payment final with its callback
 * still pending.
 */
public final class Finalizer {

    private static final int FINISH_ATTEMPTS = 3;

    private final PaymentStore payments;
    private final ProjectDirectory projects;
    private final JetonProvider provider;
    private final WorkQueues queues;
    private final Clock clock;
    private final Compensator compensator;
    private final VoucherTransitCipher cipher;

    public Finalizer(
            PaymentStore payments,
            ProjectDirectory projects,
            JetonProvider provider,
            WorkQueues queues,
            VoucherTransitCipher cipher,
            Clock clock) {
        this.cipher = cipher;
        this.payments = payments;
        this.projects = projects;
        this.provider = provider;
        this.queues = queues;
        this.clock = clock;
        this.compensator = new Compensator(payments, provider, queues, clock);
    }

    /** The worker that carries out the compensations this finalizer opens. */
    public Compensator compensator() {
        return compensator;
    }

    public enum Outcome {
        FINISHED,
        ALREADY_FINAL
    }

    /** Finishes with the provider's result (from a notification or a status poll). */
    public Outcome finishWithProviderResult(Payment payment, ProviderResult result, String source) {
        ResultCode fallback =
                result.status() == PaymentStatus.SUCCESS ? ResultCode.SUCCESS : ResultCode.GENERAL_DECLINE;
        String code = result.code() != null ? result.code() : fallback.code();
        String message = result.message() != null ? result.message() : fallback.message();
        return finish(
                payment,
                result.status(),
                code,
                message,
                result.providerPaymentId(),
                result.date(),
                result.vouchers(),
                source);
    }

    /**
     * Finishes with a result the provider notified. A notification is sent when the provider decides, so it may be
     * stale by the time it arrives: once the limit time has passed, the status poll may have had the operation
     * cancelled and crashed before writing the decline. A success notified after the limit time is therefore
     * confirmed with the provider first; one the provider no longer stands by ends as the limit time ends a payment.
     *
     * @throws ProviderUnavailableException when the success cannot be confirmed now (the notification is retried)
     */
    public Outcome finishWithNotifiedResult(Payment payment, ProviderResult result, String source) {
        boolean mayHaveBeenCancelled = !payment.isFinal()
                && result.status() == PaymentStatus.SUCCESS
                && !clock.instant().isBefore(payment.limitAt());
        if (mayHaveBeenCancelled) {
            ProviderResult now;
            try {
                now = provider.status(payment.operationId());
            } catch (UnknownOperationException neverHandedOver) {
                // The provider was never given the operation, so it moved no money: the success is not its own.
                Log.warn(
                        "provider_notification.unconfirmed",
                        "payment",
                        payment.key(),
                        "operation",
                        payment.operationId());
                return declineAtLimitTime(payment, source);
            }
            if (now.status() != PaymentStatus.SUCCESS) {
                Log.warn(
                        "provider_notification.stale",
                        "payment",
                        payment.key(),
                        "operation",
                        payment.operationId(),
                        "provider_now",
                        now.status().wire());
                return declineAtLimitTime(payment, source);
            }
        }
        return finishWithProviderResult(payment, result, source);
    }

    /** Declines on the platform's own account (limit time 20602, insufficient merchant balance 3028). */
    public Outcome decline(Payment payment, ResultCode code, String source) {
        return finish(payment, PaymentStatus.DECLINE, code.code(), code.message(), null, null, List.of(), source);
    }

    /**
     * The limit time: the provider is asked to cancel first. A cancelled operation is declined 20602 with nothing
     * left to undo; one the provider had finished takes the provider's result; one it cannot stop (or a provider
     * that cannot be reached) is declined 20602 all the same — the merchant was promised an answer by the limit
     * time — with a compensation that undoes whatever the provider still does.
     */
    public Outcome declineAtLimitTime(Payment payment, String source) {
        String reason;
        try {
            CancelResult cancel = provider.cancel(payment.operationId());
            switch (cancel.kind()) {
                case CANCELLED:
                    return decline(payment, ResultCode.TIME_OUT, source);
                case ALREADY_FINAL:
                    return finishWithProviderResult(payment, cancel.result(), source);
                default:
                    reason = "limit time: the provider could not stop the operation";
            }
        } catch (ProviderUnavailableException e) {
            reason = "limit time: the provider could not be reached to cancel the operation";
        }
        String why = reason;
        compensator.queueFirstTry(payment, why);
        Outcome outcome = decline(payment, ResultCode.TIME_OUT, source);
        if (outcome == Outcome.FINISHED) {
            payments.find(payment.key()).ifPresent(declined -> compensator.markOpen(declined, why));
        }
        return outcome;
    }

    private Outcome finish(
            Payment payment,
            PaymentStatus status,
            String code,
            String message,
            String providerReference,
            Instant providerDate,
            List<ProviderVoucher> vouchers,
            String source) {
        Payment current = payment;
        for (int attempt = 0; attempt < FINISH_ATTEMPTS; attempt++) {
            if (current.isFinal()) {
                recordLate(current, status, code, source);
                ensureCallbackQueued(current, vouchers);
                return Outcome.ALREADY_FINAL;
            }
            List<IssuedVoucher> issued =
                    vouchers.stream().map(ProviderVoucher::withoutSecurityCode).toList();
            Payment finished = current.finish(
                    status,
                    code,
                    message,
                    BalanceEffect.fundsAfter(current.funds(), status == PaymentStatus.SUCCESS),
                    providerReference,
                    providerDate,
                    issued,
                    clock.instant());
            if (payments.finish(current, finished)) {
                Log.info(
                        "payment.finished",
                        "payment",
                        finished.key(),
                        "operation",
                        finished.operationId(),
                        "status",
                        status.wire(),
                        "code",
                        code,
                        "source",
                        source);
                queueCallback(finished, vouchers);
                return Outcome.FINISHED;
            }
            // Someone changed the payment meanwhile (finished it, or recorded its dispatch): look again.
            Optional<Payment> reread = payments.find(current.key());
            if (reread.isEmpty()) {
                throw new IllegalStateException("payment " + current.key() + " vanished");
            }
            current = reread.get();
        }
        throw new IllegalStateException("payment " + payment.key() + " kept changing while finishing it");
    }

    /**
     * A provider success for a declined payment: money moved at the provider that the platform declined. It is
     * checked with the provider first (a notification may be stale: queued before a cancel the provider honoured),
     * then compensated.
     *
     * @return what became of it, for the late result's disposition
     */
    private String compensateLateSuccess(Payment declined, String source) {
        if (declined.compensation() != null) {
            return ": compensation " + declined.compensation().state().wire();
        }
        try {
            ProviderResult now = provider.status(declined.operationId());
            if (now.status() != PaymentStatus.SUCCESS) {
                return ": stale, the provider now reports " + now.status().wire() + " (" + now.code() + ")";
            }
        } catch (ProviderUnavailableException e) {
            // cannot check now: the compensation asks the provider again on every try
        }
        compensator.open(declined, "provider success (" + source + ") after the decline " + declined.resultCode());
        return ": compensation opened";
    }

    /** Queues the callback of a payment that is final but whose callback was never queued (crash repair). */
    public void ensureCallbackQueued(Payment payment, List<ProviderVoucher> vouchersIfKnown) {
        if (payment.callbackState() != CallbackState.PENDING) {
            return;
        }
        List<ProviderVoucher> vouchers = vouchersIfKnown;
        boolean needsCodes = payment.type() == PaymentType.PAYOUT
                && payment.status() == PaymentStatus.SUCCESS
                && !payment.vouchers().isEmpty()
                && vouchers.isEmpty();
        if (needsCodes) {
            vouchers = provider.status(payment.operationId()).vouchers();
        }
        queueCallback(payment, vouchers);
    }

    private void queueCallback(Payment finished, List<ProviderVoucher> vouchers) {
        Project project = projects.find(finished.key().projectId())
                .orElseThrow(() ->
                        new IllegalStateException("project " + finished.key().projectId() + " is gone"));
        if (CallbackDelivery.destination(finished, Optional.of(project)).isEmpty()) {
            payments.moveCallbackState(finished.key(), CallbackState.PENDING, CallbackState.NOT_CONFIGURED);
            Log.warn("callback.not_configured", "payment", finished.key());
            return;
        }
        List<ProviderVoucher> withCodes = finished.status() == PaymentStatus.SUCCESS ? vouchers : List.of();
        String body = Json.write(PaymentDocuments.callback(finished, project, withCodes));
        // Sealed always, one rule: a payout's body carries voucher numbers and security codes.
        String sealedBody = cipher.sealCallbackBody(body, finished.key(), finished.operationId());
        Instant now = clock.instant();
        queues.callback(
                new WorkMessages.Callback(finished.key(), finished.operationId(), 1, null, now, sealedBody, true),
                java.time.Duration.ZERO);
        payments.moveCallbackState(finished.key(), CallbackState.PENDING, CallbackState.QUEUED);
    }

    private void recordLate(Payment finalPayment, PaymentStatus status, String code, String source) {
        boolean conflicting = finalPayment.status() != status
                || !String.valueOf(finalPayment.resultCode()).equals(code);
        String disposition = (conflicting ? "conflicting" : "duplicate") + ", payment already "
                + finalPayment.status().wire() + " (" + finalPayment.resultCode() + ")";
        if (status == PaymentStatus.SUCCESS && finalPayment.status() != PaymentStatus.SUCCESS) {
            disposition += compensateLateSuccess(finalPayment, source);
        }
        payments.recordLateResult(
                finalPayment.key(),
                new PaymentStore.LateResult(clock.instant(), source, status.wire(), code, disposition));
        Log.warn(
                "payment.late_result",
                "payment",
                finalPayment.key(),
                "source",
                source,
                "status",
                status.wire(),
                "code",
                code,
                "disposition",
                disposition);
    }
}
