package dev.jetonvoucher.signing;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.function.IntPredicate;

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
 *
 * <p><b>How the orders are applied.</b> Each order is defined on whole items (paths, texts), but {@link
 * SignatureFlattener} never sorts whole items when it need not: it writes the items in order in one walk, sorting
 * each object's members and each array's indexes among themselves. That is the same order because every item
 * below a member starts with the member's path, so the items of one member stay together and siblings compare by
 * what follows their common parent path: {@link #compareMembers} says how, and it is exact whenever no key of the
 * object contains {@code ':'}. A key with a {@code ':'} is written {@code ::}, and then one sibling's path can be a
 * prefix of another's ({@code a:} and {@code a::b:}), so their items interleave by value; for such an object
 * ({@link #interleavesBelowColonKeys}) the walk sorts the items it wrote below it by {@link #compareItems}, the
 * order's definition itself.
 */
public enum SignOrder {

    /** Whole {@code path:value} strings in {@link String#compareTo} order (Java and Go SDKs). */
    JAVA {
        /** A member's items all start with {@code key + ":"}: siblings compare by that, in UTF-16 units. */
        @Override
        int compareMembers(String keyA, boolean containerA, String keyB, boolean containerB) {
            return compareUnits(keyA, keyB, ':');
        }

        @Override
        int compareItems(String pathA, String textA, String pathB, String textB) {
            return textA.compareTo(textB);
        }

        @Override
        boolean interleavesBelowColonKeys() {
            return true;
        }

        @Override
        int[] indexOrder(int size, IntPredicate container) {
            return javaIndexOrder(size);
        }
    },

    /** The flattened path alone, in code-point order (Python SDK). */
    PATH {
        /**
         * A scalar's path ends with its key (a shorter path sorts first); a container's paths continue with
         * {@code ':'}; in code points.
         */
        @Override
        int compareMembers(String keyA, boolean containerA, String keyB, boolean containerB) {
            return compareCodePoints(keyA, containerA ? ':' : END, keyB, containerB ? ':' : END);
        }

        @Override
        int compareItems(String pathA, String textA, String pathB, String textB) {
            int byPath = compareCodePoints(pathA, END, pathB, END);
            return byPath != 0 ? byPath : textA.compareTo(textB);
        }

        @Override
        boolean interleavesBelowColonKeys() {
            return true;
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
        /** Segments are the raw keys: siblings differ in their own segment, so nothing below them counts. */
        @Override
        int compareMembers(String keyA, boolean containerA, String keyB, boolean containerB) {
            if (isDigits(keyA) && isDigits(keyB)) {
                int numerically = new BigInteger(keyA).compareTo(new BigInteger(keyB));
                if (numerically != 0) {
                    return numerically;
                }
            }
            return keyA.compareTo(keyB);
        }

        @Override
        int compareItems(String pathA, String textA, String pathB, String textB) {
            throw new UnsupportedOperationException("members never interleave in the natural order");
        }

        @Override
        boolean interleavesBelowColonKeys() {
            return false;
        }

        /** Indexes are all digits, without leading zeros: in numeric order. */
        @Override
        int[] indexOrder(int size, IntPredicate container) {
            int[] order = new int[size];
            Arrays.setAll(order, index -> index);
            return order;
        }
    };

    /** Where a scalar's path ends: below every character. */
    private static final int END = -1;

    /**
     * The order of two members of one object (or two indexes of one array, as decimal keys), each with whether its
     * value is a container; exact for keys without {@code ':'}. Never 0 for different keys.
     */
    abstract int compareMembers(String keyA, boolean containerA, String keyB, boolean containerB);

    /** The order itself, on whole items: each one's escaped path and its {@code path:value} text. */
    abstract int compareItems(String pathA, String textA, String pathB, String textB);

    /** Whether the items below an object with a {@code ':'} in a key must be sorted by {@link #compareItems}. */
    abstract boolean interleavesBelowColonKeys();

    /**
     * The order of an array's indexes {@code 0..size-1}, whose element at an index is a container when {@code
     * container} says so: the indexes as decimal keys in {@link #compareMembers} order.
     */
    int[] indexOrder(int size, IntPredicate container) {
        return indexOrderByMembers(size, container);
    }

    /** {@link #indexOrder} by sorting decimal keys (the orders that can do it faster do). */
    final int[] indexOrderByMembers(int size, IntPredicate container) {
        String[] keys = new String[size];
        boolean[] containers = new boolean[size];
        Integer[] sorted = new Integer[size];
        for (int index = 0; index < size; index++) {
            keys[index] = Integer.toString(index);
            containers[index] = container.test(index);
            sorted[index] = index;
        }
        Arrays.sort(sorted, (a, b) -> compareMembers(keys[a], containers[a], keys[b], containers[b]));
        return Arrays.stream(sorted).mapToInt(Integer::intValue).toArray();
    }

    /**
     * The order of an array's indexes {@code 0..size-1} in {@link #JAVA}: {@code i + ":"} in {@link String#compareTo}
     * order, where {@code ':'} is above every digit, so a number comes after every longer number it begins (…, 10, 11,
     * 1, 2, …). Written by walking the decimal digits instead of sorting strings; equal to sorting by
     * {@link #compareMembers} ({@link #indexOrderByMembers}; SignOrderTest).
     */
    static int[] javaIndexOrder(int size) {
        int[] order = new int[size];
        if (size > 0) {
            int next = 0;
            order[next++] = 0;
            for (int digit = 1; digit <= 9 && digit < size; digit++) {
                next = javaIndexOrder(digit, size, order, next);
            }
        }
        return order;
    }

    private static int javaIndexOrder(int number, int size, int[] order, int next) {
        if (number <= (size - 1) / 10) {
            for (int digit = 0; digit <= 9; digit++) {
                int longer = number * 10 + digit;
                if (longer >= size) {
                    break;
                }
                next = javaIndexOrder(longer, size, order, next);
            }
        }
        order[next++] = number;
        return next;
    }

    /** {@code a + endA} against {@code b + endB} in UTF-16 units. */
    private static int compareUnits(String a, String b, char end) {
        int common = Math.min(a.length(), b.length());
        for (int i = 0; i < common; i++) {
            char unitA = a.charAt(i);
            char unitB = b.charAt(i);
            if (unitA != unitB) {
                return unitA - unitB;
            }
        }
        if (a.length() == b.length()) {
            return 0;
        }
        return a.length() < b.length() ? end - b.charAt(common) : a.charAt(common) - end;
    }

    /**
     * {@code a} followed by {@code endA} against {@code b} followed by {@code endB}, in code points ({@link #END}
     * below all). The character after a key is never a low surrogate, so pairs are read within the key.
     */
    private static int compareCodePoints(String a, int endA, String b, int endB) {
        int index = 0;
        while (index < a.length() && index < b.length()) {
            int codePointA = a.codePointAt(index);
            int codePointB = b.codePointAt(index);
            if (codePointA != codePointB) {
                return Integer.compare(codePointA, codePointB);
            }
            index += Character.charCount(codePointA);
        }
        int nextA = index < a.length() ? a.codePointAt(index) : endA;
        int nextB = index < b.length() ? b.codePointAt(index) : endB;
        return Integer.compare(nextA, nextB);
    }

    private static boolean isDigits(String segment) {
        if (segment.isEmpty()) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
