package dev.jetonvoucher.signing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.signing.SignatureFlattener.Unsigned;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs and verifies ECommPay data with one project's secret key: HMAC-SHA-512 over the UTF-8
 * string-to-sign, standard padded Base64 (protocol §1).
 *
 * <p>Signing always uses {@link SignOrder#JAVA}; verification accepts every {@link SignOrder}
 * (see there why). Key and message are always encoded as UTF-8 — the Java SDK uses the platform
 * default charset, which on JDK 17 depends on {@code file.encoding}.
 *
 * <p>Instances are thread-safe: each thread gets its own {@link HmacSha512} of the key. They are cheap to make: a
 * key's HMAC state is made once per key and thread and shared by every signer of that key.
 */
public final class Signer {

    private static final String SIGNATURE = SignatureFlattener.SIGNATURE;
    private static final String GENERAL = SignatureFlattener.GENERAL;

    /** The orders verification tries, in declaration order: {@link SignOrder#JAVA}, the one we sign with, first. */
    private static final SignOrder[] ORDERS = SignOrder.values();

    /**
     * At most this many keys keep their HMAC state; past it the cache starts again. A container serves the projects
     * of one deployment, so this is reached only by a deployment with more projects than that, and then costs each
     * new signer what making a key's state costs (two SHA-512 blocks).
     */
    static final int MAX_KEPT_KEYS = 256;

    /**
     * Each key's HMAC state, per thread. Signers are made per request (one per Gate request, callback, status
     * answer); hashing a key's pads for each would cost more than starting from them saves, and a thread-local per
     * signer would leave the thread's map full of dead entries.
     */
    private static final ConcurrentHashMap<String, ThreadLocal<HmacSha512>> KEPT_KEYS = new ConcurrentHashMap<>();

    private final ThreadLocal<HmacSha512> macs;

    public Signer(String secretKey) {
        Objects.requireNonNull(secretKey, "secretKey");
        if (secretKey.isEmpty()) {
            throw new IllegalArgumentException("secret key must not be empty");
        }
        macs = keptKey(secretKey);
        macs.get(); // fail at construction, not on first use, if the JVM lacks SHA-512
    }

    /** Signs {@code unsignedData} as it is; a {@code signature} member inside it would be signed too. */
    public String sign(JsonNode unsignedData) {
        return Base64.getEncoder().encodeToString(mac(unsignedData, SignOrder.JAVA, Unsigned.NOTHING));
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
     * (then only it is left out of what is signed), otherwise {@code general.signature}.
     */
    public SignatureCheck check(JsonNode signedBody) {
        Objects.requireNonNull(signedBody, "signedBody");
        if (!signedBody.isObject()) {
            return SignatureCheck.missing();
        }
        JsonNode provided;
        Unsigned unsigned;
        if (signedBody.has(SIGNATURE)) {
            provided = signedBody.get(SIGNATURE);
            unsigned = Unsigned.TOP_LEVEL_SIGNATURE;
        } else if (signedBody.get(GENERAL) instanceof ObjectNode general) {
            provided = general.get(SIGNATURE);
            unsigned = Unsigned.GENERAL_SIGNATURE;
        } else {
            return SignatureCheck.missing();
        }
        if (provided == null || !provided.isTextual() || provided.textValue().isEmpty()) {
            return SignatureCheck.missing();
        }
        return verify(signedBody, unsigned, provided.textValue());
    }

    /** Verifies Payment Page query parameters (decoded values) carrying their {@code signature} parameter. */
    public SignatureCheck checkParams(Map<String, String> paramsWithSignature) {
        String provided = paramsWithSignature.get(SIGNATURE);
        if (provided == null || provided.isEmpty()) {
            return SignatureCheck.missing();
        }
        return verify(paramsWithoutSignature(paramsWithSignature), Unsigned.NOTHING, provided);
    }

    /**
     * Tries the documented order first (most bodies are signed in it), then the others, each on the same walk; every
     * comparison is in constant time.
     */
    private SignatureCheck verify(JsonNode body, Unsigned unsigned, String providedSignature) {
        byte[] provided = providedSignature.getBytes(UTF_8);
        for (SignOrder order : ORDERS) {
            byte[] expected = Base64.getEncoder().encode(mac(body, order, unsigned));
            if (constantTimeEquals(expected, provided)) {
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

    private static ObjectNode paramsWithoutSignature(Map<String, String> params) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        params.forEach((name, value) -> {
            if (!SIGNATURE.equals(name)) {
                node.put(name, value);
            }
        });
        return node;
    }

    private static ThreadLocal<HmacSha512> keptKey(String secretKey) {
        ThreadLocal<HmacSha512> kept = KEPT_KEYS.get(secretKey);
        if (kept != null) {
            return kept;
        }
        if (KEPT_KEYS.size() >= MAX_KEPT_KEYS) {
            KEPT_KEYS.clear();
        }
        byte[] key = secretKey.getBytes(UTF_8);
        return KEPT_KEYS.computeIfAbsent(secretKey, unused -> ThreadLocal.withInitial(() -> new HmacSha512(key)));
    }

    /** The HMAC of {@code data}'s string-to-sign in {@code order}, computed on the bytes the flattener writes. */
    private byte[] mac(JsonNode data, SignOrder order, Unsigned unsigned) {
        return SignatureFlattener.mac(data, order, unsigned, macs.get());
    }
}
