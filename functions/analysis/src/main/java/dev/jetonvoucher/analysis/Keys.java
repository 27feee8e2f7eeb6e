package dev.jetonvoucher.analysis;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 keys derived from a project's secret key, one per purpose. Cursors and sessions need no key of
 * their own to deploy, and a new secret key invalidates every cursor and session of the project.
 */
final class Keys {

    private static final String HMAC = "HmacSHA256";

    private Keys() {
    }

    static byte[] derive(String projectSecret, String purpose) {
        return hmac(projectSecret.getBytes(UTF_8), purpose);
    }

    static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(message.getBytes(UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " is not available", e);
        }
    }

    /** Takes the same time wherever the first difference is. */
    static boolean same(byte[] expected, byte[] provided) {
        return MessageDigest.isEqual(expected, provided);
    }
}
