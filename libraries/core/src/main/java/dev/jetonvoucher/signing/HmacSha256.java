package dev.jetonvoucher.signing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC-SHA-256 key for the platform's own MACs: Payment Page tokens, page cursors, dashboard sessions and the
 * sandbox provider's voucher secrets. (The ECommPay request signature is {@link Signer}'s.) Safe to share between
 * threads.
 */
public final class HmacSha256 {

    private static final String ALGORITHM = "HmacSHA256";
    /** One engine per thread, keyed on each use: looking the algorithm up costs more than keying it. */
    private static final ThreadLocal<Mac> ENGINES = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    });

    private final SecretKeySpec key;

    public HmacSha256(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    public static HmacSha256 of(String secret) {
        return new HmacSha256(secret.getBytes(UTF_8));
    }

    /**
     * A key of its own for one purpose, derived from a secret as HMAC(secret, label): nothing new to deploy, it
     * never equals the secret, and a new secret replaces every key derived from it.
     */
    public static HmacSha256 derived(String secret, String label) {
        return new HmacSha256(of(secret).mac(label));
    }

    public byte[] mac(String message) {
        Mac engine = ENGINES.get();
        try {
            engine.init(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("an " + ALGORITHM + " key was refused", e);
        }
        return engine.doFinal(message.getBytes(UTF_8));
    }

    /**
     * Compares a token with the one issued, in constant time for tokens of one length. Tokens are compared as
     * text, never as decoded MACs: a base64 decoder ignores the unused bits of the last character, so other
     * spellings of an issued token would decode to the same bytes.
     */
    public static boolean sameText(String issued, String presented) {
        return presented != null && MessageDigest.isEqual(issued.getBytes(UTF_8), presented.getBytes(UTF_8));
    }
}
