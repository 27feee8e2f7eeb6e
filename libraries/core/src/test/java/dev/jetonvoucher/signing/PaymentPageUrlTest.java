package dev.jetonvoucher.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaymentPageUrlTest {

    @Test
    void query_is_decoded_with_form_semantics_in_url_order() {
        Map<String, String> params = PaymentPageUrl.parseQuery(
                "payment_description=Guyliner+purchase&interface_type=%7B%22id%22%3A+21%7D&signature=ab%2Fc%2Bd%3D%3D"
                        + "&customer_first_name=J%C3%BCrgen");

        assertEquals(
                Map.of(
                        "payment_description", "Guyliner purchase",
                        "interface_type", "{\"id\": 21}",
                        "signature", "ab/c+d==",
                        "customer_first_name", "J\u00fcrgen"),
                params);
        assertEquals(
                List.of("payment_description", "interface_type", "signature", "customer_first_name"),
                List.copyOf(params.keySet()));
    }

    @Test
    void empty_pieces_and_valueless_parameters_are_tolerated() {
        assertEquals(Map.of("a", "", "b", "2"), PaymentPageUrl.parseQuery("a&&b=2&"));
        assertEquals(Map.of(), PaymentPageUrl.parseQuery(""));
        assertEquals(Map.of(), PaymentPageUrl.parseQuery(null));
    }

    @Test
    void repeated_parameter_is_rejected_because_the_signed_value_would_be_ambiguous() {
        IllegalArgumentException error = assertThrows(
                IllegalArgumentException.class, () -> PaymentPageUrl.parseQuery("payment_amount=100&payment_amount=1"));
        assertEquals("duplicate query parameter 'payment_amount'", error.getMessage());
    }

    @Test
    void malformed_escape_is_rejected() {
        assertThrows(IllegalArgumentException.class, () -> PaymentPageUrl.parseQuery("a=%zz"));
    }

    @Test
    void build_encodes_like_the_java_sdk_and_appends_the_signature() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("project_id", "12345");
        params.put("interface_type", "{\"id\": 21}");
        params.put("customer_first_name", "J\u00fcrgen");

        assertEquals(
                "https://paymentpage.ecommpay.com/payment?project_id=12345&interface_type=%7B%22id%22%3A+21%7D"
                        + "&customer_first_name=J%C3%BCrgen&signature=ab%2Fc%2Bd%3D%3D",
                PaymentPageUrl.build("https://paymentpage.ecommpay.com/payment", params, "ab/c+d=="));
    }

    @Test
    void build_without_parameters_still_carries_the_signature() {
        assertEquals(
                "https://pp.test/payment?signature=x", PaymentPageUrl.build("https://pp.test/payment", Map.of(), "x"));
    }

    @Test
    void build_rejects_a_signature_among_the_parameters_and_a_base_url_with_a_query() {
        assertThrows(
                IllegalArgumentException.class,
                () -> PaymentPageUrl.build("https://pp.test/payment", Map.of("signature", "x"), "y"));
        assertThrows(
                IllegalArgumentException.class,
                () -> PaymentPageUrl.build("https://pp.test/payment?a=1", Map.of(), "y"));
    }
}
