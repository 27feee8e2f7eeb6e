package dev.jetonvoucher.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SignatureFlattenerTest {

    private static JsonNode json(String text) throws Exception {
        return SignatureVectors.JSON.readTree(text);
    }

    @Test
    void go_sdk_worked_example_flattens_like_the_java_sdk() throws Exception {
        JsonNode data = json("{\"a\":{\"b\":1111111111111111,\"c\":2},\"d\":false,"
                + "\"f\":[\"g\",{\"h\":7,\"i\":{\"k\":8}}],\"e\":[4,5]}");

        assertEquals(
                "a:b:1111111111111111;a:c:2;d:0;e:0:4;e:1:5;f:0:g;f:1:h:7;f:1:i:k:8",
                SignatureFlattener.stringToSign(data, SignOrder.JAVA));
    }

    @Test
    void flatten_keeps_document_order_and_does_not_sort() throws Exception {
        assertEquals(
                List.of("z:1", "a:0:x", "a:1:"), SignatureFlattener.flatten(json("{\"z\":true,\"a\":[\"x\",null]}")));
    }

    @Test
    void colon_inside_key_is_doubled_at_every_depth() throws Exception {
        assertEquals(
                List.of("a::b:x", "c:d::e:f::::g:1"),
                SignatureFlattener.flatten(json("{\"a:b\":\"x\",\"c\":{\"d:e\":{\"f::g\":1}}}")));
    }

    @Test
    void values_are_never_escaped() throws Exception {
        assertEquals(List.of("note:a;b:c::d"), SignatureFlattener.flatten(json("{\"note\":\"a;b:c::d\"}")));
    }

    @Test
    void null_and_empty_string_are_empty_values_while_empty_containers_vanish() throws Exception {
        JsonNode data = json("{\"n\":null,\"s\":\"\",\"o\":{},\"l\":[],\"deep\":{\"o\":{\"l\":[]}}}");

        assertEquals("n:;s:", SignatureFlattener.stringToSign(data, SignOrder.JAVA));
    }

    @Test
    void frame_mode_is_skipped_at_every_depth_but_only_as_a_key() throws Exception {
        JsonNode data = json("{\"frame_mode\":\"popup\",\"a\":{\"frame_mode\":1,\"b\":[{\"frame_mode\":true}]},"
                + "\"mode\":\"frame_mode\"}");

        assertEquals(List.of("mode:frame_mode"), SignatureFlattener.flatten(data));
    }

    @Test
    void integers_of_any_size_are_decimal_text() {
        ObjectNode data = JsonNodeFactory.instance
                .objectNode()
                .put("int", -7)
                .put("long", Long.MAX_VALUE)
                .put("big", new BigInteger("123456789012345678901234567890"));

        assertEquals(
                "big:123456789012345678901234567890;int:-7;long:9223372036854775807",
                SignatureFlattener.stringToSign(data, SignOrder.JAVA));
    }

    @Test
    void non_integer_numbers_are_printed_like_the_java_sdk_boxed_values() {
        ObjectNode data = JsonNodeFactory.instance
                .objectNode()
                .put("double", 100.0)
                .put("decimal", new BigDecimal("10.50"))
                .put("float", 0.1f)
                .put("tiny", 1e-7);

        assertEquals(
                List.of("double:100.0", "decimal:10.5", "float:0.1", "tiny:1.0E-7"), SignatureFlattener.flatten(data));
    }

    @Test
    void only_objects_and_arrays_can_be_signed() {
        assertThrows(
                IllegalArgumentException.class,
                () -> SignatureFlattener.flatten(JsonNodeFactory.instance.textNode("payment")));
    }

    @Test
    void binary_and_pojo_nodes_are_rejected_with_their_path() {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.putObject("receipt").put("blob", new byte[] {1, 2});

        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> SignatureFlattener.flatten(data));
        assertEquals("cannot sign a BINARY value at receipt:blob", error.getMessage());
    }

    @Test
    void the_three_orders_differ_only_in_the_documented_corners() throws Exception {
        JsonNode data = json("{\"address2\":\"y\",\"address\":\"x\",\"list\":[0,1,2,3,4,5,6,7,8,9,10]}");

        assertEquals(
                "address2:y;address:x;list:0:0;list:10:10;list:1:1;list:2:2;list:3:3;list:4:4;list:5:5;"
                        + "list:6:6;list:7:7;list:8:8;list:9:9",
                SignatureFlattener.stringToSign(data, SignOrder.JAVA));
        assertEquals(
                "address:x;address2:y;list:0:0;list:1:1;list:10:10;list:2:2;list:3:3;list:4:4;list:5:5;"
                        + "list:6:6;list:7:7;list:8:8;list:9:9",
                SignatureFlattener.stringToSign(data, SignOrder.PATH));
        assertEquals(
                "address:x;address2:y;list:0:0;list:1:1;list:2:2;list:3:3;list:4:4;list:5:5;list:6:6;"
                        + "list:7:7;list:8:8;list:9:9;list:10:10",
                SignatureFlattener.stringToSign(data, SignOrder.NATURAL));
    }

    @Test
    void natural_order_compares_nested_indexes_numerically() throws Exception {
        JsonNode data = json("{\"vouchers\":[{\"n\":\"a\"},{\"n\":\"b\"},{\"n\":\"c\"},{\"n\":\"d\"},{\"n\":\"e\"},"
                + "{\"n\":\"f\"},{\"n\":\"g\"},{\"n\":\"h\"},{\"n\":\"i\"},{\"n\":\"j\"},{\"n\":\"k\"}]}");

        String natural = SignatureFlattener.stringToSign(data, SignOrder.NATURAL);

        assertEquals("vouchers:9:n:j;vouchers:10:n:k", natural.substring(natural.indexOf("vouchers:9")));
    }

    @Test
    void path_order_uses_code_points_not_utf16_units() throws Exception {
        // U+FF5E is one UTF-16 unit above the surrogate of U+1F600, but a lower code point.
        JsonNode data = json("{\"\\ud83d\\ude00\":\"emoji\",\"\\uff5e\":\"tilde\"}");

        assertEquals("\uff5e:tilde;\ud83d\ude00:emoji", SignatureFlattener.stringToSign(data, SignOrder.PATH));
        assertEquals("\ud83d\ude00:emoji;\uff5e:tilde", SignatureFlattener.stringToSign(data, SignOrder.JAVA));
    }

    @Test
    void the_one_pass_walk_of_the_java_order_gives_the_general_walks_text() throws Exception {
        JsonNode awkward = json("{\"\":{\"\":[1,{\"\":\"x\"}],\"b:\":2},\":\":[[],[\"y\",null]],\"frame_mode\":1,"
                + "\"k\":[0,1,2,3,4,5,6,7,8,9,10,11],\"f\":1.5,\"t\":true,\"u\":\"\\u00e9\\ud83d\\ude00\"}");
        assertEquals(
                SignatureFlattener.join(SignatureFlattener.leaves(awkward), SignOrder.JAVA),
                SignatureFlattener.javaOrderStringToSign(awkward));
        Random random = new Random(20261202);
        for (int document = 0; document < 2_000; document++) {
            JsonNode data = randomContainer(random, 0);
            assertEquals(
                    SignatureFlattener.join(SignatureFlattener.leaves(data), SignOrder.JAVA),
                    SignatureFlattener.javaOrderStringToSign(data),
                    data.toString());
        }
    }

    private static JsonNode randomContainer(Random random, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        int size = random.nextInt(depth == 0 ? 14 : 5);
        if (random.nextBoolean()) {
            var array = nodes.arrayNode();
            for (int i = 0; i < size; i++) {
                array.add(randomValue(random, depth));
            }
            return array;
        }
        ObjectNode object = nodes.objectNode();
        String[] keys = {"", ":", "a", "a:b", "b", "frame_mode", "A", "a2", "10", "1", "\u00e9"};
        for (int i = 0; i < size; i++) {
            object.set(
                    keys[random.nextInt(keys.length)] + (random.nextBoolean() ? "" : String.valueOf(i)),
                    randomValue(random, depth));
        }
        return object;
    }

    private static JsonNode randomValue(Random random, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (random.nextInt(depth < 3 ? 7 : 5)) {
            case 0 -> nodes.textNode(random.nextBoolean() ? "" : "v;" + random.nextInt(100) + ":x");
            case 1 -> nodes.numberNode(random.nextInt(2000) - 1000);
            case 2 -> nodes.numberNode(random.nextDouble() * 100);
            case 3 -> nodes.booleanNode(random.nextBoolean());
            case 4 -> nodes.nullNode();
            default -> randomContainer(random, depth + 1);
        };
    }
}
