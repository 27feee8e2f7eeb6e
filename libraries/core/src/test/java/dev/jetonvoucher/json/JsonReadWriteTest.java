package dev.jetonvoucher.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.gate.GateRejection;
import dev.jetonvoucher.gate.GateRequests;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.project.InMemoryProjectDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link Json}'s reader and writer against Jackson's {@code ObjectMapper} with its defaults (what the platform used
 * before, and what {@code JsonNode.toString()} uses): the same trees (node classes, field order, number types) and
 * the same text, on thousands of random documents, on the signature vectors and on every JSON file of the tests and
 * events/; the same refusals for malformed documents; and the limited readers refuse what a mapper with the same
 * stream constraints refuses.
 */
class JsonReadWriteTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int DOCUMENTS = 4_000;

    @Test
    void random_documents_read_to_the_same_trees_and_write_to_the_same_text() throws IOException {
        Random random = new Random(20261202L);
        int withLoneSurrogates = 0;
        Set<String> nodeTypes = new TreeSet<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            Generator generator = new Generator(random);
            String text = generator.document();
            JsonNode expected = MAPPER.readTree(text);
            collectTypes(expected, nodeTypes);
            String where = "document " + i + ": " + text;
            assertSameTree(expected, Json.parse(text), where);
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            // as bytes, Jackson's UTF-8 parser refuses an escaped lone surrogate in a field name: both must
            sameOutcome(() -> MAPPER.readTree(utf8), () -> Json.parse(utf8), where);
            sameOutcome(
                    () -> MAPPER.readTree(new ByteArrayInputStream(utf8)),
                    () -> Json.parse(new ByteArrayInputStream(utf8)),
                    where);

            String written = Json.write(expected);
            assertEquals(MAPPER.writeValueAsString(expected), written, where);
            assertEquals(expected.toString(), written, where);
            assertArrayEquals(expected.toString().getBytes(StandardCharsets.UTF_8), Json.writeBytes(expected), where);
            // (not the mapper's writeValueAsBytes: its UTF-8 generator escapes characters beyond the BMP as two
            // \\u escapes; the platform has always sent toString()'s text as UTF-8, and writeBytes keeps that)
            if (generator.loneSurrogate) {
                withLoneSurrogates++;
            }
            assertSameTree(MAPPER.readTree(written), Json.parse(written), "read back: " + where);
        }
        assertTrue(withLoneSurrogates > 0 && withLoneSurrogates < DOCUMENTS / 2, "some with lone surrogates");
        assertEquals(
                Set.of(
                        "ArrayNode",
                        "BigIntegerNode",
                        "BooleanNode",
                        "DoubleNode",
                        "IntNode",
                        "LongNode",
                        "NullNode",
                        "ObjectNode",
                        "TextNode"),
                nodeTypes,
                "every kind of node the mapper reads from JSON");
    }

    @Test
    void malformed_documents_are_refused_as_the_mapper_refuses_them() {
        Random random = new Random(7L);
        int refused = 0;
        for (int i = 0; i < DOCUMENTS; i++) {
            String valid = new Generator(random).document();
            String broken = breakDocument(valid, random);
            refused += sameOutcome(broken, MAPPER, Json::parse) ? 1 : 0;
        }
        assertTrue(refused > DOCUMENTS / 2, "most broken documents are refused: " + refused);
    }

    @Test
    void empty_input_and_what_follows_the_first_value_are_read_as_the_mapper_reads_them() throws IOException {
        for (String text : List.of(
                "",
                "   ",
                "\n\t",
                "{} xyz",
                "[1] ]",
                "1 2",
                "\"a\" }",
                "null",
                " true ",
                "{\"a\":1}{",
                "-0",
                "1e400",
                "-1e400",
                "1e-400",
                "123456789012345678901234567890",
                "0.1E+2",
                "[]",
                "{}",
                "[{}, [], null]")) {
            assertSameTree(MAPPER.readTree(text), Json.parse(text), text);
        }
        assertInstanceOf(MissingNode.class, Json.parse(""));
    }

    @Test
    void a_duplicate_field_keeps_its_first_place_and_its_last_value_as_the_mapper_does() throws IOException {
        String text = "{\"a\":1,\"b\":2,\"a\":{\"c\":3},\"b\":null}";
        JsonNode read = Json.parse(text);
        assertSameTree(MAPPER.readTree(text), read, text);
        assertEquals("{\"a\":{\"c\":3},\"b\":null}", Json.write(read));
    }

    @Test
    void every_node_type_built_in_code_is_written_as_the_mapper_writes_it() throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode tree = Json.object();
        tree.put("int", Integer.MIN_VALUE)
                .put("long", Long.MAX_VALUE)
                .put("short", (short) -7)
                .put("float", 1.1f)
                .put("double", -0.0)
                .put("nan", Double.NaN)
                .put("infinity", Double.POSITIVE_INFINITY)
                .put("tiny", 4.9e-324)
                .put("decimal", new BigDecimal("1E+3"))
                .put("decimal plain", new BigDecimal("1500.00"))
                .put("big", new BigInteger("-98765432109876543210987654321"))
                .put("binary", new byte[] {0, 1, 2, (byte) 255, 64})
                .put("text", "\u0000\u001f\u007f\b\f\n\r\t\"\\/ é 中 \u2028 \ud83d\ude00")
                .put("true", true)
                .putNull("null");
        tree.set("missing", MissingNode.getInstance());
        tree.set("pojo null", nodes.pojoNode(null));
        ArrayNode array = tree.putArray("array");
        array.add(1).add("x").addNull().addObject();
        array.addArray();
        assertEquals(MAPPER.writeValueAsString(tree), Json.write(tree));
        assertEquals(tree.toString(), Json.write(tree));
        assertArrayEquals(tree.toString().getBytes(StandardCharsets.UTF_8), Json.writeBytes(tree));
        assertThrows(IllegalArgumentException.class, () -> Json.write(nodes.pojoNode(new Object())));
    }

    @Test
    void plain_values_are_written_as_the_mapper_writes_them() throws IOException {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("z", "last\u2028 <b>");
        value.put("a", List.of(1, 2L, 3.5, 1.5f, true, new BigDecimal("2.50"), BigInteger.TEN));
        value.put("nested", Map.of("k", List.of()));
        value.put("null", null);
        value.put("node", Json.object().put("x", 1));
        for (Object each : List.of(value, "text", 42, List.of("a", "b"), Map.of())) {
            assertEquals(MAPPER.writeValueAsString(each), Json.writeValue(each), String.valueOf(each));
        }
        assertThrows(IllegalArgumentException.class, () -> Json.writeValue(new Object()));
        assertThrows(IllegalArgumentException.class, () -> Json.writeValue(Map.of(1, "a")));
    }

    @Test
    void the_signature_vectors_and_every_json_file_of_the_tests_and_events_read_and_write_as_with_the_mapper()
            throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(Path.of("src/test/resources"), Path.of("../../events"))) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(file -> file.toString().endsWith(".json")).forEach(files::add);
            }
        }
        assertTrue(files.stream().anyMatch(file -> file.endsWith("signature-vectors.json")), files.toString());
        int documents = 0;
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            JsonNode expected = MAPPER.readTree(bytes);
            assertSameTree(expected, Json.parse(bytes), file.toString());
            // every object and array inside (a vector's document, its expected answer) and every string that is
            // itself JSON (an event's body)
            List<JsonNode> parts = new ArrayList<>();
            collect(expected, parts);
            for (JsonNode part : parts) {
                assertEquals(part.toString(), Json.write(part), file.toString());
                if (part.isTextual()) {
                    sameOutcome(part.textValue(), MAPPER, Json::parse);
                }
                documents++;
            }
        }
        assertTrue(documents > 100, "documents compared: " + documents);
    }

    @Test
    void a_limited_reader_refuses_what_a_mapper_with_the_same_limits_refuses() {
        ObjectMapper limitedMapper = new ObjectMapper();
        limitedMapper
                .getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(32)
                        .maxStringLength(200)
                        .maxNumberLength(40)
                        .build());
        Json.Reader limited = Json.limited(32, 200, 40);
        int refused = 0;
        int accepted = 0;
        for (int depth : new int[] {30, 31, 32, 33, 40}) {
            String text = "[".repeat(depth) + "]".repeat(depth);
            String objects = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            for (String each : List.of(text, objects)) {
                if (sameOutcome(each, limitedMapper, limited::parse)) refused++;
                else accepted++;
            }
        }
        for (int length : new int[] {199, 200, 201, 5_000}) {
            String text = "{\"s\":\"" + "é".repeat(length) + "\"}";
            if (sameOutcome(text, limitedMapper, limited::parse)) refused++;
            else accepted++;
        }
        for (int digits : new int[] {39, 40, 41, 100}) {
            for (String each : List.of(
                    "[" + "9".repeat(digits) + "]",
                    "[-" + "9".repeat(digits) + "]",
                    "[1." + "5".repeat(digits) + "]",
                    "[" + "1".repeat(digits) + "e5]")) {
                if (sameOutcome(each, limitedMapper, limited::parse)) refused++;
                else accepted++;
            }
        }
        assertTrue(refused >= 8 && accepted >= 8, "refused " + refused + ", accepted " + accepted);
        // and the defaults are Jackson's
        String deep = "[".repeat(1_001) + "]".repeat(1_001);
        assertTrue(sameOutcome(deep, MAPPER, Json::parse), "nesting beyond Jackson's default 1000 is refused");
    }

    @Test
    void a_gate_body_beyond_the_gates_limits_is_refused_with_2003() {
        GateRequests requests = new GateRequests(new InMemoryProjectDirectory(List.of()), Clock.systemUTC());
        for (String body : List.of(
                "{\"general\":" + "[".repeat(40) + "]".repeat(40) + "}",
                "{\"general\":{\"project_id\":" + "1".repeat(41) + "}}",
                "{\"general\":",
                "[1]")) {
            GateRejection refused = assertThrows(GateRejection.class, () -> requests.sale(body), body);
            assertEquals(ResultCode.INVALID_JSON, refused.code(), body);
        }
    }

    /**
     * Reads {@code text} with both; they accept it with the same tree or refuse it with the same exception class and
     * message. True when refused.
     */
    private static boolean sameOutcome(String text, ObjectMapper mapper, Reading reading) {
        return sameOutcome(() -> mapper.readTree(text), () -> reading.parse(text), text);
    }

    private static boolean sameOutcome(Read theirs, Read ours, String where) {
        JsonNode expected;
        try {
            expected = theirs.read();
        } catch (IOException e) {
            IOException refused = assertThrows(IOException.class, ours::read, where);
            assertEquals(e.getClass(), refused.getClass(), where);
            assertEquals(e.getMessage(), refused.getMessage(), where);
            return true;
        }
        try {
            assertSameTree(expected, ours.read(), where);
        } catch (IOException e) {
            fail("refused what the mapper reads: " + where, e);
        }
        return false;
    }

    private interface Reading {
        JsonNode parse(String text) throws IOException;
    }

    private interface Read {
        JsonNode read() throws IOException;
    }

    /** Same node classes, same values, same field order, at every level. */
    private static void assertSameTree(JsonNode expected, JsonNode actual, String where) {
        assertEquals(expected == null, actual == null, where);
        if (expected == null) {
            return;
        }
        assertEquals(expected.getClass(), actual.getClass(), where);
        if (expected.isObject()) {
            List<String> expectedNames = new ArrayList<>();
            expected.fieldNames().forEachRemaining(expectedNames::add);
            List<String> actualNames = new ArrayList<>();
            actual.fieldNames().forEachRemaining(actualNames::add);
            assertEquals(expectedNames, actualNames, where);
            for (String name : expectedNames) {
                assertSameTree(expected.get(name), actual.get(name), where);
            }
        } else if (expected.isArray()) {
            assertEquals(expected.size(), actual.size(), where);
            Iterator<JsonNode> theirs = expected.elements();
            Iterator<JsonNode> ours = actual.elements();
            while (theirs.hasNext()) {
                assertSameTree(theirs.next(), ours.next(), where);
            }
        } else {
            assertEquals(expected, actual, where);
        }
    }

    private static void collectTypes(JsonNode node, Set<String> into) {
        into.add(node.getClass().getSimpleName());
        for (JsonNode child : node) {
            collectTypes(child, into);
        }
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode() || node.isTextual()) {
            into.add(node);
        }
        for (JsonNode child : node) {
            collect(child, into);
        }
    }

    /** A valid document made invalid (or, now and then, still valid) in one of a few ways. */
    private static String breakDocument(String valid, Random random) {
        int at = valid.isEmpty() ? 0 : random.nextInt(valid.length());
        return switch (random.nextInt(7)) {
            case 0 -> valid.substring(0, at);
            case 1 -> valid.substring(0, at) + "\u0001" + valid.substring(at);
            case 2 -> valid.substring(0, at) + "," + valid.substring(at);
            case 3 -> valid.substring(0, at) + "\\x" + valid.substring(at);
            case 4 -> valid.substring(0, at) + "]" + valid.substring(at);
            case 5 -> valid.substring(0, at) + "'" + valid.substring(at);
            default -> valid.substring(0, at) + "NaN" + valid.substring(at);
        };
    }

    /** Random JSON text: nesting, unicode, escapes, numbers of every kind, duplicate names, white space. */
    private static final class Generator {
        private static final String[] NAMES = {"a", "b", "general", "é", "中", "", "a\u0000", "\ud83d\ude00", "a b"};
        private static final String[] INTEGERS = {
            "0",
            "-0",
            "1",
            "-1",
            "2147483647",
            "2147483648",
            "-2147483648",
            "-2147483649",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809"
        };
        private final Random random;
        private boolean loneSurrogate;

        Generator(Random random) {
            this.random = random;
        }

        String document() {
            StringBuilder out = new StringBuilder();
            space(out);
            value(out, 0);
            space(out);
            return out.toString();
        }

        private void value(StringBuilder out, int depth) {
            int kind = depth >= 6 ? 2 + random.nextInt(6) : random.nextInt(depth == 0 ? 2 : 8);
            switch (kind) {
                case 0 -> {
                    out.append('{');
                    int fields = random.nextInt(6);
                    for (int i = 0; i < fields; i++) {
                        if (i > 0) out.append(',');
                        space(out);
                        string(out, random.nextInt(3) == 0 ? randomText() : NAMES[random.nextInt(NAMES.length)]);
                        space(out);
                        out.append(':');
                        space(out);
                        value(out, depth + 1);
                        space(out);
                    }
                    out.append('}');
                }
                case 1 -> {
                    out.append('[');
                    int elements = random.nextInt(6);
                    for (int i = 0; i < elements; i++) {
                        if (i > 0) out.append(',');
                        space(out);
                        value(out, depth + 1);
                        space(out);
                    }
                    out.append(']');
                }
                case 2, 3 -> string(out, randomText());
                case 4 -> integer(out);
                case 5 -> floating(out);
                case 6 -> out.append(random.nextBoolean() ? "true" : "false");
                default -> out.append("null");
            }
        }

        private void integer(StringBuilder out) {
            switch (random.nextInt(4)) {
                case 0 -> out.append(INTEGERS[random.nextInt(INTEGERS.length)]);
                case 1 -> out.append(random.nextInt(2000) - 1000);
                case 2 -> out.append(random.nextLong());
                default -> {
                    if (random.nextBoolean()) out.append('-');
                    out.append(1 + random.nextInt(9));
                    digits(out, 18 + random.nextInt(30));
                }
            }
        }

        private void floating(StringBuilder out) {
            if (random.nextInt(4) == 0) {
                out.append(random.nextBoolean() ? random.nextDouble() * 1e6 : -random.nextDouble());
                return;
            }
            if (random.nextBoolean()) out.append('-');
            if (random.nextInt(4) == 0) {
                out.append('0');
            } else {
                out.append(1 + random.nextInt(9));
                digits(out, random.nextInt(random.nextInt(5) == 0 ? 25 : 4));
            }
            boolean fraction = random.nextBoolean();
            if (fraction) {
                out.append('.');
                digits(out, 1 + random.nextInt(random.nextInt(5) == 0 ? 30 : 6));
            }
            if (!fraction || random.nextBoolean()) {
                out.append(random.nextBoolean() ? 'e' : 'E');
                switch (random.nextInt(3)) {
                    case 0 -> out.append('+');
                    case 1 -> out.append('-');
                    default -> {}
                }
                out.append(random.nextInt(5) == 0 ? 300 + random.nextInt(200) : random.nextInt(30));
            }
        }

        private void digits(StringBuilder out, int count) {
            for (int i = 0; i < count; i++) out.append((char) ('0' + random.nextInt(10)));
        }

        private String randomText() {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(random.nextInt(8) == 0 ? 200 : 12);
            for (int i = 0; i < length; i++) {
                switch (random.nextInt(10)) {
                    case 0 -> text.append((char) random.nextInt(0x20));
                    case 1 -> text.append("\"\\/\u007f".charAt(random.nextInt(4)));
                    case 2 -> text.append((char) (0xa0 + random.nextInt(0x2000)));
                    case 3 -> text.append(Character.toChars(0x10000 + random.nextInt(0xfffff)));
                    case 4 -> text.append("\u2028\u2029\ufeff\ufffd".charAt(random.nextInt(4)));
                    case 5 -> {
                        if (random.nextInt(20) == 0) {
                            text.append((char) (0xd800 + random.nextInt(0x800)));
                            loneSurrogate = true;
                        } else {
                            text.append('x');
                        }
                    }
                    default -> text.append((char) (0x20 + random.nextInt(0x5f)));
                }
            }
            return text.toString();
        }

        /** {@code text} as a JSON string, each character written raw or escaped at random. */
        private void string(StringBuilder out, String text) {
            out.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isHighSurrogate(c)
                        && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))
                        && random.nextBoolean()) {
                    out.append(c).append(text.charAt(++i));
                    continue;
                }
                boolean mustEscape = c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c);
                if (mustEscape || random.nextInt(8) == 0) {
                    switch (c) {
                        case '"' -> out.append("\\\"");
                        case '\\' -> out.append("\\\\");
                        case '\n' -> out.append(random.nextBoolean() ? "\\n" : "\\u000a");
                        case '\t' -> out.append("\\t");
                        case '/' -> out.append(random.nextBoolean() ? "\\/" : "/");
                        default -> out.append(String.format(random.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c));
                    }
                } else {
                    out.append(c);
                }
            }
            out.append('"');
        }

        private void space(StringBuilder out) {
            while (random.nextInt(4) == 0) out.append(" \t\n\r".charAt(random.nextInt(4)));
        }
    }
}
