package dev.jetonvoucher.workflow;

import dev.jetonvoucher.keys.CachedKeyRing;
import dev.jetonvoucher.keys.KeyRing;
import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.provider.ProviderNotification;
import dev.jetonvoucher.signing.Signer;
import java.util.List;
import java.util.Optional;

/**
 * Receives the provider's result notifications: verifies the provider's signature (constant time) against its
 * current key and, during a rotation, its previous one, then
 * finishes the payment through the {@link Finalizer}. Duplicate, late and conflicting results are recorded
 * there and never change a final status.
 */
public final class ProviderNotifications {

    public enum Outcome {
        APPLIED,
        IGNORED_FINAL,
        UNKNOWN_PAYMENT,
        REJECTED
    }

    private final PaymentStore payments;
    private final Finalizer finalizer;
    private final CachedKeyRing providerKeys;

    public ProviderNotifications(PaymentStore payments, Finalizer finalizer, String providerKey) {
        this(payments, finalizer, CachedKeyRing.fixed(KeyRing.of(providerKey)));
    }

    /** @param providerKeys the provider's signing keys, read when the first notification arrives */
    public ProviderNotifications(PaymentStore payments, Finalizer finalizer, CachedKeyRing providerKeys) {
        this.payments = payments;
        this.finalizer = finalizer;
        this.providerKeys = providerKeys;
    }

    private static List<Signer> signers(KeyRing ring) {
        return ring.keys().stream().map(key -> new Signer(key.secret())).toList();
    }

    public Outcome receive(String body) {
        ProviderNotification.Received notification;
        KeyRing held = providerKeys.get();
        try {
            notification = ProviderNotification.verify(body, signers(held));
        } catch (ProviderNotification.InvalidNotificationException e) {
            // Signed with a key this container has not read yet (a rotation under way)? Read the keys again and retry.
            KeyRing reread = providerKeys.reloaded();
            try {
                if (reread.equals(held)) {
                    throw e;
                }
                notification = ProviderNotification.verify(body, signers(reread));
            } catch (ProviderNotification.InvalidNotificationException stillInvalid) {
                Log.warn("provider_notification.rejected", "reason", stillInvalid.getMessage());
                return Outcome.REJECTED;
            }
        }
        Optional<Payment> found = payments.find(notification.key());
        if (found.isEmpty()
                || found.get().operationId() != notification.result().operationId()) {
            Log.warn(
                    "provider_notification.unknown_payment",
                    "payment",
                    notification.key(),
                    "operation",
                    notification.result().operationId());
            return Outcome.UNKNOWN_PAYMENT;
        }
        Finalizer.Outcome outcome =
                finalizer.finishWithNotifiedResult(found.get(), notification.result(), "provider-notification");
        return outcome == Finalizer.Outcome.FINISHED ? Outcome.APPLIED : Outcome.IGNORED_FINAL;
    }
}
