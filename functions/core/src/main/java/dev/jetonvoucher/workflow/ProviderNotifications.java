package dev.jetonvoucher.workflow;

import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.provider.ProviderNotification;
import dev.jetonvoucher.signing.Signer;
import java.util.Optional;

/**
 * Receives the provider's result notifications: verifies the provider's signature (constant time), then
 * finishes the payment through the {@link Finalizer}. Duplicate, late and conflicting results are recorded
 * there and never change a final status.
 */
public final class ProviderNotifications {

    public enum Outcome { APPLIED, IGNORED_FINAL, UNKNOWN_PAYMENT, REJECTED }

    private final PaymentStore payments;
    private final Finalizer finalizer;
    private final Signer providerSigner;

    public ProviderNotifications(PaymentStore payments, Finalizer finalizer, String providerKey) {
        this.payments = payments;
        this.finalizer = finalizer;
        this.providerSigner = new Signer(providerKey);
    }

    public Outcome receive(String body) {
        ProviderNotification.Received notification;
        try {
            notification = ProviderNotification.verify(body, providerSigner);
        } catch (ProviderNotification.InvalidNotificationException e) {
            Log.warn("provider_notification.rejected", "reason", e.getMessage());
            return Outcome.REJECTED;
        }
        Optional<Payment> found = payments.find(notification.key());
        if (found.isEmpty() || found.get().operationId() != notification.result().operationId()) {
            Log.warn("provider_notification.unknown_payment", "payment", notification.key(),
                    "operation", notification.result().operationId());
            return Outcome.UNKNOWN_PAYMENT;
        }
        Finalizer.Outcome outcome = finalizer.finishWithNotifiedResult(found.get(), notification.result(),
                "provider-notification");
        return outcome == Finalizer.Outcome.FINISHED ? Outcome.APPLIED : Outcome.IGNORED_FINAL;
    }
}
