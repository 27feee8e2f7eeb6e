package dev.jetonvoucher.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Named;

/** The official test vectors, {@code signature-vectors.json} (copied from {@code shared/spec}). */
final class SignatureVectors {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final JsonNode ROOT = load();

    /** A {@code cross_check} entry like {@code DIFFERENT: <signature> (string: <string to sign>)}. */
    private static final Pattern DIFFERENT = Pattern.compile("DIFFERENT: (\\S+) \\(string: (.*)\\)", Pattern.DOTALL);

    private SignatureVectors() {}

    /** What another SDK produced for a case where it disagrees with the Java SDK. */
    record SdkVariant(String sdk, String signature, String stringToSign) {}

    static Stream<Named<JsonNode>> cases() {
        return named(ROOT.get("cases"), item -> item.get("name").textValue());
    }

    static Stream<Named<JsonNode>> cases(String kind) {
        return cases().filter(
                        named -> named.getPayload().get("kind").textValue().equals(kind));
    }

    static Stream<Named<JsonNode>> officialFixtures(String field) {
        return named(
                        ROOT.get("official_sdk_fixtures").get("items"),
                        item -> item.get("source").textValue())
                .filter(named -> named.getPayload().has(field));
    }

    static List<SdkVariant> differingSdks(JsonNode vector) {
        List<SdkVariant> variants = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : vector.get("cross_check").properties()) {
            Matcher matcher = DIFFERENT.matcher(entry.getValue().textValue());
            if (matcher.matches()) {
                variants.add(new SdkVariant(entry.getKey(), matcher.group(1), matcher.group(2)));
            }
        }
        return variants;
    }

    static Optional<SdkVariant> differingSdk(JsonNode vector, String sdkPrefix) {
        return differingSdks(vector).stream()
                .filter(variant -> variant.sdk().startsWith(sdkPrefix))
                .findFirst();
    }

    private static Stream<Named<JsonNode>> named(JsonNode array, java.util.function.Function<JsonNode, String> name) {
        return StreamSupport.stream(array.spliterator(), false).map(item -> Named.of(name.apply(item), item));
    }

    private static JsonNode load() {
        try (InputStream in = SignatureVectors.class.getResourceAsStream("/signature-vectors.json")) {
            if (in == null) {
                throw new IllegalStateException("signature-vectors.json is not on the test classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
