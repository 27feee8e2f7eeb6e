package dev.jetonvoucher.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaymentPageUrlTest {

    @Test
    void queryIsDecodedWithFormSemanticsInUrlOrder() {
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
    void emptyPiecesAndValuelessParametersAreTolerated() {
        assertEquals(Map.of("a", "", "b", "2"), PaymentPageUrl.parseQuery("a&&b=2&"));
        assertEquals(Map.of(), PaymentPageUrl.parseQuery(""));
        assertEquals(Map.of(), PaymentPageUrl.parseQuery(null));
    }

    @Test
    void repeatedParameterIsRejectedBecauseTheSignedValueWouldBeAmbiguous() {
        IllegalArgumentException error = assertThrows(
                IllegalArgumentException.class, () -> PaymentPageUrl.parseQuery("payment_amount=100&payment_amount=1"));
        assertEquals("duplicate query parameter 'payment_amount'", error.getMessage());
    }

    @Test
    void malformedEscapeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> PaymentPageUrl.parseQuery("a=%zz"));
    }

    @Test
    void buildEncodesLikeTheJavaSdkAndAppendsTheSignature() {
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
    void buildWithoutParametersStillCarriesTheSignature() {
        assertEquals(
                "https://pp.test/payment?signature=x", PaymentPageUrl.build("https://pp.test/payment", Map.of(), "x"));
    }

    @Test
    void buildRejectsASignatureAmongTheParametersAndABaseUrlWithAQuery() {
        assertThrows(
                IllegalArgumentException.class,
                () -> PaymentPageUrl.build("https://pp.test/payment", Map.of("signature", "x"), "y"));
        assertThrows(
                IllegalArgumentException.class,
                () -> PaymentPageUrl.build("https://pp.test/payment?a=1", Map.of(), "y"));
    }
}
