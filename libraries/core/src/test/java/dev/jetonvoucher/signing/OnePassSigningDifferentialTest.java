package dev.jetonvoucher.signing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one-pass {@link SignatureFlattener} and {@link Signer} against {@link ReferenceSignatureFlattener}, the
 * flatten-everything-then-sort implementation they replace: on thousands of random documents built to hit the
 * corners of the orders (keys that are prefixes of siblings, digits, {@code "10"} beside {@code "9"}, upper case,
 * {@code ':'} and {@code ';'} in keys and values, code points above U+FFFF, lone surrogates, arrays past 10 and 100
 * elements, empty containers, every kind of number) and on every signature vector, the string-to-sign is
 * identical (and so are its UTF-8 bytes) in every order, and so are the signature and the verification's outcome.
 */
class OnePassSigningDifferentialTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SECRET = "differential-secret";
    private static final int DOCUMENTS = 4_000;

    /** Keys chosen to sort awkwardly beside each other; random keys are made from them and from {@link #UNITS}. */
    private static final String[] KEYS = {
        "",
        ":",
        "::",
        "a",
        "A",
        "Z",
        "a:b",
        "a:",
        ":a",
        "b",
        "ab",
        "a2",
        "a-",
        "a.",
        "a_",
        "a;",
        "a ",
        "address",
        "address2",
        "address_line",
        "0",
        "1",
        "9",
        "10",
        "11",
        "01",
        "100",
        "2",
        "frame_mode",
        "signature",
        "general",
        "\u00e9",
        "\u00df",
        "\uff5e",
        "\ud83d\ude00",
        "\ud800",
        "\udc00",
        "\u65e5\u672c",
        "vouchers",
        "sum"
    };

    /** Characters random keys and values are made of. */
    private static final String[] UNITS = {
        "a",
        "b",
        "A",
        "0",
        "1",
        "9",
        ":",
        ";",
        "-",
        ".",
        " ",
        "_",
        "~",
        "\u00e9",
        "\uff5e",
        "\ud83d\ude00",
        "\ud800",
        "\udc00",
        "\u0000",
        "\u007f",
        "\u0080",
        "\uffff",
        "\ud7ff",
        "\ue000"
    };

    @Test
    void random_documents_sign_byte_for_byte_as_the_reference_in_every_order() {
        Random random = new Random(20261202L);
        Signer signer = new Signer(SECRET);
        Set<SignOrder> differingFromJava = EnumSet.noneOf(SignOrder.class);
        int colonDocuments = 0;
        int items = 0;
        int undefinedNatural = 0;
        for (int document = 0; document < DOCUMENTS; document++) {
            JsonNode data = randomContainer(random, 0);
            String expectedJava = ReferenceSignatureFlattener.stringToSign(data, SignOrder.JAVA);
            for (SignOrder order : SignOrder.values()) {
                if (order == SignOrder.NATURAL && !naturalOrderIsDefined(data)) {
                    undefinedNatural++;
                    SignatureFlattener.stringToSign(data, order); // some order, but no exception
                    continue;
                }
                String expected = ReferenceSignatureFlattener.stringToSign(data, order);
                String actual = SignatureFlattener.stringToSign(data, order);
                assertEquals(expected, actual, () -> order + " of " + data);
                assertArrayEquals(expected.getBytes(UTF_8), actual.getBytes(UTF_8), () -> order + " of " + data);
                if (!expected.equals(expectedJava)) {
                    differingFromJava.add(order);
                }
            }
            assertEquals(
                    ReferenceSignatureFlattener.sign(SECRET, data, SignOrder.JAVA),
                    signer.sign(data),
                    () -> data.toString());
            colonDocuments += data.toString().contains(":") ? 1 : 0;
            items += ReferenceSignatureFlattener.flatten(data).size();
        }
        // the documents did reach the corners where the orders part
        assertEquals(EnumSet.of(SignOrder.PATH, SignOrder.NATURAL), differingFromJava);
        assertTrue(colonDocuments > DOCUMENTS / 2, "documents with ':' in keys or values: " + colonDocuments);
        assertTrue(items > DOCUMENTS * 10, "items: " + items);
        assertTrue(undefinedNatural < DOCUMENTS / 4, "documents without a natural order: " + undefinedNatural);
    }

    @Test
    void random_signed_documents_verify_as_the_reference_verifies() {
        Random random = new Random(7L);
        Signer signer = new Signer(SECRET);
        Set<String> outcomes = new HashSet<>();
        for (int document = 0; document < DOCUMENTS; document++) {
            ObjectNode body = randomObject(random, 0);
            SignOrder signedIn = SignOrder.values()[random.nextInt(SignOrder.values().length)];
            if (signedIn == SignOrder.NATURAL && !naturalOrderIsDefined(body)) {
                signedIn = SignOrder.PATH;
            }
            switch (random.nextInt(5)) {
                case 0 -> body.put("signature", ReferenceSignatureFlattener.sign(SECRET, body, signedIn));
                case 1 -> {
                    if (body.has("general") && !body.get("general").isObject()) {
                        body.remove("general");
                    }
                    ObjectNode general = body.withObjectProperty("general");
                    general.remove("signature");
                    general.put("signature", ReferenceSignatureFlattener.sign(SECRET, body, signedIn));
                }
                case 2 -> body.put("signature", ReferenceSignatureFlattener.sign("another secret", body, signedIn));
                case 3 -> {
                    // a signature over the body, then a value changed
                    body.put("signature", ReferenceSignatureFlattener.sign(SECRET, body, signedIn));
                    body.put("a", "tampered");
                }
                default -> {
                    // whatever the document holds: none, a stale one, a non-string one
                }
            }
            JsonNode before = body.deepCopy();
            SignatureCheck expected = ReferenceSignatureFlattener.check(SECRET, body);

            assertEquals(expected, signer.check(body), () -> body.toString());
            assertEquals(before, body, "check leaves the body as it was");
            outcomes.add(expected.outcome() + " " + expected.matchedOrder());
        }
        assertEquals(
                Set.of("VALID JAVA", "VALID PATH", "VALID NATURAL", "INVALID null", "MISSING null"),
                outcomes,
                "every outcome was reached");
    }

    /**
     * Whether the natural order's comparison is an order on every object's keys: it compares two all-digit keys as
     * numbers and anything else as text, so two all-digit keys beside a key that only starts with a digit can make a
     * cycle ({@code 9 < 10}, {@code "10" < "1a"}, {@code "1a" < "9"}). There no order exists, and the reference's
     * result is whatever its sort made of the document's order, so the two are not compared.
     */
    private static boolean naturalOrderIsDefined(JsonNode node) {
        if (node.isObject()) {
            int allDigits = 0;
            boolean startsWithDigit = false;
            for (var member : node.properties()) {
                String key = member.getKey();
                if (!key.isEmpty() && key.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    allDigits++;
                } else if (!key.isEmpty() && key.charAt(0) >= '0' && key.charAt(0) <= '9') {
                    startsWithDigit = true;
                }
            }
            if (allDigits >= 2 && startsWithDigit) {
                return false;
            }
        }
        for (JsonNode child : node) {
            if (!naturalOrderIsDefined(child)) {
                return false;
            }
        }
        return true;
    }

    static Iterable<JsonNode> vectorInputs() {
        return SignatureVectors.cases()
                .map(named -> named.getPayload().get("input"))
                .toList();
    }

    @ParameterizedTest
    @MethodSource("vectorInputs")
    void every_signature_vector_flattens_as_the_reference_in_every_order(JsonNode input) {
        for (SignOrder order : SignOrder.values()) {
            assertEquals(
                    ReferenceSignatureFlattener.stringToSign(input, order),
                    SignatureFlattener.stringToSign(input, order),
                    order.name());
        }
    }

    @Test
    void arrays_past_ten_and_a_hundred_elements_sort_their_indexes_as_the_reference() {
        for (int size : new int[] {0, 1, 9, 10, 11, 12, 20, 99, 100, 101, 111, 250, 1001}) {
            ArrayNode scalars = NODES.arrayNode();
            ArrayNode mixed = NODES.arrayNode();
            for (int i = 0; i < size; i++) {
                scalars.add(i);
                if (i % 3 == 0) {
                    mixed.addObject().put("n", i);
                } else if (i % 3 == 1) {
                    mixed.addArray().add(i).add("x");
                } else {
                    mixed.add("v" + i);
                }
            }
            for (JsonNode array :
                    new JsonNode[] {scalars, mixed, NODES.objectNode().set("list", mixed)}) {
                for (SignOrder order : SignOrder.values()) {
                    assertEquals(
                            ReferenceSignatureFlattener.stringToSign(array, order),
                            SignatureFlattener.stringToSign(array, order),
                            order + " " + size);
                }
            }
        }
    }

    /**
     * The walk writes integers without dividing by a variable, eight digits at a time: every length of number, both
     * sides of each eight-digit step and the ends of int and long print as the reference prints them.
     */
    @Test
    void integers_at_every_length_and_boundary_print_as_the_reference() {
        ObjectNode data = NODES.objectNode();
        long[] ends = {
            0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1
        };
        int count = 0;
        for (long number : ends) {
            data.put("n" + count++, number);
        }
        for (long power = 1; ; power *= 10) {
            for (long number : new long[] {power - 1, power, power + 1, -power + 1, -power, -power - 1}) {
                data.put("n" + count++, number);
                if (number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE) {
                    data.put("i" + count++, (int) number);
                }
            }
            if (power > Long.MAX_VALUE / 10) {
                break;
            }
        }
        data.put("short", (short) -32768);
        assertSignsAsTheReference(data);
        assertTrue(SignatureFlattener.stringToSign(data, SignOrder.JAVA).contains(":-9223372036854775808;"));
        assertTrue(SignatureFlattener.stringToSign(data, SignOrder.JAVA).contains(":100000000;"));
    }

    /**
     * Text is written as UTF-8 by the walk itself, with an ASCII fast path: text that leaves ASCII anywhere (Latin-1
     * like {@code é} and {@code ÿ}; a unit above Latin-1 whose low byte is ASCII, {@code Ł} = U+0141, which copying
     * low bytes would turn into {@code A}; three-byte units; surrogate pairs; lone surrogates, which {@link
     * String#getBytes} encodes as {@code '?'}), in keys and values, at the start, middle and end, signs byte for byte
     * as the reference.
     */
    @Test
    void text_beyond_ascii_encodes_as_string_get_bytes_does() {
        String[] texts = {
            "\u00e9",
            "caf\u00e9",
            "\u00ff",
            "\u0080",
            "\u007f\u0080",
            "\u0100",
            "\u0141",
            "x\u0141y",
            "\u0141\u0142A",
            "\u0800",
            "\u65e5\u672c\u8a9e",
            "\uffff",
            "\ud83d\ude00",
            "a\ud83d\ude00b",
            "\ud800",
            "\udc00",
            "a\ud800",
            "\ud800b",
            "\udc00\ud800",
            "\ud83d\ude00\ud83d",
            "\ud83d\ud83d\ude00",
            "x:\u00e9",
            "\u00e9:\ud800"
        };
        Signer signer = new Signer(SECRET);
        for (String text : texts) {
            ObjectNode data = NODES.objectNode();
            data.put("value", text);
            data.put(text, "key");
            data.putObject("nested").put(text, text).put("ascii", "plain " + text);
            data.putArray("list").add(text).add(text + text);
            assertSignsAsTheReference(data);
            String expected = ReferenceSignatureFlattener.stringToSign(data, SignOrder.JAVA);
            assertEquals(ReferenceSignatureFlattener.sign(SECRET, data, SignOrder.JAVA), signer.sign(data), expected);
        }
    }

    /**
     * Each depth keeps the shapes of the objects it saw (their keys by identity, order and escaped bytes) for the next
     * object and the next document: the same key instances in another order, with a container where a scalar was,
     * with one member more or less, with {@code frame_mode} or a signature among them, at another depth, in another
     * sign order, one after the other, all sign as the reference.
     */
    @Test
    void objects_with_the_same_keys_sign_as_the_reference_one_after_the_other() {
        // "a" before "a2" and "a-" in the path order only if "a" holds a scalar
        String[] keys = {
            "amount", "currency", "id", "a", "a2", "a-", "x:y", "frame_mode", "signature", "\u00e9", "\ud800"
        };
        Random random = new Random(20261203L);
        Signer signer = new Signer(SECRET);
        for (int document = 0; document < 600; document++) {
            ObjectNode data = NODES.objectNode();
            ArrayNode list = data.putArray("list");
            for (int element = 0; element < 1 + random.nextInt(5); element++) {
                ObjectNode object = list.addObject();
                int first = random.nextInt(3);
                int size = 1 + random.nextInt(keys.length - first);
                for (int k = 0; k < size; k++) {
                    String key = keys[first + (k * (document % 2 == 0 ? 1 : 7)) % (keys.length - first)];
                    switch (random.nextInt(4)) {
                        case 0 -> object.putObject(key).put(keys[random.nextInt(keys.length)], k);
                        case 1 -> object.putArray(key).add(k);
                        default -> object.put(key, key + k);
                    }
                }
                if (random.nextBoolean()) {
                    data.set(keys[random.nextInt(keys.length)], object.deepCopy());
                }
            }
            assertSignsAsTheReference(data);
            ObjectNode signed = data.deepCopy();
            SignOrder order = SignOrder.values()[document % SignOrder.values().length];
            if (order == SignOrder.NATURAL && !naturalOrderIsDefined(signed)) {
                continue;
            }
            signed.put("signature", ReferenceSignatureFlattener.sign(SECRET, signed, order));
            assertEquals(ReferenceSignatureFlattener.check(SECRET, signed), signer.check(signed), signed::toString);
        }
    }

    /** The string-to-sign in every order where the order is defined, and the signature, against the reference. */
    private static void assertSignsAsTheReference(JsonNode data) {
        for (SignOrder order : SignOrder.values()) {
            if (order == SignOrder.NATURAL && !naturalOrderIsDefined(data)) {
                continue;
            }
            String expected = ReferenceSignatureFlattener.stringToSign(data, order);
            String actual = SignatureFlattener.stringToSign(data, order);
            assertEquals(expected, actual, () -> order + " of " + data);
        }
        assertEquals(
                ReferenceSignatureFlattener.sign(SECRET, data, SignOrder.JAVA),
                new Signer(SECRET).sign(data),
                data::toString);
    }

    private static JsonNode randomContainer(Random random, int depth) {
        return random.nextInt(3) == 0 ? randomArray(random, depth) : randomObject(random, depth);
    }

    private static ObjectNode randomObject(Random random, int depth) {
        ObjectNode object = NODES.objectNode();
        int size = random.nextInt(depth == 0 ? 16 : 7);
        for (int i = 0; i < size; i++) {
            object.set(randomKey(random), randomValue(random, depth));
        }
        return object;
    }

    private static ArrayNode randomArray(Random random, int depth) {
        ArrayNode array = NODES.arrayNode();
        int size = switch (random.nextInt(10)) {
            case 0 -> 10 + random.nextInt(15); // around index 10 and 20
            case 1 -> depth < 2 && random.nextInt(8) == 0 ? 95 + random.nextInt(20) : random.nextInt(4);
            default -> random.nextInt(6);
        };
        for (int i = 0; i < size; i++) {
            array.add(size > 30 ? randomScalar(random) : randomValue(random, depth));
        }
        return array;
    }

    private static String randomKey(Random random) {
        return switch (random.nextInt(6)) {
            case 0, 1, 2 -> KEYS[random.nextInt(KEYS.length)];
            case 3 -> KEYS[random.nextInt(KEYS.length)] + KEYS[random.nextInt(KEYS.length)];
            case 4 -> Integer.toString(random.nextInt(120));
            default -> randomText(random, 1 + random.nextInt(4));
        };
    }

    private static String randomText(Random random, int units) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < units; i++) {
            text.append(UNITS[random.nextInt(UNITS.length)]);
        }
        return text.toString();
    }

    private static JsonNode randomValue(Random random, int depth) {
        return depth < 4 && random.nextInt(4) == 0 ? randomContainer(random, depth + 1) : randomScalar(random);
    }

    private static JsonNode randomScalar(Random random) {
        return switch (random.nextInt(14)) {
            case 0 -> NODES.textNode("");
            case 1, 2 -> NODES.textNode(randomText(random, random.nextInt(8)));
            case 3 -> NODES.textNode(KEYS[random.nextInt(KEYS.length)]);
            case 4 -> NODES.numberNode(random.nextInt(2001) - 1000);
            case 5 -> NODES.numberNode(random.nextLong());
            case 6 -> NODES.numberNode((short) random.nextInt());
            case 7 -> NODES.numberNode(new BigInteger(80, random).negate());
            case 8 -> NODES.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(30) - 12));
            case 9 -> NODES.numberNode(random.nextFloat());
            case 10 -> NODES.numberNode(new BigDecimal(random.nextInt(100_000)).movePointLeft(random.nextInt(4)));
            case 11 -> NODES.booleanNode(random.nextBoolean());
            case 12 -> NODES.nullNode();
            default -> random.nextBoolean() ? NODES.objectNode() : NODES.arrayNode();
        };
    }
}
