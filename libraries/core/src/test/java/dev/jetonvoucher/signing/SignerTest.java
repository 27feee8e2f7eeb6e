package dev.jetonvoucher.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SignerTest {

    private static final String SECRET = "secret";
    private final Signer signer = new Signer(SECRET);

    private static ObjectNode json(String text) throws IOException {
        return (ObjectNode) SignatureVectors.JSON.readTree(text);
    }

    private static JsonNode vector(String name) {
        return SignatureVectors.cases()
                .filter(named -> named.getName().equals(name))
                .findFirst()
                .orElseThrow()
                .getPayload();
    }

    @Test
    void signature_is_padded_standard_base64_of_a64_byte_mac() throws IOException {
        String signature = signer.sign(json("{\"a\":1}"));

        assertEquals(88, signature.length());
        assertTrue(signature.endsWith("=="), signature);
        assertEquals(64, Base64.getDecoder().decode(signature).length);
    }

    @Test
    void unicode_is_signed_as_utf8_whatever_the_default_charset() {
        JsonNode unicode = vector("unicode");
        String stringToSign = SignatureFlattener.stringToSign(unicode.get("input"), SignOrder.JAVA);

        assertEquals(
                unicode.get("string_to_sign_utf8_hex").textValue(),
                HexFormat.of().formatHex(stringToSign.getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                unicode.get("signature").textValue(),
                new Signer(unicode.get("secret").textValue()).sign(unicode.get("input")));
    }

    @Test
    void non_ascii_secret_is_used_as_utf8() throws IOException {
        // HMAC-SHA512("Jürgen", "a:1"), independently computed with Python's hmac over UTF-8 bytes.
        assertEquals(
                "GrEYh/btRqwa8tT0BEsA+y956c1C9PaJPkmwlnaE2agdadm8cbnt2pqJ8QQJpRsxcHtFSI8ea2Nco4NdpxjA4g==",
                new Signer("J\u00fcrgen").sign(json("{\"a\":1}")));
    }

    @Test
    void signing_code_never_encodes_with_the_platform_default_charset() throws IOException {
        Path sources = Path.of("src/main/java/dev/jetonvoucher/signing");
        try (Stream<Path> files = Files.list(sources)) {
            List<String> offenders = files.filter(file -> readUnchecked(file).contains(".getBytes()"))
                    .map(Path::toString)
                    .collect(Collectors.toList());
            assertEquals(List.of(), offenders);
        }
    }

    @Test
    void empty_secret_is_rejected() {
        assertThrows(IllegalArgumentException.class, () -> new Signer(""));
    }

    @Test
    void sign_top_level_replaces_an_existing_signature_and_returns_the_same_node() throws IOException {
        ObjectNode body = json("{\"payment\":{\"id\":\"p-1\"},\"signature\":\"stale\"}");
        String expected = signer.sign(json("{\"payment\":{\"id\":\"p-1\"}}"));

        assertSame(body, signer.signTopLevel(body));
        assertEquals(expected, body.get("signature").textValue());
        assertEquals(SignatureCheck.matched(SignOrder.JAVA), signer.check(body));
    }

    @Test
    void sign_in_general_creates_general_when_absent() throws IOException {
        ObjectNode body = json("{\"payment\":{\"amount\":5000}}");
        String expected = signer.sign(body);

        signer.signInGeneral(body);

        assertEquals(Set.of("signature"), fieldNames(body.get("general")));
        assertEquals(expected, body.get("general").get("signature").textValue());
        assertEquals(SignatureCheck.matched(SignOrder.JAVA), signer.check(body));
    }

    @Test
    void sign_in_general_replaces_a_stale_general_signature() throws IOException {
        ObjectNode body = json("{\"general\":{\"project_id\":1,\"signature\":\"stale\"}}");

        signer.signInGeneral(body);

        assertEquals(
                signer.sign(json("{\"general\":{\"project_id\":1}}")),
                body.get("general").get("signature").textValue());
    }

    @Test
    void sign_in_general_refuses_a_non_object_general() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> signer.signInGeneral(json("{\"general\":\"x\"}")));
    }

    @Test
    void check_never_mutates_its_input() throws IOException {
        for (ObjectNode body : List.of(
                signer.signTopLevel(json("{\"a\":1,\"general\":{\"b\":2}}")),
                signer.signInGeneral(json("{\"a\":1}")),
                json("{\"a\":1,\"signature\":\"forged\"}"))) {
            JsonNode before = body.deepCopy();
            signer.check(body);
            assertEquals(before, body);
        }
    }

    @Test
    void top_level_signature_wins_and_general_signature_is_then_signed_along() throws IOException {
        ObjectNode body = json("{\"a\":1,\"general\":{\"signature\":\"kept\"}}");
        body.put("signature", signer.sign(body));

        assertEquals(SignatureCheck.matched(SignOrder.JAVA), signer.check(body));
    }

    @Test
    void missing_empty_or_non_string_signature_is_missing() throws IOException {
        for (String body : List.of(
                "{\"a\":1}",
                "{\"a\":1,\"signature\":\"\"}",
                "{\"a\":1,\"signature\":null}",
                "{\"a\":1,\"signature\":42}",
                "{\"a\":1,\"signature\":{\"value\":\"x\"}}",
                "{\"general\":{\"signature\":\"\"}}",
                "{\"general\":\"not an object\"}",
                // the top-level member decides even when it is unusable, as in the SDKs
                "{\"signature\":null,\"general\":{\"signature\":\"x\"}}")) {
            assertEquals(SignatureCheck.missing(), signer.check(json(body)), body);
        }
        assertEquals(SignatureCheck.missing(), signer.check(JsonNodeFactory.instance.arrayNode()));
    }

    @Test
    void wrong_secret_is_invalid() throws IOException {
        ObjectNode body = new Signer("other-secret").signTopLevel(json("{\"payment\":{\"id\":\"p-1\"}}"));

        SignatureCheck check = signer.check(body);

        assertEquals(SignatureCheck.Outcome.INVALID, check.outcome());
        assertFalse(check.valid());
    }

    @Test
    void signature_of_different_length_is_invalid_not_an_error() throws IOException {
        assertEquals(SignatureCheck.invalid(), signer.check(json("{\"a\":1,\"signature\":\"c2hvcnQ=\"}")));
    }

    @Test
    void sign_params_ignores_signature_and_frame_mode() {
        Map<String, String> params = new LinkedHashMap<>(Map.of("project_id", "12345", "payment_id", "X-1"));
        String signature = signer.signParams(params);

        params.put("frame_mode", "popup");
        params.put("signature", "whatever");

        assertEquals(signature, signer.signParams(params));
    }

    @Test
    void url_strings_sign_like_json_numbers() throws IOException {
        assertEquals(signer.sign(json("{\"project_id\":12345}")), signer.signParams(Map.of("project_id", "12345")));
    }

    @Test
    void check_params_reports_missing_valid_and_invalid() {
        Map<String, String> params = new LinkedHashMap<>(Map.of("project_id", "12345", "payment_id", "X-1"));
        assertEquals(SignatureCheck.missing(), signer.checkParams(params));

        params.put("signature", "");
        assertEquals(SignatureCheck.missing(), signer.checkParams(params));

        params.put("signature", signer.signParams(params));
        assertEquals(SignatureCheck.matched(SignOrder.JAVA), signer.checkParams(params));

        params.put("payment_id", "X-2");
        assertEquals(SignatureCheck.invalid(), signer.checkParams(params));
    }

    @Test
    void shared_signer_gives_the_same_signature_on_every_thread() throws IOException {
        ObjectNode body = json("{\"payment\":{\"id\":\"p-1\",\"amount\":5000}}");
        String expected = signer.sign(body);

        Set<String> signatures = IntStream.range(0, 2_000)
                .parallel()
                .mapToObj(i -> signer.sign(body))
                .collect(Collectors.toSet());

        assertEquals(Set.of(expected), signatures);
    }

    @Test
    void signers_of_more_keys_than_are_kept_each_sign_with_their_own_key_on_every_thread() throws IOException {
        ObjectNode body = json("{\"payment\":{\"id\":\"p-1\",\"amount\":5000},\"project_id\":239}");
        int keys = Signer.MAX_KEPT_KEYS * 2 + 17; // the kept keys start again twice, while other threads sign
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < keys; i++) {
            String secret = "project-secret-" + i;
            expected.put(secret, ReferenceSignatureFlattener.sign(secret, body, SignOrder.JAVA));
        }

        Map<String, Set<String>> signed = IntStream.range(0, keys * 4)
                .parallel()
                .mapToObj(i -> "project-secret-" + (i % keys))
                .collect(Collectors.groupingByConcurrent(
                        secret -> secret,
                        Collectors.mapping(secret -> new Signer(secret).sign(body), Collectors.toSet())));

        assertEquals(keys, signed.size());
        expected.forEach((secret, signature) -> assertEquals(Set.of(signature), signed.get(secret), secret));
    }

    @Test
    void different_secrets_give_different_signatures() throws IOException {
        ObjectNode body = json("{\"a\":1}");
        assertNotEquals(signer.sign(body), new Signer(SECRET + "x").sign(body));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String readUnchecked(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
