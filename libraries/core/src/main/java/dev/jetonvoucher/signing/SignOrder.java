package dev.jetonvoucher.signing;

import dev.jetonvoucher.signing.SignatureFlattener.Leaf;
import java.math.BigInteger;
import java.util.List;

/**
 * How the flattened {@code path:value} items are sorted before they are joined and signed.
 *
 * <p>The official ECommPay SDKs agree on realistic payloads but sort differently in a few corners
 * (protocol §1.4): a key that is a prefix of a sibling followed by a character below {@code ':'}
 * ({@code address} / {@code address2}) and lists with eleven or more elements.
 *
 * <p>We <b>sign</b> with {@link #JAVA} only: it is the documented order (protocol §1.1), the Java and Go SDKs
 * use it, and on every callback and status answer the Python SDK's {@link #PATH} gives the same string. The JS
 * and PHP SDKs' {@link #NATURAL} differs from eleven array elements on, i.e. on payouts of eleven or more
 * vouchers, whose callbacks those SDKs refuse; no faithful callback avoids that (CallbackSigningOrderTest, the
 * SDK conformance suite in testing/sdk-conformance, README "Which official SDKs verify which callbacks").
 * When <b>verifying</b> we also accept {@link #PATH} and
 * {@link #NATURAL}, so merchants built on the Python, PHP or JS SDKs are not rejected for a
 * difference the real platform's behaviour does not settle; {@link SignatureCheck#matchedOrder()}
 * says which variant matched. Only the ordering varies here: other SDK quirks (JS not escaping
 * {@code ':'} in keys, floats rendered as {@code 100} instead of {@code 100.0}) are not accepted.
 */
public enum SignOrder {

    /** Whole {@code path:value} strings in {@link String#compareTo} order (Java and Go SDKs). */
    JAVA {
        @Override
        int compare(Leaf a, Leaf b) {
            return a.text().compareTo(b.text());
        }
    },

    /** The flattened path alone, in code-point order (Python SDK). */
    PATH {
        @Override
        int compare(Leaf a, Leaf b) {
            int byPath = compareCodePoints(a.path(), b.path());
            return byPath != 0 ? byPath : a.text().compareTo(b.text());
        }
    },

    /**
     * The path segment by segment, comparing all-digit segments as integers (so list index 2 comes
     * before 10) and other segments in {@link String#compareTo} order. On ECommPay-shaped payloads
     * this equals PHP's {@code ksort(SORT_NATURAL)} over whole paths and the JS SDK's per-level key
     * sort; those two can still disagree on contrived keys (an object {@code a} beside a sibling
     * {@code a2}: PHP puts {@code a2} first, JS and this order put {@code a:…} first).
     */
    NATURAL {
        @Override
        int compare(Leaf a, Leaf b) {
            int bySegments = compareSegmentLists(a.segments(), b.segments());
            return bySegments != 0 ? bySegments : a.text().compareTo(b.text());
        }
    };

    abstract int compare(Leaf a, Leaf b);

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
}
