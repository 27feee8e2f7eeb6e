package dev.jetonvoucher.sealing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.contract.MutableClock;
import dev.jetonvoucher.keys.CachedKeyRing;
import dev.jetonvoucher.keys.KeyRing;
import dev.jetonvoucher.model.VoucherData;
import dev.jetonvoucher.payment.PaymentKey;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class VoucherTransitCipherTest {

    static final VoucherData VOUCHER = new VoucherData("4619000000000000017", YearMonth.of(2030, 12), "7391");

    @Test
    void a_sealed_voucher_opens_only_for_its_operation_and_key() {
        VoucherTransitCipher cipher = new VoucherTransitCipher(VoucherTransitCipher.newKey());
        String sealed = cipher.seal(VOUCHER, 42);
        assertFalse(sealed.contains("7391") || sealed.contains("4619000000000000017"));
        assertEquals(VOUCHER, cipher.open(sealed, 42));
        assertThrows(IllegalArgumentException.class, () -> cipher.open(sealed, 43));
        VoucherTransitCipher other = new VoucherTransitCipher(VoucherTransitCipher.newKey());
        assertThrows(IllegalArgumentException.class, () -> other.open(sealed, 42));
    }

    @Test
    void a_sealed_callback_body_opens_only_for_its_payment_operation_and_key() {
        VoucherTransitCipher cipher = new VoucherTransitCipher(VoucherTransitCipher.newKey());
        PaymentKey key = new PaymentKey(239, "p-1");
        String body = "{\"voucherNumber\":\"4619000000000000017\",\"securityCode\":\"7391\"}";
        String sealed = cipher.sealCallbackBody(body, key, 42);
        assertFalse(sealed.contains("7391") || sealed.contains("4619000000000000017"));
        assertEquals(body, cipher.openCallbackBody(sealed, key, 42));
        assertThrows(IllegalArgumentException.class, () -> cipher.openCallbackBody(sealed, key, 43));
        assertThrows(
                IllegalArgumentException.class, () -> cipher.openCallbackBody(sealed, new PaymentKey(239, "p-2"), 42));
        assertThrows(
                IllegalArgumentException.class, () -> cipher.openCallbackBody(sealed, new PaymentKey(240, "p-1"), 42));
        assertThrows(IllegalArgumentException.class, () -> cipher.open(sealed, 42), "a body is no voucher");
        assertThrows(IllegalArgumentException.class, () -> cipher.openCallbackBody(cipher.seal(VOUCHER, 42), key, 42));
    }

    @Test
    void a_key_must_be_32_bytes_of_base64() {
        assertThrows(IllegalArgumentException.class, () -> new VoucherTransitCipher("short"));
        assertThrows(IllegalArgumentException.class, () -> new VoucherTransitCipher((String) null));
    }

    @Test
    void sealed_text_carries_the_id_of_the_key_that_sealed_it() {
        String key = VoucherTransitCipher.newKey();
        String sealed = new VoucherTransitCipher(key).seal(VOUCHER, 42);
        assertTrue(sealed.startsWith(KeyRing.Key.of(key).id() + "."), sealed);
    }

    @Test
    void across_a_rotation_new_text_is_sealed_with_the_new_key_and_text_sealed_before_still_opens() {
        String oldKey = VoucherTransitCipher.newKey();
        String newKey = VoucherTransitCipher.newKey();
        MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
        AtomicReference<KeyRing> stored = new AtomicReference<>(KeyRing.of(oldKey));
        VoucherTransitCipher cipher = new VoucherTransitCipher(new CachedKeyRing("transit", stored::get, clock));
        PaymentKey payment = new PaymentKey(239, "p-1");
        String voucherBefore = cipher.seal(VOUCHER, 42);
        String bodyBefore = cipher.sealCallbackBody("{\"securityCode\":\"7391\"}", payment, 42);

        stored.set(KeyRing.of(newKey, oldKey));
        clock.advance(CachedKeyRing.DEFAULT_MAX_AGE);
        String voucherAfter = cipher.seal(VOUCHER, 43);
        assertTrue(voucherAfter.startsWith(KeyRing.Key.of(newKey).id() + "."), "sealed with the new key");
        assertEquals(VOUCHER, new VoucherTransitCipher(newKey).open(voucherAfter, 43));
        assertEquals(VOUCHER, cipher.open(voucherBefore, 42), "sealed before the switch, opened after it");
        assertEquals("{\"securityCode\":\"7391\"}", cipher.openCallbackBody(bodyBefore, payment, 42));

        stored.set(KeyRing.of(VoucherTransitCipher.newKey(), newKey));
        clock.advance(CachedKeyRing.DEFAULT_MAX_AGE);
        assertThrows(
                IllegalArgumentException.class,
                () -> cipher.open(voucherBefore, 42),
                "once the old key is neither current nor previous, its text no longer opens");
        assertEquals(VOUCHER, cipher.open(voucherAfter, 43));
    }

    @Test
    void a_container_that_has_not_seen_the_rotation_yet_opens_text_sealed_with_the_new_key() {
        String oldKey = VoucherTransitCipher.newKey();
        String newKey = VoucherTransitCipher.newKey();
        MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
        AtomicReference<KeyRing> stored = new AtomicReference<>(KeyRing.of(oldKey));
        VoucherTransitCipher lagging = new VoucherTransitCipher(new CachedKeyRing("transit", stored::get, clock));
        lagging.seal(VOUCHER, 1); // its ring is read: the old key alone
        stored.set(KeyRing.of(newKey, oldKey));
        clock.advance(Duration.ofSeconds(30)); // well inside its cache time
        String sealedByAnUpdatedContainer = new VoucherTransitCipher(newKey).seal(VOUCHER, 42);
        assertEquals(VOUCHER, lagging.open(sealedByAnUpdatedContainer, 42), "an unknown key id reads the keys again");
    }

    @Test
    void text_sealed_before_key_ids_were_written_opens_with_whichever_key_sealed_it() {
        String oldKey = VoucherTransitCipher.newKey();
        String sealed = new VoucherTransitCipher(oldKey).seal(VOUCHER, 42);
        String withoutKeyId = sealed.substring(sealed.indexOf('.') + 1);
        VoucherTransitCipher rotated =
                new VoucherTransitCipher(CachedKeyRing.fixed(KeyRing.of(VoucherTransitCipher.newKey(), oldKey)));
        assertEquals(VOUCHER, rotated.open(withoutKeyId, 42));
        assertThrows(
                IllegalArgumentException.class,
                () -> new VoucherTransitCipher(VoucherTransitCipher.newKey()).open(withoutKeyId, 42));
    }
}
