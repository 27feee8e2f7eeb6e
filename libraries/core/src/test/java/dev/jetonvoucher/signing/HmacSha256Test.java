package dev.jetonvoucher.signing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HmacSha256Test {

    @Test
    void computes_the_rfc_4231_test_vector() {
        // RFC 4231, test case 2.
        assertEquals(
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                HexFormat.of().formatHex(HmacSha256.of("Jefe").mac("what do ya want for nothing?")));
    }

    @Test
    void a_derived_key_is_the_mac_of_its_label_under_the_secret_and_differs_per_label() {
        String secret = "a-project-secret-of-some-length";
        byte[] derivedKey = HmacSha256.of(secret).mac("purpose/v1");
        assertArrayEquals(
                new HmacSha256(derivedKey).mac("message"),
                HmacSha256.derived(secret, "purpose/v1").mac("message"));
        assertFalse(HexFormat.of()
                .formatHex(HmacSha256.derived(secret, "purpose/v1").mac("message"))
                .equals(HexFormat.of()
                        .formatHex(HmacSha256.derived(secret, "purpose/v2").mac("message"))));
    }

    @Test
    void one_key_gives_the_same_mac_on_every_use_and_thread() throws InterruptedException {
        HmacSha256 key = HmacSha256.of("shared-key");
        byte[] first = key.mac("message");
        HmacSha256.of("another-key").mac("message"); // the thread's engine, keyed with another key in between
        assertArrayEquals(first, key.mac("message"));
        byte[][] onOtherThread = new byte[1][];
        Thread other = new Thread(() -> onOtherThread[0] = key.mac("message"));
        other.start();
        other.join();
        assertArrayEquals(first, onOtherThread[0]);
    }

    @Test
    void a_token_is_the_same_only_in_the_spelling_issued() {
        String issued = Base64.getUrlEncoder().withoutPadding().encodeToString("payload".getBytes(UTF_8)) + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(HmacSha256.of("k").mac("payload"));
        assertTrue(HmacSha256.sameText(issued, issued));
        assertTrue(HmacSha256.sameText(issued, new String(issued)));
        // The last character of a 32-byte MAC carries 2 unused bits: flipping one decodes to the same bytes.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(issued.charAt(issued.length() - 1));
        String respelled = issued.substring(0, issued.length() - 1) + alphabet.charAt(last ^ 1);
        assertArrayEquals(
                Base64.getUrlDecoder().decode(issued.substring(issued.indexOf('.') + 1)),
                Base64.getUrlDecoder().decode(respelled.substring(respelled.indexOf('.') + 1)));
        assertFalse(HmacSha256.sameText(issued, respelled));
        assertFalse(HmacSha256.sameText(issued, issued + "A"));
        assertFalse(HmacSha256.sameText(issued, null));
    }
}
