package dev.jetonvoucher.paymentpage;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jetonvoucher.keys.CachedKeyRing;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.signing.HmacSha256;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Payment Page's own tokens, HMAC-SHA-256 with a platform key that never leaves the functions:
 * <ul>
 *   <li>a <b>form token</b>, put into the voucher form, bound to the project, the payment id, the merchant's
 *       signature of the page request and an expiry. A submission needs one, so voucher data can only be
 *       posted to a form this platform rendered, recently, for exactly that signed request. It becomes
 *       single-use through the payment's own conditional create: once the payment exists every further post
 *       is refused as a duplicate (3041).</li>
 *   <li>a <b>status token</b>, handed out when a submission is accepted, that lets the page read that one
 *       payment's status (payment ids are the merchant's and may be guessable; the token is not).</li>
 * </ul>
 * A token is {@code base64url(payload) "." base64url(mac)}; the purpose is part of the MAC, so one kind can
 * never stand in for the other.
 */
public final class PageTokens {

    public static final Duration FORM_LIFETIME = Duration.ofMinutes(30);
    public static final Duration STATUS_LIFETIME = Duration.ofHours(24);
    private static final String KEY_LABEL = "jeton-voucher/payment-page/tokens/v1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private enum Purpose {
        FORM,
        STATUS
    }

    /** The key to issue with first, then any other still accepted (the previous key during a rotation). */
    private final Supplier<List<HmacSha256>> keys;

    private final Clock clock;

    public PageTokens(byte[] key, Clock clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the token key must have at least 32 bytes");
        }
        List<HmacSha256> only = List.of(new HmacSha256(key));
        this.keys = () -> only;
        this.clock = clock;
    }

    private PageTokens(Supplier<List<HmacSha256>> keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Tokens keyed by keys derived from a rotating platform key ring: issued under its current key, accepted under
     * its current or previous key, so a rotation does not void the forms and status links already handed out.
     */
    public static PageTokens derivedFrom(CachedKeyRing platformKeys, Clock clock) {
        return new PageTokens(
                () -> platformKeys.get().keys().stream()
                        .map(key -> derivedKey(key.secret()))
                        .toList(),
                clock);
    }

    private static HmacSha256 derivedKey(String platformSecret) {
        if (platformSecret == null || platformSecret.length() < 32) {
            throw new IllegalArgumentException("the platform secret must have at least 32 characters");
        }
        return new HmacSha256(HmacSha256.of(platformSecret).mac(KEY_LABEL));
    }

    /**
     * Tokens keyed by a key derived from a platform secret (HMAC of a fixed label), so the Payment Page needs
     * no secret of its own and a token key never equals the secret it came from.
     */
    public static PageTokens derivedFrom(String platformSecret, Clock clock) {
        HmacSha256 only = derivedKey(platformSecret);
        return new PageTokens(() -> List.of(only), clock);
    }

    public String formToken(PaymentKey payment, String merchantSignature) {
        return issue(Purpose.FORM, payment, FORM_LIFETIME, merchantSignature);
    }

    /** True for an unexpired form token issued for this payment and this signed request. */
    public boolean isValidFormToken(String token, PaymentKey payment, String merchantSignature) {
        return verify(token, Purpose.FORM, merchantSignature)
                .filter(payment::equals)
                .isPresent();
    }

    public String statusToken(PaymentKey payment) {
        return issue(Purpose.STATUS, payment, STATUS_LIFETIME, "");
    }

    /** The payment an unexpired, untampered status token was issued for. */
    public Optional<PaymentKey> statusTokenPayment(String token) {
        return verify(token, Purpose.STATUS, "");
    }

    private String issue(Purpose purpose, PaymentKey payment, Duration lifetime, String binding) {
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        // The payment id comes last: it is the one part that may itself contain the separator.
        String payload = payment.projectId() + "|" + expires + "|" + payment.paymentId();
        return ENCODER.encodeToString(payload.getBytes(UTF_8)) + "."
                + ENCODER.encodeToString(mac(keys.get().get(0), purpose, payload, binding));
    }

    private Optional<PaymentKey> verify(String token, Purpose purpose, String binding) {
        if (token == null || token.length() > 2048) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        String payload;
        byte[] payloadBytes;
        try {
            payloadBytes = DECODER.decode(token.substring(0, dot));
            payload = new String(payloadBytes, UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        // Only the spelling that was issued, compared before anything of the payload is believed.
        boolean issuedHere = false;
        for (HmacSha256 key : keys.get()) { // every accepted key, each compared in constant time
            String issued = ENCODER.encodeToString(payloadBytes) + "."
                    + ENCODER.encodeToString(mac(key, purpose, payload, binding));
            issuedHere |= HmacSha256.sameText(issued, token);
        }
        if (!issuedHere) {
            return Optional.empty();
        }
        String[] parts = payload.split("\\|", 3);
        if (parts.length != 3) {
            return Optional.empty();
        }
        Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[1]));
        if (!clock.instant().isBefore(expires)) {
            return Optional.empty();
        }
        return Optional.of(new PaymentKey(Long.parseLong(parts[0]), parts[2]));
    }

    private static byte[] mac(HmacSha256 key, Purpose purpose, String payload, String binding) {
        // Length-prefixed parts, so no two different (purpose, payload, binding) triples share an input.
        String input =
                purpose.name() + "\n" + payload.length() + ":" + payload + "\n" + binding.length() + ":" + binding;
        return key.mac(input);
    }
}
