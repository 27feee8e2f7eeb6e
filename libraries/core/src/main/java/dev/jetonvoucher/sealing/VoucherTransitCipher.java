package dev.jetonvoucher.sealing;

import dev.jetonvoucher.keys.CachedKeyRing;
import dev.jetonvoucher.keys.KeyRing;
import dev.jetonvoucher.model.VoucherData;
import dev.jetonvoucher.payment.PaymentKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.YearMonth;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a sale's voucher (number, expiry, security code) for the short trip from acceptance to provider
 * dispatch through the queue, with AES-256-GCM bound to the payment's operation. The security code is
 * never stored in a table; in the queue it exists only as this ciphertext, until the dispatch worker
 * hands it to the provider.
 *
 * <p>The same key seals a merchant callback's signed body ({@link #sealCallbackBody}), which carries a payout's
 * voucher numbers and security codes, for its stay in the callback queue and its dead-letter queue; that seal is
 * bound to the payment's key and operation, so a sealed body cannot be replayed for another payment.
 *
 * <p>Keys rotate ({@link KeyRing}): text is sealed with the current key and starts with that key's id,
 * {@code <key id>.<base64 of nonce and ciphertext>}, so it opens with the key that sealed it as long as that key is
 * current or previous. Text sealed before key ids were written (no {@code .}) is tried with every key of the ring.
 */
public final class VoucherTransitCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final char KEY_ID_SEPARATOR = '.';
    private final CachedKeyRing keys;
    private final SecureRandom random = new SecureRandom();

    /** @param base64Key Base64 of 32 random bytes, the one key (nothing being rotated) */
    public VoucherTransitCipher(String base64Key) {
        this(CachedKeyRing.fixed(KeyRing.of(checkedKey(base64Key))));
    }

    /** Seals with the ring's current key and opens with any key of it; the ring is read when first needed. */
    public VoucherTransitCipher(CachedKeyRing keys) {
        this.keys = keys;
    }

    /**
     * @return the key as given
     * @throws IllegalArgumentException unless it is Base64 of 32 bytes
     */
    public static String checkedKey(String base64Key) {
        aesKey(base64Key);
        return base64Key;
    }

    private static SecretKeySpec aesKey(String base64Key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key == null ? "" : base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the voucher transit key is not Base64");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("the voucher transit key must be 32 bytes (Base64 of 44 characters)");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    public static String newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    public String seal(VoucherData voucher, long operationId) {
        return sealBytes(
                (voucher.number() + "|" + voucher.expiration() + "|" + voucher.securityCode())
                        .getBytes(StandardCharsets.UTF_8),
                associatedData(operationId));
    }

    /** @throws IllegalArgumentException when the text was not sealed with this key for this operation */
    public VoucherData open(String sealedText, long operationId) {
        try {
            String[] parts = new String(openBytes(sealedText, associatedData(operationId)), StandardCharsets.UTF_8)
                    .split("\\|", -1);
            return new VoucherData(parts[0], YearMonth.parse(parts[1]), parts[2]);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("the sealed voucher cannot be opened for operation " + operationId);
        }
    }

    /** Seals a merchant callback's signed body for the queues, bound to its payment and operation. */
    public String sealCallbackBody(String body, PaymentKey key, long operationId) {
        return sealBytes(body.getBytes(StandardCharsets.UTF_8), callbackAssociatedData(key, operationId));
    }

    /** @throws IllegalArgumentException when the body was not sealed with this key for this payment and operation */
    public String openCallbackBody(String sealedBody, PaymentKey key, long operationId) {
        try {
            return new String(openBytes(sealedBody, callbackAssociatedData(key, operationId)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "the sealed callback body cannot be opened for payment " + key + ", operation " + operationId);
        }
    }

    private String sealBytes(byte[] plain, byte[] associatedData) {
        KeyRing.Key key = keys.get().current();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, aesKey(key.secret()), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plain);
            return key.id()
                    + KEY_ID_SEPARATOR
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    private byte[] openBytes(String sealedText, byte[] associatedData) throws GeneralSecurityException {
        int separator = sealedText.indexOf(KEY_ID_SEPARATOR);
        if (separator < 0) {
            return openWithAnyKey(
                    Base64.getDecoder().decode(sealedText),
                    associatedData,
                    keys.get().keys());
        }
        String keyId = sealedText.substring(0, separator);
        KeyRing.Key key = keys.including(keyId)
                .find(keyId)
                .orElseThrow(() -> new GeneralSecurityException(
                        "sealed under key " + keyId + ", neither the current nor the previous key"));
        return open(Base64.getDecoder().decode(sealedText.substring(separator + 1)), associatedData, key);
    }

    /** Text sealed before it carried a key id: whichever key's tag checks out sealed it. */
    private static byte[] openWithAnyKey(byte[] sealed, byte[] associatedData, List<KeyRing.Key> candidates)
            throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (KeyRing.Key key : candidates) {
            try {
                return open(sealed, associatedData, key);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    private static byte[] open(byte[] sealed, byte[] associatedData, KeyRing.Key key) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, aesKey(key.secret()), new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
        cipher.updateAAD(associatedData);
        return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    }

    /** A different label from the voucher's, so neither kind of ciphertext opens as the other. */
    private static byte[] callbackAssociatedData(PaymentKey key, long operationId) {
        return ("jeton-callback-body|" + key.projectId() + "|" + key.paymentId() + "|" + operationId)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] associatedData(long operationId) {
        return ("jeton-voucher-transit|" + operationId).getBytes(StandardCharsets.UTF_8);
    }
}
