package dev.jetonvoucher.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jetonvoucher.model.VoucherData;
import dev.jetonvoucher.payment.PaymentKey;
import java.time.YearMonth;
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
        assertThrows(IllegalArgumentException.class, () -> cipher.openCallbackBody(sealed, new PaymentKey(239, "p-2"), 42));
        assertThrows(IllegalArgumentException.class, () -> cipher.openCallbackBody(sealed, new PaymentKey(240, "p-1"), 42));
        assertThrows(IllegalArgumentException.class, () -> cipher.open(sealed, 42), "a body is no voucher");
        assertThrows(IllegalArgumentException.class, () -> cipher.openCallbackBody(cipher.seal(VOUCHER, 42), key, 42));
    }

    @Test
    void a_key_must_be_32_bytes_of_base64() {
        assertThrows(IllegalArgumentException.class, () -> new VoucherTransitCipher("short"));
        assertThrows(IllegalArgumentException.class, () -> new VoucherTransitCipher(null));
    }
}
