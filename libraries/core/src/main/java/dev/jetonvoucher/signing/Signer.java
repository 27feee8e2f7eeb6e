package dev.jetonvoucher.signing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.signing.SignatureFlattener.Leaf;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies ECommPay data with one project's secret key: HMAC-SHA-512 over the UTF-8
 * string-to-sign, standard padded Base64 (protocol §1).
 *
 * <p>Signing always uses {@link SignOrder#JAVA}; verification accepts every {@link SignOrder}
 * (see there why). Key and message are always encoded as UTF-8 — the Java SDK uses the platform
 * default charset, which on JDK 17 depends on {@code file.encoding}.
 *
 * <p>Instances are thread-safe: each thread gets its own {@link Mac}.
 */
public final class Signer {

    private static final String HMAC_ALGORITHM = "HmacSHA512";
    private static final String SIGNATURE = "signature";
    private static final String GENERAL = "general";

    private final ThreadLocal<Mac> macs;

    public Signer(String secretKey) {
        Objects.requireNonNull(secretKey, "secretKey");
        if (secretKey.isEmpty()) {
            throw new IllegalArgumentException("secret key must not be empty");
        }
        SecretKeySpec key = new SecretKeySpec(secretKey.getBytes(UTF_8), HMAC_ALGORITHM);
        macs = ThreadLocal.withInitial(() -> newMac(key));
        macs.get(); // fail at construction, not on first use, if the JVM lacks HmacSHA512
    }

    /** Signs {@code unsignedData} as it is; a {@code signature} member inside it would be signed too. */
    public String sign(JsonNode unsignedData) {
        return hmac(SignatureFlattener.stringToSign(unsignedData, SignOrder.JAVA));
    }

    /** Signs Payment Page query parameters (decoded values); {@code signature} and {@code frame_mode} are not signed. */
    public String signParams(Map<String, String> params) {
        return sign(paramsWithoutSignature(params));
    }

    /** Replaces any top-level {@code signature} with one over the rest of {@code body}; returns {@code body}. */
    public ObjectNode signTopLevel(ObjectNode body) {
        body.remove(SIGNATURE);
        body.put(SIGNATURE, sign(body));
        return body;
    }

    /**
     * Puts a signature over {@code body} (without {@code general.signature}) into {@code general.signature},
     * creating {@code general} if absent, as a merchant's Gate request carries it; returns {@code body}.
     */
    public ObjectNode signInGeneral(ObjectNode body) {
        JsonNode existing = body.get(GENERAL);
        if (existing != null && !existing.isObject()) {
            throw new IllegalArgumentException(
                    "'general' must be a JSON object to hold the signature, got " + existing.getNodeType());
        }
        // A freshly created, still empty 'general' contributes nothing to the signature.
        ObjectNode general = body.withObjectProperty(GENERAL);
        general.remove(SIGNATURE);
        general.put(SIGNATURE, sign(body));
        return body;
    }

    /**
     * Verifies a signed JSON body (callback, Gate request, status response) without modifying it.
     * Like the official SDKs, the signature is the top-level {@code signature} if that member exists
     * (then only it is removed), otherwise {@code general.signature}.
     */
    public SignatureCheck check(JsonNode signedBody) {
        Objects.requireNonNull(signedBody, "signedBody");
        if (!signedBody.isObject()) {
            return SignatureCheck.missing();
        }
        ObjectNode unsigned = signedBody.deepCopy();
        JsonNode provided = removeSignature(unsigned);
        if (provided == null || !provided.isTextual() || provided.textValue().isEmpty()) {
            return SignatureCheck.missing();
        }
        return verify(unsigned, provided.textValue());
    }

    /** Verifies Payment Page query parameters (decoded values) carrying their {@code signature} parameter. */
    public SignatureCheck checkParams(Map<String, String> paramsWithSignature) {
        String provided = paramsWithSignature.get(SIGNATURE);
        if (provided == null || provided.isEmpty()) {
            return SignatureCheck.missing();
        }
        return verify(paramsWithoutSignature(paramsWithSignature), provided);
    }

    /**
     * Most bodies are signed in the documented order: it is tried first on the one-pass walk; the general walk, which
     * the other orders' comparators need, runs only when it does not match.
     */
    private SignatureCheck verify(JsonNode unsigned, String providedSignature) {
        byte[] provided = providedSignature.getBytes(UTF_8);
        if (constantTimeEquals(
                hmac(SignatureFlattener.javaOrderStringToSign(unsigned)).getBytes(UTF_8), provided)) {
            return SignatureCheck.matched(SignOrder.JAVA);
        }
        List<Leaf> leaves = SignatureFlattener.leaves(unsigned);
        for (SignOrder order : SignOrder.values()) {
            if (order != SignOrder.JAVA
                    && constantTimeEquals(
                            hmac(SignatureFlattener.join(leaves, order)).getBytes(UTF_8), provided)) {
                return SignatureCheck.matched(order);
            }
        }
        return SignatureCheck.invalid();
    }

    /**
     * The only place signatures are compared. {@link MessageDigest#isEqual} takes the same time
     * wherever the first difference is, so response timing does not reveal how much of a forged
     * signature was right.
     */
    private static boolean constantTimeEquals(byte[] expected, byte[] provided) {
        return MessageDigest.isEqual(expected, provided);
    }

    private static JsonNode removeSignature(ObjectNode body) {
        if (body.has(SIGNATURE)) {
            return body.remove(SIGNATURE);
        }
        JsonNode general = body.get(GENERAL);
        return general instanceof ObjectNode generalObject ? generalObject.remove(SIGNATURE) : null;
    }

    private static ObjectNode paramsWithoutSignature(Map<String, String> params) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        params.forEach((name, value) -> {
            if (!SIGNATURE.equals(name)) {
                node.put(name, value);
            }
        });
        return node;
    }

    private String hmac(String stringToSign) {
        // doFinal resets the Mac, so the thread's instance is ready for the next message.
        byte[] mac = macs.get().doFinal(stringToSign.getBytes(UTF_8));
        return Base64.getEncoder().encodeToString(mac);
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(HMAC_ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC_ALGORITHM + " is not available", e);
        }
    }
}
