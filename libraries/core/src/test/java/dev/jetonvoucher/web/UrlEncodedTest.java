package dev.jetonvoucher.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one form and query decoder. */
class UrlEncodedTest {

    @Test
    void pairs_are_decoded_in_order_with_plus_as_space_and_a_bare_name_as_empty() {
        assertEquals(
                List.of(
                        new UrlEncoded.Field("a b", "c&d"),
                        new UrlEncoded.Field("flag", ""),
                        new UrlEncoded.Field("a b", "é")),
                UrlEncoded.fields("a+b=c%26d&&flag&a%20b=%C3%A9", UrlEncoded.Malformed.EMPTY));
        assertEquals(List.of(), UrlEncoded.fields("", UrlEncoded.Malformed.EMPTY));
        assertEquals(List.of(), UrlEncoded.fields(null, UrlEncoded.Malformed.EMPTY));
    }

    @Test
    void first_values_keep_the_first_and_joined_values_join_them_as_api_gateway_does() {
        assertEquals(Map.of("x", "1", "y", "3"), UrlEncoded.firstValues("x=1&x=2&y=3", UrlEncoded.Malformed.EMPTY));
        assertEquals(
                Map.of("x", "1,2", "y", "3"), UrlEncoded.joinedValues("x=1&x=2&y=3", UrlEncoded.Malformed.AS_SENT));
    }

    @Test
    void a_malformed_escape_decodes_as_the_caller_says() {
        assertEquals(Map.of("bad", ""), UrlEncoded.firstValues("bad=%zz", UrlEncoded.Malformed.EMPTY));
        assertEquals(Map.of("bad", "%zz"), UrlEncoded.firstValues("bad=%zz", UrlEncoded.Malformed.AS_SENT));
    }
}
