package dev.jetonvoucher.paymentpage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.keys.CachedKeyRing;
import dev.jetonvoucher.keys.KeyRing;
import dev.jetonvoucher.payment.PaymentKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageTokensTest {

    static final String SECRET = "a-platform-secret-of-at-least-32-characters";
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final PaymentKey PAYMENT = new PaymentKey(239, "order|1");
    static final String SIGNATURE = "merchant-signature==";

    final PageTokens tokens = PageTokens.derivedFrom(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void across_a_rotation_of_the_platform_key_tokens_issued_before_stay_valid_and_new_ones_use_the_new_key() {
        String newSecret = "the-new-platform-secret-of-32-characters-or-more";
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        String before = tokens.statusToken(PAYMENT);
        PageTokens rotated = PageTokens.derivedFrom(CachedKeyRing.fixed(KeyRing.of(newSecret, SECRET)), clock);

        assertEquals(Optional.of(PAYMENT), rotated.statusTokenPayment(before), "issued under the previous key");
        String after = rotated.formToken(PAYMENT, SIGNATURE);
        assertTrue(PageTokens.derivedFrom(newSecret, clock).isValidFormToken(after, PAYMENT, SIGNATURE), "the new key");
        assertFalse(tokens.isValidFormToken(after, PAYMENT, SIGNATURE));
        PageTokens previousRemoved = PageTokens.derivedFrom(CachedKeyRing.fixed(KeyRing.of(newSecret)), clock);
        assertEquals(Optional.empty(), previousRemoved.statusTokenPayment(before));
    }

    @Test
    void a_form_token_is_valid_for_its_payment_and_signed_request_until_it_expires() {
        String token = tokens.formToken(PAYMENT, SIGNATURE);
        assertTrue(tokens.isValidFormToken(token, PAYMENT, SIGNATURE));
        assertFalse(tokens.isValidFormToken(token, new PaymentKey(239, "order|2"), SIGNATURE), "another payment");
        assertFalse(tokens.isValidFormToken(token, new PaymentKey(240, "order|1"), SIGNATURE), "another project");
        assertFalse(tokens.isValidFormToken(token, PAYMENT, "another-signature"), "another signed request");

        PageTokens later =
                PageTokens.derivedFrom(SECRET, Clock.fixed(NOW.plus(PageTokens.FORM_LIFETIME), ZoneOffset.UTC));
        assertFalse(later.isValidFormToken(token, PAYMENT, SIGNATURE), "expired");
        PageTokens otherKey = PageTokens.derivedFrom(SECRET + "x", Clock.fixed(NOW, ZoneOffset.UTC));
        assertFalse(otherKey.isValidFormToken(token, PAYMENT, SIGNATURE), "another platform key");
    }

    @Test
    void a_changed_payload_or_mac_is_refused() {
        String token = tokens.formToken(PAYMENT, SIGNATURE);
        String[] parts = token.split("\\.");
        String longer = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("239|" + (NOW.getEpochSecond() + 999_999) + "|order|1").getBytes());
        assertFalse(tokens.isValidFormToken(longer + "." + parts[1], PAYMENT, SIGNATURE), "a later expiry");
        assertFalse(tokens.isValidFormToken(parts[0] + "." + parts[1].substring(1), PAYMENT, SIGNATURE));
        assertFalse(tokens.isValidFormToken(parts[0], PAYMENT, SIGNATURE));
        assertFalse(tokens.isValidFormToken("", PAYMENT, SIGNATURE));
        assertFalse(tokens.isValidFormToken(null, PAYMENT, SIGNATURE));
        assertFalse(tokens.isValidFormToken("%%%.###", PAYMENT, SIGNATURE));
    }

    @Test
    void only_the_issued_spelling_of_a_token_is_valid() {
        String token = tokens.formToken(PAYMENT, SIGNATURE);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = token.charAt(token.length() - 1);
        // The MAC's last character carries unused low bits: this spelling decodes to the same MAC.
        String respelled = token.substring(0, token.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
        assertArrayEquals(
                Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                Base64.getUrlDecoder().decode(respelled.split("\\.")[1]));
        assertFalse(tokens.isValidFormToken(respelled, PAYMENT, SIGNATURE));
        assertTrue(tokens.isValidFormToken(token, PAYMENT, SIGNATURE));
    }

    @Test
    void a_status_token_names_its_payment_and_is_no_form_token() {
        String status = tokens.statusToken(PAYMENT);
        assertEquals(Optional.of(PAYMENT), tokens.statusTokenPayment(status));
        assertFalse(tokens.isValidFormToken(status, PAYMENT, ""), "the purpose is part of the MAC");
        assertEquals(Optional.empty(), tokens.statusTokenPayment(tokens.formToken(PAYMENT, "")));
    }

    @Test
    void a_short_platform_secret_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> PageTokens.derivedFrom("short", Clock.systemUTC()));
    }
}
