package dev.jetonvoucher.provider.sandbox;

import dev.jetonvoucher.signing.HmacSha256;
import java.util.Base64;

/**
 * The sandbox provider's voucher secrets, derived from its key. A security code is a keyed function of the
 * voucher number, so the provider can hand it out again (in a status answer) without ever storing it; the
 * ledger keeps only a keyed hash of number and code to check redemptions against.
 */
final class VoucherSecrets {

    private final HmacSha256 key;

    VoucherSecrets(String providerKey) {
        if (providerKey == null || providerKey.length() < 16) {
            throw new IllegalArgumentException("the provider key must have at least 16 characters");
        }
        this.key = HmacSha256.of(providerKey);
    }

    /** The 4-digit security code of a voucher number. */
    String securityCode(String voucherNumber) {
        byte[] mac = key.mac("security-code|" + voucherNumber);
        int value = ((mac[0] & 0xff) << 24 | (mac[1] & 0xff) << 16 | (mac[2] & 0xff) << 8 | (mac[3] & 0xff)) >>> 1;
        return String.format("%04d", value % 10_000);
    }

    /** What the ledger stores instead of the code. */
    String securityCodeHash(String voucherNumber, String securityCode) {
        return Base64.getEncoder().encodeToString(key.mac("code-hash|" + voucherNumber + "|" + securityCode));
    }
}
