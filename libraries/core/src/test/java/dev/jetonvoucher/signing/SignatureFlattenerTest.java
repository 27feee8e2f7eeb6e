package dev.jetonvoucher.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
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
    void colon_inside_key_is_doubled_at_every_depth() throws Exception {
        assertEquals(
                "a::b:x;c:d::e:f::::g:1",
                SignatureFlattener.stringToSign(json("{\"c\":{\"d:e\":{\"f::g\":1}},\"a:b\":\"x\"}"), SignOrder.JAVA));
    }

    @Test
    void values_are_never_escaped() throws Exception {
        assertEquals("note:a;b:c::d", SignatureFlattener.stringToSign(json("{\"note\":\"a;b:c::d\"}"), SignOrder.JAVA));
    }

    @Test
    void members_whose_keys_hold_a_colon_interleave_by_value_in_the_java_order() throws Exception {
        // "a:" prefixes "a::b:", so the items of "a" and "a:b" sort by what follows
        JsonNode data = json("{\"a:b\":\"x\",\"a\":{\"c\":\"1\",\":\":\"y\"},\"b\":2}");

        assertEquals("a::::y;a::b:x;a:c:1;b:2", SignatureFlattener.stringToSign(data, SignOrder.JAVA));
        assertEquals("a::::y;a::b:x;a:c:1;b:2", SignatureFlattener.stringToSign(data, SignOrder.PATH));
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

        assertEquals("mode:frame_mode", SignatureFlattener.stringToSign(data, SignOrder.JAVA));
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
                "decimal:10.5;double:100.0;float:0.1;tiny:1.0E-7",
                SignatureFlattener.stringToSign(data, SignOrder.JAVA));
    }

    @Test
    void only_objects_and_arrays_can_be_signed() {
        assertThrows(
                IllegalArgumentException.class,
                () -> SignatureFlattener.stringToSign(JsonNodeFactory.instance.textNode("payment"), SignOrder.JAVA));
    }

    @Test
    void binary_and_pojo_nodes_are_rejected_with_their_path() {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.putObject("receipt").put("blob", new byte[] {1, 2});

        IllegalArgumentException error = assertThrows(
                IllegalArgumentException.class, () -> SignatureFlattener.stringToSign(data, SignOrder.JAVA));
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
    void keys_without_a_natural_order_still_flatten_and_verify_without_an_exception() {
        // 9 < 10 as numbers, but "10" < "1a" < "9" as text: no order of these keys fits the natural comparison
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        for (int i = 200; i > 0; i--) {
            data.put(Integer.toString(i), i);
            data.put(i + "a", i);
        }
        String natural = SignatureFlattener.stringToSign(data, SignOrder.NATURAL);

        assertEquals(400, natural.split(";").length);
        data.put("signature", "bm90IGEgc2lnbmF0dXJl");
        assertEquals(SignatureCheck.invalid(), new Signer("secret").check(data));
    }
}
