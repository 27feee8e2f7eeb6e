package dev.jetonvoucher.signing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.signing.SignatureCheck.Outcome;
import dev.jetonvoucher.signing.SignatureVectors.SdkVariant;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every vector in {@code signature-vectors.json} is reproduced exactly. */
class SignatureVectorsTest {

    private static final String PAYMENT_PAGE_BASE_URL = "https://paymentpage.ecommpay.com/payment";

    static Stream<Named<JsonNode>> allCases() {
        return SignatureVectors.cases();
    }

    static Stream<Named<JsonNode>> orderEdgeCases() {
        return SignatureVectors.cases("edge").filter(named -> named.getName().startsWith("order_edge_"));
    }

    static Stream<Named<JsonNode>> casesWhereOtherSdksRenderDifferently() {
        return SignatureVectors.cases()
                .filter(named -> !named.getName().startsWith("order_edge_"))
                .filter(named ->
                        !SignatureVectors.differingSdks(named.getPayload()).isEmpty());
    }

    static Stream<Named<JsonNode>> callbackCases() {
        return SignatureVectors.cases("callback");
    }

    static Stream<Named<JsonNode>> gateRequestCases() {
        return SignatureVectors.cases("gate_request");
    }

    static Stream<Named<JsonNode>> paymentPageCases() {
        return SignatureVectors.cases("payment_page");
    }

    static Stream<Named<JsonNode>> officialFixturesToSign() {
        return SignatureVectors.officialFixtures("expected_signature");
    }

