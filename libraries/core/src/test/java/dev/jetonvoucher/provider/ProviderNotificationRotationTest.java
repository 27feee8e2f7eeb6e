package dev.jetonvoucher.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jetonvoucher.keys.KeyRing;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.signing.Signer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** During a rotation of the provider's key, notifications signed with either key are taken, and no other. */
class ProviderNotificationRotationTest {

    static final String OLD = "old-provider-key-0123456789abcdef0123456789";
    static final String NEW = "new-provider-key-0123456789abcdef0123456789";
    static final PaymentKey PAYMENT = new PaymentKey(239, "order-1");
    static final ProviderResult RESULT = new ProviderResult(
            42, "JV42", PaymentStatus.SUCCESS, "0", "Success", Instant.parse("2026-05-01T10:00:00Z"), List.of());

    static List<Signer> signers(KeyRing ring) {
        return ring.keys().stream().map(key -> new Signer(key.secret())).toList();
    }

    @Test
    void a_notification_signed_with_the_current_or_the_previous_key_is_accepted() {
        List<Signer> both = signers(KeyRing.of(NEW, OLD));
        assertEquals(
                PAYMENT,
                ProviderNotification.verify(ProviderNotification.signedJson(PAYMENT, RESULT, new Signer(NEW)), both)
                        .key());
        assertEquals(
                PAYMENT,
                ProviderNotification.verify(ProviderNotification.signedJson(PAYMENT, RESULT, new Signer(OLD)), both)
                        .key(),
                "signed before the switch");
    }

    @Test
    void a_notification_signed_with_a_third_key_or_unsigned_is_refused() {
        List<Signer> both = signers(KeyRing.of(NEW, OLD));
        var third = assertThrows(
                ProviderNotification.InvalidNotificationException.class,
                () -> ProviderNotification.verify(
                        ProviderNotification.signedJson(
                                PAYMENT, RESULT, new Signer("a-third-key-0123456789abcdef0123456789")),
                        both));
        assertEquals("notification signature is INVALID", third.getMessage());
        String unsigned = ProviderNotification.signedJson(PAYMENT, RESULT, new Signer(NEW))
                .replaceAll(",?\"signature\":\"[^\"]*\"", "");
        var missing = assertThrows(
                ProviderNotification.InvalidNotificationException.class,
                () -> ProviderNotification.verify(unsigned, both));
        assertEquals("notification signature is MISSING", missing.getMessage());
    }

    @Test
    void after_the_previous_key_is_removed_its_notifications_are_refused() {
        String signedWithOld = ProviderNotification.signedJson(PAYMENT, RESULT, new Signer(OLD));
        assertThrows(
                ProviderNotification.InvalidNotificationException.class,
                () -> ProviderNotification.verify(signedWithOld, signers(KeyRing.of(NEW))));
    }
}
