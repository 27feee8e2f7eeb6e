package dev.jetonvoucher.signing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Turns JSON data into the ECommPay string-to-sign (protocol §1.1–1.3).
 *
 * <p>Every scalar leaf becomes {@code path:value}: object members are reached as
 * {@code parent:child}, array elements by their zero-based index, and a {@code ':'} inside a key is
 * written {@code ::}. Values: strings verbatim, booleans {@code 1}/{@code 0}, integers as decimal
 * text, other numbers as {@link Double#toString} (what the Java SDK's Jackson maps produce), and
 * JSON {@code null} as an empty value (the Java SDK throws there; the other SDKs write {@code key:}).
 * Empty objects and arrays contribute nothing; a key named {@code frame_mode} is skipped at every
 * depth. The items are sorted according to a {@link SignOrder} and joined with {@code ;}.
 *
 * <p>Nothing is removed besides {@code frame_mode}: callers strip the signature before signing.
 */
public final class SignatureFlattener {

    private static final String IGNORED_KEY = "frame_mode";
    private static final String PATH_SEPARATOR = ":";
    private static final String ESCAPED_PATH_SEPARATOR = "::";
    private static final String ITEM_SEPARATOR = ";";

    private SignatureFlattener() {}

    /** The {@code path:value} items of {@code data}, unsorted. */
    public static List<String> flatten(JsonNode data) {
        return leaves(data).stream().map(Leaf::text).toList();
    }

    /** The exact text that is HMAC-ed when {@code data} is signed in the given order. */
    public static String stringToSign(JsonNode data, SignOrder order) {
        return order == SignOrder.JAVA ? javaOrderStringToSign(data) : join(leaves(data), order);
    }

    /**
     * The string-to-sign in {@link SignOrder#JAVA}, the order every signature we make uses, in one walk: each leaf's
     * text is built on one shared path buffer, the texts are sorted as an array and joined into one presized buffer.
     * The general walk ({@link #leaves}) keeps every path segment for the other orders' comparators, which costs more
     * than the HMAC itself; the two give the same text (SignatureFlattenerTest).
     */
    static String javaOrderStringToSign(JsonNode data) {
        Objects.requireNonNull(data, "data");
        if (!data.isContainerNode()) {
            throw new IllegalArgumentException(
                    "data to sign must be a JSON object or array, got " + data.getNodeType());
        }
        List<String> texts = new ArrayList<>(32);
        collectTexts(data, new StringBuilder(64), true, texts);
        if (texts.isEmpty()) {
            return "";
        }
        String[] sorted = texts.toArray(new String[0]);
        Arrays.sort(sorted);
        int length = sorted.length - 1;
        for (String text : sorted) {
            length += text.length();
        }
        StringBuilder joined = new StringBuilder(length);
        joined.append(sorted[0]);
        for (int i = 1; i < sorted.length; i++) {
            joined.append(ITEM_SEPARATOR).append(sorted[i]);
        }
        return joined.toString();
    }

    /** @param root whether {@code path} is the root's (empty, and no separator before the first segment) */
    private static void collectTexts(JsonNode node, StringBuilder path, boolean root, List<String> texts) {
        int parentLength = path.length();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                if (!IGNORED_KEY.equals(member.getKey())) {
                    appendSegment(path, root, member.getKey());
                    collectTexts(member.getValue(), path, false, texts);
                    path.setLength(parentLength);
                }
            }
        } else if (node.isArray()) {
            for (int index = 0; index < node.size(); index++) {
                if (!root) {
                    path.append(PATH_SEPARATOR);
                }
                path.append(index);
                collectTexts(node.get(index), path, false, texts);
                path.setLength(parentLength);
            }
        } else {
            String value = render(node, path);
            texts.add(new StringBuilder(path.length() + 1 + value.length())
                    .append(path)
                    .append(PATH_SEPARATOR)
                    .append(value)
                    .toString());
        }
    }

    private static void appendSegment(StringBuilder path, boolean root, String segment) {
        if (!root) {
            path.append(PATH_SEPARATOR);
        }
        if (segment.indexOf(':') < 0) {
            path.append(segment);
        } else {
            path.append(segment.replace(PATH_SEPARATOR, ESCAPED_PATH_SEPARATOR));
        }
    }

    static List<Leaf> leaves(JsonNode data) {
        Objects.requireNonNull(data, "data");
        if (!data.isContainerNode()) {
            throw new IllegalArgumentException(
                    "data to sign must be a JSON object or array, got " + data.getNodeType());
        }
        List<Leaf> leaves = new ArrayList<>();
        collect(data, List.of(), leaves);
        return leaves;
    }

    static String join(List<Leaf> leaves, SignOrder order) {
        return leaves.stream().sorted(order::compare).map(Leaf::text).collect(Collectors.joining(ITEM_SEPARATOR));
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
        String rendered = renderOrNull(value);
        if (rendered == null) {
            throw cannotSign(value, String.join(PATH_SEPARATOR, path));
        }
        return rendered;
    }

    private static String render(JsonNode value, CharSequence path) {
        String rendered = renderOrNull(value);
        if (rendered == null) {
            throw cannotSign(value, path);
        }
        return rendered;
    }

    /** The signed text of a scalar; null for a value that cannot be signed (binary, POJO). */
    private static String renderOrNull(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> value.textValue();
            case BOOLEAN -> value.booleanValue() ? "1" : "0";
            case NUMBER -> renderNumber(value);
            case NULL, MISSING -> "";
            default -> null;
        };
    }

    private static IllegalArgumentException cannotSign(JsonNode value, CharSequence path) {
        return new IllegalArgumentException("cannot sign a " + value.getNodeType() + " value at " + path);
    }

    private static String renderNumber(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.asText();
        }
        // The Java SDK prints the boxed value: Jackson gives it a Double (a Float only if built by hand).
        return number.isFloat() ? Float.toString(number.floatValue()) : Double.toString(number.doubleValue());
    }

    /**
     * One scalar of the signed data: its raw key segments, the escaped path and the
     * {@code path:value} text that is signed.
     */
    record Leaf(List<String> segments, String path, String text) {

        static Leaf of(List<String> segments, String value) {
            String path = segments.stream()
                    .map(segment -> segment.replace(PATH_SEPARATOR, ESCAPED_PATH_SEPARATOR))
                    .collect(Collectors.joining(PATH_SEPARATOR));
            return new Leaf(segments, path, path + PATH_SEPARATOR + value);
        }
    }
}
