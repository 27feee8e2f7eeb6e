package dev.jetonvoucher.signing;

import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

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
 * the way. What it writes are the UTF-8 bytes that are signed ({@link Signer} hands the buffer to the MAC; {@link
 * #stringToSign} decodes it), and what it derives from an object's keys alone (the members' order, the escaped keys'
 * bytes) it keeps per depth for the next object with the same keys: the ten vouchers of a payout, or the same
 * object in the next callback.
 *
 * <p>Nothing is removed besides {@code frame_mode} and, when verifying, the signature member named by {@link
 * Unsigned}.
 */
public final class SignatureFlattener {

    static final String SIGNATURE = "signature";
    static final String GENERAL = "general";
    private static final String IGNORED_KEY = "frame_mode";
    private static final char PATH_SEPARATOR = ':';
    private static final byte ITEM_SEPARATOR = ';';

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
        Walk walk = walk(data, order, unsigned);
        boolean done = false;
        try {
            String text = walk.text();
            done = true;
            return text;
        } finally {
            walk.finish(done);
        }
    }

    /**
     * The HMAC of the UTF-8 encoding of {@link #stringToSign(JsonNode, SignOrder, Unsigned)}, computed on the bytes
     * the walk writes, without building the string or encoding it again.
     */
    static byte[] mac(JsonNode data, SignOrder order, Unsigned unsigned, HmacSha512 hmac) {
        Walk walk = walk(data, order, unsigned);
        boolean done = false;
        try {
            walk.replaceLoneSurrogates();
            byte[] result = hmac.mac(walk.out, 0, walk.length);
            done = true;
            return result;
        } finally {
            walk.finish(done);
        }
    }

    /** Walks {@code data} into the thread's buffers; the caller reads them and then calls {@link Walk#finish}. */
    private static Walk walk(JsonNode data, SignOrder order, Unsigned unsigned) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(order, "order");
        if (!data.isContainerNode()) {
            throw new IllegalArgumentException(
                    "data to sign must be a JSON object or array, got " + data.getNodeType());
        }
        Walk walk = WALKS.get();
        boolean started = false;
        try {
            walk.start(order, unsigned);
            walk.container(data, 0, unsigned == Unsigned.TOP_LEVEL_SIGNATURE);
            started = true;
            return walk;
        } finally {
            if (!started) {
                walk.finish(false);
            }
        }
    }

    /**
     * The state of one walk; {@link #start} and {@link #finish} bracket each use.
     *
     * <p>The walk writes bytes: the UTF-8 encoding of the string-to-sign, except that a lone surrogate (a UTF-16 unit
     * without its pair, which {@link String#getBytes} encodes as {@code '?'}) is kept as the three bytes of its own
     * code unit, so that the rare sort of whole items ({@link #sortItems}) and {@link #text} still see it; {@link
     * #replaceLoneSurrogates} turns those into {@code '?'} before the bytes are signed. In valid UTF-8 the bytes
     * {@code ED A0}–{@code ED BF} only begin such a unit, and {@code ':'} and {@code ';'} are never part of a longer
     * sequence, so the escaping of keys works on the bytes too.
     */
    private static final class Walk implements BiConsumer<String, JsonNode> {

        private static final int INITIAL_BYTES = 8192;
        /** A buffer grown beyond this for a big document is dropped afterwards rather than kept for the thread. */
        private static final int MAX_KEPT_BYTES = 1 << 17;

        private static final int MAX_KEPT_ITEMS = 4096;

        private static final int STRING = JsonNodeType.STRING.ordinal();
        private static final int NUMBER = JsonNodeType.NUMBER.ordinal();
        private static final int BOOLEAN = JsonNodeType.BOOLEAN.ordinal();
        private static final int NULL = JsonNodeType.NULL.ordinal();
        private static final int MISSING = JsonNodeType.MISSING.ordinal();

        private static final long EIGHT_DIGITS = 100_000_000L;
        private static final byte[] LONG_MIN = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

        /** The items written so far, separated by {@code ;}: {@code out[0, length)}. */
        byte[] out = new byte[INITIAL_BYTES];

        int length;
        /** The escaped path of the node being visited: {@code path[0, pathLength)}. */
        private byte[] path = new byte[256];

        private int pathLength;
        /** Per item written: where it starts in {@link #out}, where its path ends, where it ends. */
        private int[] items = new int[3 * 64];

        private int itemCount;
        /** Whether a lone surrogate was written (as its three bytes). */
        private boolean loneSurrogates;
        /** How many objects being visited sort their items afterwards ({@link #sortItems}): items are recorded then. */
        private int sortingObjects;
        /** While an object's members are collected ({@link #accept}): where they go, how many so far. */
        private Level collecting;

        private int collected;
        private boolean collectingWithoutSignature;
        /**
         * While collecting: the kept shape whose keys the members have followed so far (by identity, from the first),
         * or null; the keys of its members are not stored.
         */
        private Shape predicted;
        /** Per depth, the members of the object being visited there. */
        private Level[] levels = new Level[0];

        private SignOrder order;
        private Unsigned unsigned;

        void start(SignOrder order, Unsigned unsigned) {
            this.order = order;
            this.unsigned = unsigned;
        }

        void finish(boolean completed) {
            if (out.length > MAX_KEPT_BYTES) {
                out = new byte[INITIAL_BYTES];
            }
            if (path.length > MAX_KEPT_BYTES) {
                path = new byte[256];
            }
            if (items.length > 3 * MAX_KEPT_ITEMS) {
                items = new int[3 * 64];
            }
            length = 0;
            pathLength = 0;
            itemCount = 0;
            loneSurrogates = false;
            sortingObjects = 0;
            collecting = null;
            predicted = null;
            for (int depth = 0; depth < levels.length; depth++) {
                if (levels[depth].keys.length > MAX_KEPT_ITEMS) {
                    levels[depth] = new Level();
                } else if (!completed) {
                    // members are cleared as they are visited; an aborted walk leaves some behind
                    levels[depth].clear();
                }
            }
        }

        /** The string-to-sign, decoded from the bytes written (lone surrogates included). */
        String text() {
            return Utf8.decode(out, 0, length);
        }

        /** Makes {@code out} the exact UTF-8 of the string-to-sign: each lone surrogate becomes {@code '?'}. */
        void replaceLoneSurrogates() {
            if (loneSurrogates) {
                length = Utf8.replaceLoneSurrogates(out, length);
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
            collecting = level;
            collected = 0;
            collectingWithoutSignature = withoutSignature;
            if (node instanceof ObjectNode object) {
                object.forEachEntry(this); // one call per member, where an iterator makes four
            } else {
                for (Map.Entry<String, JsonNode> member : node.properties()) {
                    accept(member.getKey(), member.getValue());
                }
            }
            collecting = null;
            int count = collected;
            Shape predicted = this.predicted;
            this.predicted = null;
            if (count == 0) {
                return;
            }
            Shape shape;
            if (predicted != null && count == predicted.keys.length) {
                shape = predicted;
            } else {
                if (predicted != null) { // the first members were the prediction's: their keys were not stored
                    System.arraycopy(predicted.keys, 0, level.keys, 0, count);
                }
                shape = level.shape(this, count);
            }
            loneSurrogates |= shape.loneSurrogates;
            boolean sortsItems = shape.colonInKey && order.interleavesBelowColonKeys();
            int firstItem = itemCount;
            if (sortsItems) {
                sortingObjects++;
            }
            int parentLength = pathLength;
            byte[] keyBytes = shape.keyBytes;
            int[] keyEnds = shape.keyEnds;
            int[] sorted = shape.sorted;
            ensurePath(parentLength + 1 + shape.longestKey);
            for (int i = 0, keyStart = 0; i < count; i++) {
                int member = sorted[i];
                JsonNode value = level.values[member];
                level.values[member] = null;
                level.keys[member] = null;
                if (depth > 0) {
                    path[pathLength++] = PATH_SEPARATOR;
                }
                int keyEnd = keyEnds[i];
                System.arraycopy(keyBytes, keyStart, path, pathLength, keyEnd - keyStart);
                pathLength += keyEnd - keyStart;
                keyStart = keyEnd;
                if (level.containers[member]) {
                    container(
                            value,
                            depth + 1,
                            depth == 0 && unsigned == Unsigned.GENERAL_SIGNATURE && GENERAL.equals(shape.keys[member]));
                } else {
                    item(value, level.kinds[member]);
                }
                pathLength = parentLength;
            }
            if (sortsItems) {
                sortingObjects--;
                sortItems(firstItem);
            }
        }

        /** One member of the object being collected, in document order. */
        @Override
        public void accept(String key, JsonNode value) {
            // the lengths first: String.equals is a call at C1
            if (!(key.length() == IGNORED_KEY.length() && IGNORED_KEY.equals(key))
                    && !(collectingWithoutSignature && SIGNATURE.equals(key))) {
                Level level = collecting;
                int at = collected++;
                level.values[at] = value;
                JsonNodeType type = value.getNodeType();
                level.kinds[at] = (byte) type.ordinal();
                boolean container = type == JsonNodeType.OBJECT || type == JsonNodeType.ARRAY;
                level.containers[at] = container;
                Shape shape = at == 0 ? (predicted = level.predict(key, order)) : predicted;
                if (shape != null) {
                    if (at < shape.keys.length && shape.keys[at] == key && shape.containers[at] == container) {
                        return; // still the predicted shape: the key is known
                    }
                    // another shape after all: the keys so far were the prediction's
                    System.arraycopy(shape.keys, 0, level.keys, 0, at);
                    predicted = null;
                }
                level.keys[at] = key;
            }
        }

        /**
         * The shape of the {@code count} members collected in {@code level}: their order and escaped keys as bytes.
         * Called by {@link Level#shape} when no shape it keeps fits.
         */
        Shape shape(Level level, int count) {
            int[] sorted = level.sort(order, count);
            boolean colonInKey = false;
            int bytes = 0;
            for (int i = 0; i < count; i++) {
                String key = level.keys[i];
                colonInKey |= key.indexOf(PATH_SEPARATOR) >= 0;
                // a UTF-16 unit takes at most 3 bytes, doubled if it is ':'
                bytes += 3 * key.length();
            }
            // the keys in order, escaped, into the path buffer's spare room, then copied out
            boolean lonesBefore = loneSurrogates;
            loneSurrogates = false;
            int parentLength = pathLength;
            ensurePath(parentLength + bytes);
            int[] keyEnds = new int[count];
            int longestKey = 0;
            for (int i = 0; i < count; i++) {
                int keyStart = pathLength;
                pathLength = encode(level.keys[sorted[i]], path, keyStart);
                if (colonInKey) {
                    escapeSeparators(keyStart);
                }
                keyEnds[i] = pathLength - parentLength;
                longestKey = Math.max(longestKey, pathLength - keyStart);
            }
            byte[] keyBytes = Arrays.copyOfRange(path, parentLength, pathLength);
            pathLength = parentLength;
            boolean lone = loneSurrogates;
            loneSurrogates = lonesBefore;
            return new Shape(
                    order,
                    Arrays.copyOf(level.keys, count),
                    Arrays.copyOf(level.containers, count),
                    Arrays.copyOf(sorted, count),
                    keyBytes,
                    keyEnds,
                    longestKey,
                    colonInKey,
                    lone);
        }

        private void array(JsonNode node, int depth) {
            int size = node.size();
            if (size == 0) {
                return;
            }
            int[] indexes = order.indexOrder(size, index -> node.get(index).isContainerNode());
            int parentLength = pathLength;
            ensurePath(parentLength + 1 + 10);
            for (int index : indexes) {
                if (depth > 0) {
                    path[pathLength++] = PATH_SEPARATOR;
                }
                pathLength = writeDecimal(index, path, pathLength);
                JsonNode value = node.get(index);
                JsonNodeType type = value.getNodeType();
                if (type == JsonNodeType.OBJECT || type == JsonNodeType.ARRAY) {
                    container(value, depth + 1, false);
                } else {
                    item(value, type.ordinal());
                }
                pathLength = parentLength;
            }
        }

        /** Doubles each {@code ':'} in {@code path[from, pathLength)}, the key just written. */
        private void escapeSeparators(int from) {
            int colons = 0;
            for (int i = from; i < pathLength; i++) {
                if (path[i] == PATH_SEPARATOR) {
                    colons++;
                }
            }
            int end = pathLength + colons;
            for (int i = pathLength - 1, to = end, left = colons; left > 0; i--) {
                byte unit = path[i];
                path[--to] = unit;
                if (unit == PATH_SEPARATOR) {
                    path[--to] = PATH_SEPARATOR;
                    left--;
                }
            }
            pathLength = end;
        }

        /** Writes {@code path:value} for a scalar at {@link #path}. */
        /** @param kind the value's {@link JsonNodeType#ordinal} */
        private void item(JsonNode value, int kind) {
            // the path, two separators and the longest value that is not a string: a long's 20 characters
            ensureOut(length + pathLength + 2 + 24);
            if (length > 0) {
                out[length++] = ITEM_SEPARATOR;
            }
            int start = length;
            System.arraycopy(path, 0, out, length, pathLength);
            length += pathLength;
            int pathEnd = length;
            out[length++] = PATH_SEPARATOR;
            writeValue(value, kind);
            if (sortingObjects > 0) {
                record(start, pathEnd, length);
            }
        }

        private void writeValue(JsonNode value, int kind) {
            if (kind == STRING) {
                writeText(value.textValue());
            } else if (kind == NUMBER) {
                writeNumber(value);
            } else if (kind == BOOLEAN) {
                out[length++] = value.booleanValue() ? (byte) '1' : (byte) '0';
            } else if (kind != NULL && kind != MISSING) {
                // null (and missing) is an empty value: "path:"
                throw new IllegalArgumentException(
                        "cannot sign a " + value.getNodeType() + " value at " + Utf8.decode(path, 0, pathLength));
            }
        }

        private void writeNumber(JsonNode number) {
            NumberType type = number.numberType();
            if (type == NumberType.INT || type == NumberType.LONG) { // a short is an INT
                length = writeDecimal(number.longValue(), out, length);
            } else if (type == NumberType.BIG_INTEGER) {
                writeText(number.asText());
            } else if (type == NumberType.FLOAT) {
                // The Java SDK prints the boxed value: Jackson gives it a Double (a Float only if built by hand).
                writeText(Float.toString(number.floatValue()));
            } else {
                writeText(Double.toString(number.doubleValue()));
            }
        }

        private void writeText(String text) {
            ensureOut(length + 3 * text.length());
            length = encode(text, out, length);
        }

        /**
         * Writes {@code text} into {@code into} at {@code at} as UTF-8 (a lone surrogate as its own three bytes);
         * returns where it ends. {@code into} has room for three bytes per UTF-16 unit.
         */
        private int encode(String text, byte[] into, int at) {
            int units = text.length();
            for (int i = 0; i < units; i++) {
                char unit = text.charAt(i);
                if (unit >= 0x80) {
                    return encodeFrom(text, i, into, at + i);
                }
                into[at + i] = (byte) unit;
            }
            return at + units;
        }

        private int encodeFrom(String text, int from, byte[] into, int at) {
            int units = text.length();
            for (int i = from; i < units; i++) {
                char unit = text.charAt(i);
                if (unit < 0x80) {
                    into[at++] = (byte) unit;
                } else if (unit < 0x800) {
                    into[at++] = (byte) (0xC0 | unit >> 6);
                    into[at++] = (byte) (0x80 | unit & 0x3F);
                } else if (Character.isHighSurrogate(unit)
                        && i + 1 < units
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int codePoint = Character.toCodePoint(unit, text.charAt(++i));
                    into[at++] = (byte) (0xF0 | codePoint >> 18);
                    into[at++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                    into[at++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                    into[at++] = (byte) (0x80 | codePoint & 0x3F);
                } else {
                    loneSurrogates |= Character.isSurrogate(unit);
                    into[at++] = (byte) (0xE0 | unit >> 12);
                    into[at++] = (byte) (0x80 | unit >> 6 & 0x3F);
                    into[at++] = (byte) (0x80 | unit & 0x3F);
                }
            }
            return at;
        }

        /**
         * Writes {@code number} in decimal into {@code into} at {@code at} (room for 20 bytes); returns the end. By
         * multiplications rather than divisions by ten: C1 emits a division instruction for each.
         */
        private static int writeDecimal(long number, byte[] into, int at) {
            if (number < 0) {
                if (number == Long.MIN_VALUE) { // no positive counterpart
                    System.arraycopy(LONG_MIN, 0, into, at, LONG_MIN.length);
                    return at + LONG_MIN.length;
                }
                into[at++] = '-';
                return writePositive(-number, into, at);
            }
            return writePositive(number, into, at);
        }

        private static int writePositive(long number, byte[] into, int at) {
            if (number < EIGHT_DIGITS) {
                int small = (int) number;
                int digits = 1;
                for (int limit = 10; digits < 8 && small >= limit; limit *= 10) {
                    digits++;
                }
                return writeDigits(small, into, at, digits);
            }
            long high = number / EIGHT_DIGITS;
            int end = writePositive(high, into, at);
            return writeDigits((int) (number - high * EIGHT_DIGITS), into, end, 8);
        }

        /** Writes {@code number} (below 10^8) as {@code digits} decimal digits, zeros first. */
        private static int writeDigits(int number, byte[] into, int at, int digits) {
            int end = at + digits;
            for (int i = end - 1; i >= at; i--) {
                int tenth = (int) ((number * 0xCCCCCCCDL) >>> 35); // number / 10 for every int from 0 to 2^32 - 1
                into[i] = (byte) ('0' + number - 10 * tenth);
                number = tenth;
            }
            return end;
        }

        private void ensureOut(int capacity) {
            if (capacity > out.length) {
                out = Arrays.copyOf(out, Math.max(capacity, 2 * out.length));
            }
        }

        private void ensurePath(int capacity) {
            if (capacity > path.length) {
                path = Arrays.copyOf(path, Math.max(capacity, 2 * path.length));
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
            byte[][] bytes = new byte[count][];
            int[] pathBytes = new int[count];
            Integer[] sorted = new Integer[count];
            for (int i = 0; i < count; i++) {
                int at = 3 * (firstItem + i);
                int start = items[at];
                paths[i] = Utf8.decode(out, start, items[at + 1] - start);
                texts[i] = Utf8.decode(out, start, items[at + 2] - start);
                bytes[i] = Arrays.copyOfRange(out, start, items[at + 2]);
                pathBytes[i] = items[at + 1] - start;
                sorted[i] = i;
            }
            Arrays.sort(sorted, (a, b) -> order.compareItems(paths[a], texts[a], paths[b], texts[b]));
            length = items[3 * firstItem];
            itemCount = firstItem;
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    out[length++] = ITEM_SEPARATOR;
                }
                byte[] item = bytes[sorted[i]];
                int start = length;
                System.arraycopy(item, 0, out, start, item.length);
                length += item.length;
                record(start, start + pathBytes[sorted[i]], length);
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

        /** How many shapes a depth keeps: the kinds of objects a document holds at one depth. */
        private static final int KEPT_SHAPES = 8;
        /** An object with more members than this is sorted each time, not kept. */
        private static final int MAX_KEPT_MEMBERS = 64;

        String[] keys = new String[0];
        JsonNode[] values = new JsonNode[0];
        boolean[] containers = new boolean[0];
        /** The values' node types ({@link JsonNodeType#ordinal}: no reference to store), asked once. */
        byte[] kinds = new byte[0];

        private int[] sorted = new int[0];
        private int[] spare = new int[0];

        void ensure(int size) {
            if (keys.length < size) {
                int length = Math.max(size, 16);
                keys = new String[length];
                values = new JsonNode[length];
                containers = new boolean[length];
                kinds = new byte[length];
                sorted = new int[length];
                spare = new int[length];
            }
        }

        /** The last shapes seen at this depth, newest replacing oldest. */
        private final Shape[] shapes = new Shape[KEPT_SHAPES];

        private int nextShape;

        void clear() {
            Arrays.fill(keys, null);
            Arrays.fill(values, null);
        }

        /** A kept shape in {@code order} whose first key is {@code firstKey} (the same instance), or null. */
        Shape predict(String firstKey, SignOrder order) {
            for (Shape shape : shapes) {
                if (shape != null && shape.keys[0] == firstKey && shape.order == order) {
                    return shape;
                }
            }
            return null;
        }

        /**
         * The shape of the {@code count} members collected: one kept at this depth if the same keys (the same String
         * instances) came in the same order with the same kinds of values in the same sign order, else {@code walk}'s
         * new one. Keys are constants in the documents the platform builds, and Jackson interns the field names it
         * parses, so the objects of a list, and the same object in the next document, find their shape here.
         */
        Shape shape(Walk walk, int count) {
            for (Shape shape : shapes) {
                if (shape != null && shape.fits(walk.order, keys, containers, count)) {
                    return shape;
                }
            }
            Shape shape = walk.shape(this, count);
            if (count <= MAX_KEPT_MEMBERS) {
                shapes[nextShape] = shape;
                nextShape = (nextShape + 1) % KEPT_SHAPES;
            }
            return shape;
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

    /**
     * What the walk derives from an object's keys alone (and whether each value is a container): the members' order
     * and their escaped keys, encoded, in that order. Immutable.
     */
    private static final class Shape {

        final SignOrder order;
        /** The keys in document order. */
        final String[] keys;

        final boolean[] containers;
        /** The members' indexes in the order's sibling order. */
        final int[] sorted;
        /** The escaped keys in {@link #sorted} order, encoded like the rest of the walk, one after the other. */
        final byte[] keyBytes;
        /** Where the {@code i}-th key in order ends in {@link #keyBytes}. */
        final int[] keyEnds;

        final int longestKey;
        /** Whether a key holds {@code ':'}: then the items below may interleave ({@link SignOrder}). */
        final boolean colonInKey;
        /** Whether a key holds a lone surrogate. */
        final boolean loneSurrogates;

        Shape(
                SignOrder order,
                String[] keys,
                boolean[] containers,
                int[] sorted,
                byte[] keyBytes,
                int[] keyEnds,
                int longestKey,
                boolean colonInKey,
                boolean loneSurrogates) {
            this.order = order;
            this.keys = keys;
            this.containers = containers;
            this.sorted = sorted;
            this.keyBytes = keyBytes;
            this.keyEnds = keyEnds;
            this.longestKey = longestKey;
            this.colonInKey = colonInKey;
            this.loneSurrogates = loneSurrogates;
        }

        /** Whether these are the members {@code keys[0, count)} in this order: the same instances, compared by identity. */
        boolean fits(SignOrder order, String[] keys, boolean[] containers, int count) {
            if (this.order != order || this.keys.length != count) {
                return false;
            }
            for (int i = 0; i < count; i++) {
                if (this.keys[i] != keys[i] || this.containers[i] != containers[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The two conversions of the walk's bytes that are not on the signing path. */
    private static final class Utf8 {

        private Utf8() {}

        /** Decodes what {@link Walk} wrote (UTF-8, a lone surrogate as its own three bytes). */
        static String decode(byte[] bytes, int from, int length) {
            char[] units = new char[length];
            int count = 0;
            int end = from + length;
            for (int i = from; i < end; ) {
                int lead = bytes[i++];
                if (lead >= 0) {
                    units[count++] = (char) lead;
                } else if ((lead & 0xE0) == 0xC0) {
                    units[count++] = (char) ((lead & 0x1F) << 6 | bytes[i++] & 0x3F);
                } else if ((lead & 0xF0) == 0xE0) {
                    units[count++] = (char) ((lead & 0x0F) << 12 | (bytes[i++] & 0x3F) << 6 | bytes[i++] & 0x3F);
                } else {
                    int codePoint = (lead & 0x07) << 18
                            | (bytes[i++] & 0x3F) << 12
                            | (bytes[i++] & 0x3F) << 6
                            | bytes[i++] & 0x3F;
                    units[count++] = Character.highSurrogate(codePoint);
                    units[count++] = Character.lowSurrogate(codePoint);
                }
            }
            return new String(units, 0, count);
        }

        /**
         * Replaces each lone surrogate's three bytes ({@code ED A0..BF xx}, which valid UTF-8 never holds) in {@code
         * bytes[0, length)} by {@code '?'}, as {@link String#getBytes} encodes it; returns the new length.
         */
        static int replaceLoneSurrogates(byte[] bytes, int length) {
            int to = 0;
            for (int i = 0; i < length; ) {
                if (bytes[i] == (byte) 0xED && (bytes[i + 1] & 0xE0) == 0xA0) {
                    bytes[to++] = '?';
                    i += 3;
                } else {
                    bytes[to++] = bytes[i++];
                }
            }
            return to;
        }
    }
}
