package dev.jetonvoucher.signing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Turns JSON data into the ECommPay string-to-sign (protocol §1.1–1.3), in one walk.
 *
 * <p>Every scalar leaf becomes {@code path:value}: object members are reached as
 * {@code parent:child}, array elements by their zero-based index, and a {@code ':'} inside a key is
 * written {@code ::}. Values: strings verbatim, booleans {@code 1}/{@code 0}, integers as decimal
 * text, other numbers as {@link Double#toString} (what the Java SDK's Jackson maps produce), and
 * JSON {@code null} as an empty value (the Java SDK throws there; the other SDKs write {@code key:}).
 * Empty objects and arrays contribute nothing; a key named {@code frame_mode} is skipped at every
 * depth. The items are sorted according to a {@link SignOrder} and joined with {@code ;}.
 *
 * <p>The walk writes the items straight into one buffer, already in order: it visits each object's members and
 * each array's indexes in the order's sibling order ({@link SignOrder#compareMembers}), which gives the same text
 * as flattening everything and sorting the items (see {@link SignOrder} why; the old flatten-and-sort
 * implementation is kept in the tests as the reference it is checked against). No item, path or list is built on
 * the way.
 *
 * <p>Nothing is removed besides {@code frame_mode} and, when verifying, the signature member named by {@link
 * Unsigned}.
 */
public final class SignatureFlattener {

    static final String SIGNATURE = "signature";
    static final String GENERAL = "general";
    private static final String IGNORED_KEY = "frame_mode";
    private static final char PATH_SEPARATOR = ':';
    private static final char ITEM_SEPARATOR = ';';

    /** Which signature member of the data is left out of what is signed (a verified body carries its own). */
    enum Unsigned {
        /** None: the data is signed as it is. */
        NOTHING,
        /** The top-level {@code signature} member. */
        TOP_LEVEL_SIGNATURE,
        /** {@code general.signature}. */
        GENERAL_SIGNATURE
    }

    /** One walk's buffers per thread, reused: a callback is signed without growing a buffer. */
    private static final ThreadLocal<Walk> WALKS = ThreadLocal.withInitial(Walk::new);

    private SignatureFlattener() {}

    /** The exact text that is HMAC-ed when {@code data} is signed in the given order. */
    public static String stringToSign(JsonNode data, SignOrder order) {
        return stringToSign(data, order, Unsigned.NOTHING);
    }

    /** The text that is HMAC-ed for {@code data} without the member {@code unsigned} names. */
    static String stringToSign(JsonNode data, SignOrder order, Unsigned unsigned) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(order, "order");
        if (!data.isContainerNode()) {
            throw new IllegalArgumentException(
                    "data to sign must be a JSON object or array, got " + data.getNodeType());
        }
        Walk walk = WALKS.get();
        boolean done = false;
        try {
            walk.start(order, unsigned);
            walk.container(data, 0, unsigned == Unsigned.TOP_LEVEL_SIGNATURE);
            String text = walk.out.toString();
            done = true;
            return text;
        } finally {
            walk.finish(done);
        }
    }

    /** The state of one walk; {@link #start} and {@link #finish} bracket each use. */
    private static final class Walk {

        private static final int INITIAL_CHARS = 4096;
        /** A buffer grown beyond this for a big document is dropped afterwards rather than kept for the thread. */
        private static final int MAX_KEPT_CHARS = 1 << 16;

        private static final int MAX_KEPT_ITEMS = 4096;

        /** The items written so far, separated by {@code ;}. */
        private StringBuilder out = new StringBuilder(INITIAL_CHARS);
        /** The escaped path of the node being visited. */
        private StringBuilder path = new StringBuilder(256);
        /** Per item written: where it starts in {@link #out}, where its path ends, where it ends. */
        private int[] items = new int[3 * 64];

        private int itemCount;
        /** Per depth, the members of the object being visited there. */
        private Level[] levels = new Level[0];

        private SignOrder order;
        private Unsigned unsigned;

        void start(SignOrder order, Unsigned unsigned) {
            this.order = order;
            this.unsigned = unsigned;
        }

        void finish(boolean completed) {
            if (out.capacity() > MAX_KEPT_CHARS) {
                out = new StringBuilder(INITIAL_CHARS);
            } else {
                out.setLength(0);
            }
            if (path.capacity() > MAX_KEPT_CHARS) {
                path = new StringBuilder(256);
            } else {
                path.setLength(0);
            }
            if (items.length > 3 * MAX_KEPT_ITEMS) {
                items = new int[3 * 64];
            }
            itemCount = 0;
            for (int depth = 0; depth < levels.length; depth++) {
                if (levels[depth].keys.length > MAX_KEPT_ITEMS) {
                    levels[depth] = new Level();
                } else if (!completed) {
                    // members are cleared as they are visited; an aborted walk leaves some behind
                    levels[depth].clear();
                }
            }
        }

        /** @param withoutSignature whether this object's {@code signature} member is left out */
        void container(JsonNode node, int depth, boolean withoutSignature) {
            if (node.isObject()) {
                object(node, depth, withoutSignature);
            } else {
                array(node, depth);
            }
        }

        private void object(JsonNode node, int depth, boolean withoutSignature) {
            int size = node.size();
            if (size == 0) {
                return;
            }
            Level level = level(depth, size);
            int count = 0;
            boolean colonInKey = false;
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String key = member.getKey();
                if (!IGNORED_KEY.equals(key) && !(withoutSignature && SIGNATURE.equals(key))) {
                    colonInKey |= key.indexOf(PATH_SEPARATOR) >= 0;
                    JsonNode value = member.getValue();
                    level.keys[count] = key;
                    level.values[count] = value;
                    level.containers[count] = value.isContainerNode();
                    count++;
                }
            }
            int[] sorted = level.sort(order, count);
            int firstItem = itemCount;
            int parentLength = path.length();
            for (int i = 0; i < count; i++) {
                int member = sorted[i];
                String key = level.keys[member];
                JsonNode value = level.values[member];
                level.keys[member] = null;
                level.values[member] = null;
                if (depth > 0) {
                    path.append(PATH_SEPARATOR);
                }
                if (colonInKey) {
                    appendEscaped(key);
                } else {
                    path.append(key);
                }
                if (level.containers[member]) {
                    container(
                            value,
                            depth + 1,
                            depth == 0 && unsigned == Unsigned.GENERAL_SIGNATURE && GENERAL.equals(key));
                } else {
                    item(value);
                }
                path.setLength(parentLength);
            }
            if (colonInKey && order.interleavesBelowColonKeys()) {
                sortItems(firstItem);
            }
        }

        private void array(JsonNode node, int depth) {
            int size = node.size();
            if (size == 0) {
                return;
            }
            int[] indexes = order.indexOrder(size, index -> node.get(index).isContainerNode());
            int parentLength = path.length();
            for (int index : indexes) {
                if (depth > 0) {
                    path.append(PATH_SEPARATOR);
                }
                path.append(index);
                JsonNode value = node.get(index);
                if (value.isContainerNode()) {
                    container(value, depth + 1, false);
                } else {
                    item(value);
                }
                path.setLength(parentLength);
            }
        }

        /** Appends a key with each {@code ':'} in it doubled. */
        private void appendEscaped(String key) {
            for (int i = 0; i < key.length(); i++) {
                char c = key.charAt(i);
                path.append(c);
                if (c == PATH_SEPARATOR) {
                    path.append(PATH_SEPARATOR);
                }
            }
        }

        /** Writes {@code path:value} for a scalar at {@link #path}. */
        private void item(JsonNode value) {
            if (itemCount > 0) {
                out.append(ITEM_SEPARATOR);
            }
            int start = out.length();
            out.append(path);
            int pathEnd = out.length();
            out.append(PATH_SEPARATOR);
            appendValue(value);
            record(start, pathEnd, out.length());
        }

        private void appendValue(JsonNode value) {
            switch (value.getNodeType()) {
                case STRING -> out.append(value.textValue());
                case BOOLEAN -> out.append(value.booleanValue() ? '1' : '0');
                case NUMBER -> appendNumber(value);
                case NULL, MISSING -> {
                    // an empty value: "path:"
                }
                default ->
                    throw new IllegalArgumentException("cannot sign a " + value.getNodeType() + " value at " + path);
            }
        }

        private void appendNumber(JsonNode number) {
            if (number.isInt() || number.isLong() || number.isShort()) {
                out.append(number.longValue());
            } else if (number.isIntegralNumber()) {
                out.append(number.asText());
            } else if (number.isFloat()) {
                // The Java SDK prints the boxed value: Jackson gives it a Double (a Float only if built by hand).
                out.append(Float.toString(number.floatValue()));
            } else {
                out.append(Double.toString(number.doubleValue()));
            }
        }

        private void record(int start, int pathEnd, int end) {
            int at = 3 * itemCount;
            if (at + 3 > items.length) {
                items = Arrays.copyOf(items, items.length * 2);
            }
            items[at] = start;
            items[at + 1] = pathEnd;
            items[at + 2] = end;
            itemCount++;
        }

        /**
         * Sorts the items written since {@code firstItem} (all below one object, so sharing its path) by the order's
         * definition, in place.
         */
        private void sortItems(int firstItem) {
            int count = itemCount - firstItem;
            if (count < 2) {
                return;
            }
            String[] paths = new String[count];
            String[] texts = new String[count];
            Integer[] sorted = new Integer[count];
            for (int i = 0; i < count; i++) {
                int at = 3 * (firstItem + i);
                paths[i] = out.substring(items[at], items[at + 1]);
                texts[i] = out.substring(items[at], items[at + 2]);
                sorted[i] = i;
            }
            Arrays.sort(sorted, (a, b) -> order.compareItems(paths[a], texts[a], paths[b], texts[b]));
            out.setLength(items[3 * firstItem]);
            itemCount = firstItem;
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    out.append(ITEM_SEPARATOR);
                }
                int start = out.length();
                out.append(texts[sorted[i]]);
                record(start, start + paths[sorted[i]].length(), out.length());
            }
        }

        private Level level(int depth, int size) {
            if (depth >= levels.length) {
                int old = levels.length;
                levels = Arrays.copyOf(levels, Math.max(depth + 1, 2 * old));
                for (int i = old; i < levels.length; i++) {
                    levels[i] = new Level();
                }
            }
            Level level = levels[depth];
            level.ensure(size);
            return level;
        }
    }

    /**
     * The members of one object: its keys, values and whether each value is a container, in document order, and
     * {@link #sort}'s permutation of them.
     */
    private static final class Level {

        String[] keys = new String[0];
        JsonNode[] values = new JsonNode[0];
        boolean[] containers = new boolean[0];
        private int[] sorted = new int[0];
        private int[] spare = new int[0];

        void ensure(int size) {
            if (keys.length < size) {
                int length = Math.max(size, 16);
                keys = new String[length];
                values = new JsonNode[length];
                containers = new boolean[length];
                sorted = new int[length];
                spare = new int[length];
            }
        }

        void clear() {
            Arrays.fill(keys, null);
            Arrays.fill(values, null);
        }

        /**
         * The first {@code count} members' indexes in the order's sibling order. By hand rather than with {@link
         * Arrays#sort}: the natural order's comparison is not transitive when all-digit keys meet a key that only
         * starts with digits (9 &lt; 10 numerically, {@code "10" < "1a" < "9"} as text), which {@link Arrays#sort}
         * may answer with an exception, and a merchant's request must not be able to make verification throw. Such
         * keys get some order (no order fits them); every other set of keys gets the one order. Insertion sort for
         * the few members of an ECommPay object, merge sort above.
         */
        int[] sort(SignOrder order, int count) {
            for (int i = 0; i < count; i++) {
                sorted[i] = i;
            }
            if (count < 8) {
                insertionSort(order, sorted, 0, count);
            } else {
                System.arraycopy(sorted, 0, spare, 0, count);
                mergeSort(order, spare, sorted, 0, count);
            }
            return sorted;
        }

        private int compare(SignOrder order, int a, int b) {
            return order.compareMembers(keys[a], containers[a], keys[b], containers[b]);
        }

        private void insertionSort(SignOrder order, int[] into, int low, int high) {
            for (int i = low + 1; i < high; i++) {
                int member = into[i];
                int j = i;
                while (j > low && compare(order, into[j - 1], member) > 0) {
                    into[j] = into[j - 1];
                    j--;
                }
                into[j] = member;
            }
        }

        /** Sorts {@code into[low, high)} from {@code from}, which holds the same members in the same places. */
        private void mergeSort(SignOrder order, int[] from, int[] into, int low, int high) {
            if (high - low < 8) {
                insertionSort(order, into, low, high);
                return;
            }
            int middle = (low + high) >>> 1;
            mergeSort(order, into, from, low, middle);
            mergeSort(order, into, from, middle, high);
            for (int i = low, left = low, right = middle; i < high; i++) {
                if (right >= high || left < middle && compare(order, from[left], from[right]) <= 0) {
                    into[i] = from[left++];
                } else {
                    into[i] = from[right++];
                }
            }
        }
    }
}