    static Stream<Named<JsonNode>> officialSignedCallbacks() {
        return SignatureVectors.officialFixtures("signed_callback_json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    void java_order_reproduces_string_to_sign_and_signature(JsonNode vector) {
        JsonNode input = vector.get("input");
        assertEquals(vector.get("string_to_sign").textValue(), SignatureFlattener.stringToSign(input, SignOrder.JAVA));
        assertEquals(vector.get("signature").textValue(), signerFor(vector).sign(input));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderEdgeCases")
    void signatures_from_sdks_that_sort_differently_are_accepted_when_verifying(JsonNode vector) {
        JsonNode input = vector.get("input");
        SdkVariant python = SignatureVectors.differingSdk(vector, "python").orElseThrow();
        SdkVariant js = SignatureVectors.differingSdk(vector, "js").orElseThrow();
        SdkVariant php = SignatureVectors.differingSdk(vector, "php").orElseThrow();

        assertAll(
                () -> assertEquals(python.stringToSign(), SignatureFlattener.stringToSign(input, SignOrder.PATH)),
                () -> assertEquals(js.stringToSign(), SignatureFlattener.stringToSign(input, SignOrder.NATURAL)),
                () -> assertEquals(php.stringToSign(), SignatureFlattener.stringToSign(input, SignOrder.NATURAL)));

        Signer signer = signerFor(vector);
        for (SdkVariant variant : List.of(python, js, php)) {
            SignatureCheck check = signer.check(withTopLevelSignature(input, variant.signature()));
            // check() tries the orders in declaration order, so when NATURAL sorts like PATH
            // (order_edge_key_prefix_digit) the PHP/JS signature is reported as a PATH match.
            assertEquals(
                    SignatureCheck.matched(firstOrderProducing(input, variant.stringToSign())), check, variant.sdk());
        }
        assertEquals(
                SignOrder.PATH,
                signer.check(withTopLevelSignature(input, python.signature())).matchedOrder());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesWhereOtherSdksRenderDifferently")
    void signatures_from_sdks_that_render_values_or_keys_differently_are_rejected(JsonNode vector) {
        Signer signer = signerFor(vector);
        for (SdkVariant variant : SignatureVectors.differingSdks(vector)) {
            SignatureCheck check = signer.check(withTopLevelSignature(vector.get("input"), variant.signature()));
            assertEquals(SignatureCheck.invalid(), check, variant.sdk() + " signed '" + variant.stringToSign() + "'");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callbackCases")
    void signed_callback_verifies_and_tampered_amount_does_not(JsonNode vector) {
        Signer signer = signerFor(vector);
        JsonNode signedBody = vector.get("signed_callback_body");

        assertEquals(SignatureCheck.matched(SignOrder.JAVA), signer.check(signedBody));

        ObjectNode tampered = signedBody.deepCopy();
        ObjectNode holder = tampered.findParent("amount");
        holder.put("amount", holder.get("amount").longValue() + 1);
        assertEquals(SignatureCheck.invalid(), signer.check(tampered));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callbackCases")
    void signing_the_callback_input_puts_the_signature_where_the_vector_has_it(JsonNode vector) {
        Signer signer = signerFor(vector);
        ObjectNode input = vector.get("input").deepCopy();
        String location = vector.get("signature_location").textValue();

        ObjectNode signed =
                location.equals("general.signature") ? signer.signInGeneral(input) : signer.signTopLevel(input);

        assertEquals(vector.get("signed_callback_body"), signed, location);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gateRequestCases")
    void signed_gate_request_verifies_and_matches_sign_in_general(JsonNode vector) {
        Signer signer = signerFor(vector);
        JsonNode signedBody = vector.get("signed_request_body");

        assertEquals(SignatureCheck.matched(SignOrder.JAVA), signer.check(signedBody));
        assertEquals(signedBody, signer.signInGeneral(vector.get("input").deepCopy()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paymentPageCases")
    void java_sdk_payment_page_url_verifies(JsonNode vector) {
        Signer signer = signerFor(vector);
        Map<String, String> params =
                queryOf(vector.get("java_sdk_payment_page_url").textValue());

        assertEquals(SignatureCheck.matched(SignOrder.JAVA), signer.checkParams(params));
        assertEquals(params.get("signature"), signer.signParams(params));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paymentPageCases")
    void frame_mode_does_not_change_the_payment_page_signature(JsonNode vector) {
        Signer signer = signerFor(vector);
        Map<String, String> withFrameMode =
                new HashMap<>(queryOf(vector.get("java_sdk_payment_page_url").textValue()));
        withFrameMode.put("frame_mode", "iframe");
        Map<String, String> withoutFrameMode = new HashMap<>(withFrameMode);
        withoutFrameMode.remove("frame_mode");

        assertEquals(signer.signParams(withoutFrameMode), signer.signParams(withFrameMode));
        assertEquals(SignatureCheck.matched(SignOrder.JAVA), signer.checkParams(withFrameMode));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paymentPageCases")
    void built_url_carries_the_same_parameters_as_the_java_sdk_url(JsonNode vector) {
        Signer signer = signerFor(vector);
        Map<String, String> sdkParams =
                queryOf(vector.get("java_sdk_payment_page_url").textValue());
        Map<String, String> unsigned = new HashMap<>(sdkParams);
        unsigned.remove("signature");

        String url = PaymentPageUrl.build(PAYMENT_PAGE_BASE_URL, unsigned, signer.signParams(unsigned));

        assertTrue(url.startsWith(PAYMENT_PAGE_BASE_URL + "?"), url);
        assertEquals(sdkParams, queryOf(url));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("officialFixturesToSign")
    void official_sdk_fixture_signature_is_reproduced(JsonNode fixture) {
        Signer signer = new Signer(fixture.get("secret").textValue());
        assertEquals(fixture.get("expected_signature").textValue(), signer.sign(fixture.get("input")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("officialSignedCallbacks")
    void official_sdk_signed_callback_verifies(JsonNode fixture) {
        Signer signer = new Signer(fixture.get("secret").textValue());
        assertEquals(SignatureCheck.matched(SignOrder.JAVA), signer.check(fixture.get("signed_callback_json")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("officialSignedCallbacks")
    void official_sdk_signed_callback_fails_with_another_secret(JsonNode fixture) {
        Signer signer = new Signer(fixture.get("secret").textValue() + "-wrong");
        SignatureCheck check = signer.check(fixture.get("signed_callback_json"));
        assertFalse(check.valid());
        assertEquals(Outcome.INVALID, check.outcome());
    }

    private static Signer signerFor(JsonNode vector) {
        return new Signer(vector.get("secret").textValue());
    }

    private static ObjectNode withTopLevelSignature(JsonNode input, String signature) {
        ObjectNode body = input.deepCopy();
        assertFalse(body.has("signature"), "vector input is unsigned");
        return body.put("signature", signature);
    }

    private static SignOrder firstOrderProducing(JsonNode input, String stringToSign) {
        SignOrder first = Arrays.stream(SignOrder.values())
                .filter(order -> SignatureFlattener.stringToSign(input, order).equals(stringToSign))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no SignOrder produces '" + stringToSign + "'"));
        assertNotEquals(SignOrder.JAVA, first, "the vector says this SDK disagrees with Java");
        return first;
    }

    private static Map<String, String> queryOf(String url) {
        return PaymentPageUrl.parseQuery(URI.create(url).getRawQuery());
    }
}
