package dev.jetonvoucher.sandbox;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.signing.PaymentPageUrl;
import dev.jetonvoucher.signing.Signer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** bin/sign: the signature a merchant gets is the platform's, wherever the body comes from. */
class SignTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = SamTemplate.locate().getParent();
    private static final Path SAMPLE_PROJECTS = ROOT.resolve("examples/projects.json");

    record Result(int status, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    static Result sign(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Sign.run(
                args,
                new ByteArrayInputStream(stdin.getBytes(UTF_8)),
                new PrintStream(out, true, UTF_8),
                new PrintStream(err, true, UTF_8));
        return new Result(status, out.toString(UTF_8), err.toString(UTF_8));
    }

    static Stream<Named<JsonNode>> vectors(String... kinds) throws IOException {
        JsonNode root = JSON.readTree(ROOT.resolve("libraries/core/src/test/resources/signature-vectors.json")
                .toFile());
        List<String> wanted = List.of(kinds);
        return StreamSupport.stream(root.get("cases").spliterator(), false)
                .filter(vector -> wanted.contains(vector.get("kind").textValue()))
                .map(vector -> Named.of(vector.get("name").textValue(), vector));
    }

    static Stream<Named<JsonNode>> jsonVectors() throws IOException {
        return vectors("generic", "gate_request", "callback", "edge");
    }

    static Stream<Named<JsonNode>> paymentPageVectors() throws IOException {
        return vectors("payment_page");
    }

    @ParameterizedTest
    @MethodSource("jsonVectors")
    void a_json_body_gets_the_signature_of_the_vector_and_of_the_platforms_signer(JsonNode vector) throws IOException {
        String secret = vector.get("secret").textValue();
        Result result = sign(vector.get("input").toString(), "--secret", secret);

        assertEquals(0, result.status(), result.err());
        JsonNode signed = result.json();
        String signature = signatureOf(signed);
        assertEquals(vector.get("signature").textValue(), signature);
        assertEquals(new Signer(secret).sign(vector.get("input")), signature);
        assertTrue(new Signer(secret).check(signed).valid());
    }

    @ParameterizedTest
    @MethodSource("paymentPageVectors")
    void payment_page_parameters_get_the_signature_of_the_vector(JsonNode vector) {
        List<String> pairs = new ArrayList<>();
        vector.get("input")
                .properties()
                .forEach(entry -> pairs.add(entry.getKey() + "="
                        + URLEncoder.encode(entry.getValue().asText(), UTF_8)));
        Result result =
                sign(String.join("&", pairs), "--secret", vector.get("secret").textValue());

        assertEquals(0, result.status(), result.err());
        Map<String, String> params = PaymentPageUrl.parseQuery(result.out().strip());
        assertEquals(vector.get("signature").textValue(), params.get("signature"));
        assertEquals(vector.get("input").size() + 1, params.size(), "every parameter kept, plus the signature");
    }

    @Test
    void a_payment_page_url_comes_back_as_a_url_with_a_fresh_signature() {
        Result result = sign(
                "http://127.0.0.1:3000/payment?project_id=239&payment_id=order-1&payment_amount=1000"
                        + "&payment_currency=EUR&customer_id=c-1&signature=stale",
                "--secret",
                "sandbox-secret-239");

        assertEquals(0, result.status(), result.err());
        String url = result.out().strip();
        assertTrue(url.startsWith("http://127.0.0.1:3000/payment?project_id=239&"), url);
        Map<String, String> params = PaymentPageUrl.parseQuery(url.substring(url.indexOf('?') + 1));
        assertTrue(new Signer("sandbox-secret-239").checkParams(params).valid());
        assertFalse(url.contains("stale"));
    }

    @Test
    void the_signature_goes_where_the_body_keeps_it() throws IOException {
        String secret = "k";
        JsonNode gate = sign(
                        "{\"general\":{\"project_id\":1,\"payment_id\":\"p\",\"signature\":\"old\"},\"x\":1}",
                        "--secret",
                        secret)
                .json();
        assertFalse(gate.has("signature"));
        assertEquals(
                new Signer(secret).sign(JSON.readTree("{\"general\":{\"project_id\":1,\"payment_id\":\"p\"},\"x\":1}")),
                gate.at("/general/signature").textValue());

        JsonNode callback = sign(
                        "{\"project_id\":1,\"payment\":{\"id\":\"p\"},\"signature\":\"old\"}", "--secret", secret)
                .json();
        assertEquals(
                new Signer(secret).sign(JSON.readTree("{\"project_id\":1,\"payment\":{\"id\":\"p\"}}")),
                callback.get("signature").textValue());
    }

    @Test
    void the_body_is_read_from_a_file_or_from_standard_input(@TempDir Path dir) throws IOException {
        String body = "{\"general\":{\"project_id\":239,\"payment_id\":\"file-1\"}}";
        Path file = Files.writeString(dir.resolve("status.json"), body);

        Result fromFile = sign("", file.toString(), "--secret", "sandbox-secret-239");
        Result fromStdin = sign(body, "--secret", "sandbox-secret-239");
        Result fromDash = sign(body, "-", "--secret", "sandbox-secret-239");

        assertEquals(0, fromFile.status(), fromFile.err());
        assertEquals(fromStdin.out(), fromFile.out());
        assertEquals(fromStdin.out(), fromDash.out());
        assertTrue(new Signer("sandbox-secret-239").check(fromFile.json()).valid());
    }

    @Test
    void the_key_can_be_a_projects_secret_from_the_sample_project_file() throws IOException {
        String body = "{\"general\":{\"project_id\":240,\"payment_id\":\"order-240\"}}";

        Result result = sign(body, "--project-id", "240", "--projects", SAMPLE_PROJECTS.toString());

        assertEquals(0, result.status(), result.err());
        assertTrue(new Signer("sandbox-secret-240").check(result.json()).valid());
        assertFalse(new Signer("sandbox-secret-239").check(result.json()).valid());
    }

    @Test
    void help_is_the_usage_on_standard_output() {
        Result result = sign("", "--help");
        assertEquals(0, result.status());
        assertEquals(Sign.USAGE, result.out().strip());
        Result afterArguments = sign("", "body.json", "--secret", "k", "-h");
        assertEquals(0, afterArguments.status());
        assertEquals(Sign.USAGE, afterArguments.out().strip());
    }

    static Stream<Named<String[]>> badInvocations() {
        String secret = "--secret";
        return Stream.of(
                Named.of("invalid JSON", new String[] {"{\"general\": {", secret, "k"}),
                Named.of("a JSON array", new String[] {"[1, 2]", secret, "k"}),
                Named.of("an empty body", new String[] {"  \n", secret, "k"}),
                Named.of("text that is no query", new String[] {"hello world", secret, "k"}),
                Named.of("general that is not an object", new String[] {"{\"general\": 7}", secret, "k"}),
                Named.of("no key", new String[] {"{}"}),
                Named.of("an empty secret", new String[] {"{}", secret, ""}),
                Named.of("both kinds of key", new String[] {
                    "{}", secret, "k", "--project-id", "239", "--projects", SAMPLE_PROJECTS.toString()
                }),
                Named.of("a project id without a file", new String[] {"{}", "--project-id", "239"}),
                Named.of(
                        "a project not in the file",
                        new String[] {"{}", "--project-id", "9", "--projects", SAMPLE_PROJECTS.toString()}),
                Named.of(
                        "a project file that is missing",
                        new String[] {"{}", "--project-id", "239", "--projects", "no-such-projects.json"}),
                Named.of("a body file that is missing", new String[] {"{}", "no-such-body.json", secret, "k"}),
                Named.of("an unknown option", new String[] {"{}", "--key", "k"}),
                Named.of("an option without its value", new String[] {"{}", secret}));
    }

    @ParameterizedTest
    @MethodSource("badInvocations")
    void bad_input_is_a_one_line_error_and_exit_2(String[] stdinThenArgs) {
        String[] args = java.util.Arrays.copyOfRange(stdinThenArgs, 1, stdinThenArgs.length);

        Result result = sign(stdinThenArgs[0], args);

        assertEquals(2, result.status());
        assertEquals("", result.out());
        assertTrue(result.err().startsWith("bin/sign: "), result.err());
        assertEquals(1, result.err().strip().lines().count(), result.err());
    }

    private static String signatureOf(JsonNode signed) {
        if (signed.has("signature")) {
            return signed.get("signature").textValue();
        }
        return ((ObjectNode) signed.get("general")).get("signature").textValue();
    }
}
