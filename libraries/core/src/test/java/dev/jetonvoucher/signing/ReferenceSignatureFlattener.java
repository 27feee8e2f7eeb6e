package dev.jetonvoucher.signing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The reference the one-pass {@link SignatureFlattener} is checked against: the string-to-sign exactly as the
 * protocol defines it (§1.1–1.4) and as the platform computed it before the one-pass walk (b0a802a) — every leaf
 * flattened to a {@code path:value} item with its raw key segments, then all items sorted as a list by the order's
 * comparator on whole items, then joined. Slow and plain on purpose: test code only.
 */
final class ReferenceSignatureFlattener {

    private static final String IGNORED_KEY = "frame_mode";
    private static final String PATH_SEPARATOR = ":";
    private static final String ESCAPED_PATH_SEPARATOR = "::";
    private static final String ITEM_SEPARATOR = ";";

    private ReferenceSignatureFlattener() {}

    /** The {@code path:value} items of {@code data}, unsorted. */
    static List<String> flatten(JsonNode data) {
        return leaves(data).stream().map(Leaf::text).toList();
    }

    static String stringToSign(JsonNode data, SignOrder order) {
        return leaves(data).stream()
                .sorted((a, b) -> compare(order, a, b))
                .map(Leaf::text)
                .collect(Collectors.joining(ITEM_SEPARATOR));
    }

    /** HMAC-SHA-512 of the UTF-8 string-to-sign, standard padded Base64 (protocol §1.1 steps 5–6). */
    static String sign(String secret, JsonNode data, SignOrder order) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA512"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(stringToSign(data, order).getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Verification as the platform did it before: copy the body, remove the top-level {@code signature} if that member
     * exists, else {@code general.signature}, and compare with the signature of the rest in each order.
     */
    static SignatureCheck check(String secret, JsonNode signedBody) {
        if (!signedBody.isObject()) {
            return SignatureCheck.missing();
        }
        ObjectNode unsigned = signedBody.deepCopy();
        JsonNode provided;
        if (unsigned.has("signature")) {
            provided = unsigned.remove("signature");
        } else {
            provided = unsigned.get("general") instanceof ObjectNode general ? general.remove("signature") : null;
        }
        if (provided == null || !provided.isTextual() || provided.textValue().isEmpty()) {
            return SignatureCheck.missing();
        }
        for (SignOrder order : SignOrder.values()) {
            if (sign(secret, unsigned, order).equals(provided.textValue())) {
                return SignatureCheck.matched(order);
            }
        }
        return SignatureCheck.invalid();
    }

    private static List<Leaf> leaves(JsonNode data) {
        Objects.requireNonNull(data, "data");
        if (!data.isContainerNode()) {
            throw new IllegalArgumentException(
                    "data to sign must be a JSON object or array, got " + data.getNodeType());
        }
        List<Leaf> leaves = new ArrayList<>();
        collect(data, List.of(), leaves);
        return leaves;
    }

    private static void collect(JsonNode node, List<String> path, List<Leaf> leaves) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                if (!IGNORED_KEY.equals(member.getKey())) {
                    collect(member.getValue(), append(path, member.getKey()), leaves);
                }
            }
        } else if (node.isArray()) {
            for (int index = 0; index < node.size(); index++) {
                collect(node.get(index), append(path, String.valueOf(index)), leaves);
            }
        } else {
            leaves.add(Leaf.of(path, render(node, path)));
        }
    }

    private static List<String> append(List<String> path, String segment) {
        List<String> longer = new ArrayList<>(path.size() + 1);
        longer.addAll(path);
        longer.add(segment);
        return List.copyOf(longer);
    }

    private static String render(JsonNode value, List<String> path) {
        return switch (value.getNodeType()) {
            case STRING -> value.textValue();
            case BOOLEAN -> value.booleanValue() ? "1" : "0";
            case NUMBER -> renderNumber(value);
            case NULL, MISSING -> "";
            default ->
                throw new IllegalArgumentException(
                        "cannot sign a " + value.getNodeType() + " value at " + String.join(PATH_SEPARATOR, path));
        };
    }

    private static String renderNumber(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.asText();
        }
        return number.isFloat() ? Float.toString(number.floatValue()) : Double.toString(number.doubleValue());
    }

    private static int compare(SignOrder order, Leaf a, Leaf b) {
        return switch (order) {
            case JAVA -> a.text().compareTo(b.text());
            case PATH -> {
                int byPath = compareCodePoints(a.path(), b.path());
                yield byPath != 0 ? byPath : a.text().compareTo(b.text());
            }
            case NATURAL -> {
                int bySegments = compareSegmentLists(a.segments(), b.segments());
                yield bySegments != 0 ? bySegments : a.text().compareTo(b.text());
            }
        };
    }

    private static int compareCodePoints(String a, String b) {
        int index = 0;
        while (index < a.length() && index < b.length()) {
            int codePointA = a.codePointAt(index);
            int codePointB = b.codePointAt(index);
            if (codePointA != codePointB) {
                return Integer.compare(codePointA, codePointB);
            }
            index += Character.charCount(codePointA);
        }
        return Integer.compare(a.length(), b.length());
    }

    private static int compareSegmentLists(List<String> a, List<String> b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int bySegment = compareSegments(a.get(i), b.get(i));
            if (bySegment != 0) {
                return bySegment;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareSegments(String a, String b) {
        if (isDigits(a) && isDigits(b)) {
            int numerically = new BigInteger(a).compareTo(new BigInteger(b));
            if (numerically != 0) {
                return numerically;
            }
        }
        return a.compareTo(b);
    }

    private static boolean isDigits(String segment) {
        return !segment.isEmpty() && segment.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** One scalar of the signed data: its raw key segments, the escaped path and the {@code path:value} text. */
    private record Leaf(List<String> segments, String path, String text) {

        static Leaf of(List<String> segments, String value) {
            String path = segments.stream()
                    .map(segment -> segment.replace(PATH_SEPARATOR, ESCAPED_PATH_SEPARATOR))
                    .collect(Collectors.joining(PATH_SEPARATOR));
            return new Leaf(segments, path, path + PATH_SEPARATOR + value);
        }
    }
}
