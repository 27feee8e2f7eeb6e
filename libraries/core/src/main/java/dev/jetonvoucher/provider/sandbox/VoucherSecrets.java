package dev.jetonvoucher.provider.sandbox;

import dev.jetonvoucher.keys.CachedKeyRing;
import dev.jetonvoucher.keys.KeyRing;
import dev.jetonvoucher.signing.HmacSha256;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The sandbox provider's voucher secrets, derived from its key. A security code is a keyed function of the
 * voucher number, so the provider can hand it out again (in a status answer) without ever storing it; the
 * ledger keeps only a keyed hash of number and code to check redemptions against.
 *
 * <p>New vouchers take the current key; a voucher issued under the previous key (before a rotation) is still
 * recognised: its stored hash is the one that key gives ({@link #issuedCode}, {@link #codeHashes}).
 */
final class VoucherSecrets {

    private final CachedKeyRing keys;

    VoucherSecrets(CachedKeyRing keys) {
        this.keys = keys;
    }

    static String checkedKey(String providerKey) {
        if (providerKey == null || providerKey.length() < 16) {
            throw new IllegalArgumentException("the provider key must have at least 16 characters");
        }
        return providerKey;
    }

    /** The 4-digit security code of a new voucher number, under the current key. */
    String securityCode(String voucherNumber) {
        return securityCode(keys.get().current(), voucherNumber);
    }

    /** What the ledger stores instead of the code of a new voucher (current key). */
    String securityCodeHash(String voucherNumber, String securityCode) {
        return securityCodeHash(keys.get().current(), voucherNumber, securityCode);
    }

    /** The hash of number and code under each accepted key, the current key's first. */
    List<String> codeHashes(String voucherNumber, String securityCode) {
        List<String> hashes = new ArrayList<>();
        for (KeyRing.Key key : keys.get().keys()) {
            hashes.add(securityCodeHash(key, voucherNumber, securityCode));
        }
        return hashes;
    }

    /** The code of an issued voucher: the one whose hash under its issuing key is the stored hash. */
    Optional<String> issuedCode(String voucherNumber, String storedHash) {
        Optional<String> found = Optional.empty();
        for (KeyRing.Key key : keys.get().keys()) {
            String code = securityCode(key, voucherNumber);
            if (HmacSha256.sameText(storedHash, securityCodeHash(key, voucherNumber, code)) && found.isEmpty()) {
                found = Optional.of(code);
            }
        }
        return found;
    }

    private static String securityCode(KeyRing.Key key, String voucherNumber) {
        byte[] mac = hmac(key).mac("security-code|" + voucherNumber);
        int value = ((mac[0] & 0xff) << 24 | (mac[1] & 0xff) << 16 | (mac[2] & 0xff) << 8 | (mac[3] & 0xff)) >>> 1;
        return String.format("%04d", value % 10_000);
    }

    private static String securityCodeHash(KeyRing.Key key, String voucherNumber, String securityCode) {
        return Base64.getEncoder().encodeToString(hmac(key).mac("code-hash|" + voucherNumber + "|" + securityCode));
    }

    private static HmacSha256 hmac(KeyRing.Key key) {
        return HmacSha256.of(checkedKey(key.secret()));
    }
}
