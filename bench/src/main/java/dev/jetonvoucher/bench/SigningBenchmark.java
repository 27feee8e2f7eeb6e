package dev.jetonvoucher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Signing throughput of each build: {@code SigningProbe} on the merchant-callback function jar (the whole callback,
 * signing alone and one bare HMAC-SHA512 of the same string).
 */
final class SigningBenchmark {

    static final String PROBE = "dev.jetonvoucher.bench.probe.SigningProbe";

    /** Operations per second over the windows. */
    record Rate(double median, double min, double max) {

        static Rate of(JsonNode result, String prefix) {
            return new Rate(
                    result.path(prefix + "ops_per_s_median").asDouble(),
                    result.path(prefix + "ops_per_s_min").asDouble(),
                    result.path(prefix + "ops_per_s_max").asDouble());
        }
    }

    /**
     * @param callback the whole callback: built, signed, serialized
     * @param signing {@code Signer.sign} of the unsigned callback
     * @param bareHmac one HMAC-SHA512 of the same string-to-sign on a keyed engine
     */
    record Result(String build, int callbackBytes, int signedStringBytes, Rate callback, Rate signing, Rate bareHmac) {

        /** Signing's speed as a share of the bare HMAC's: 1 would mean flattening and sorting cost nothing. */
        double signingPerBareHmac() {
            return signing.median() / bareHmac.median();
        }
    }

    private final Path probesJar;

    SigningBenchmark(Path probesJar) {
        this.probesJar = probesJar;
    }

    Result run(Artifacts build, int windows) {
        // C1 only, as the functions run in Lambda (template.yaml's JAVA_TOOL_OPTIONS).
        ChildJvm.Outcome outcome = ChildJvm.run(
                List.of(build.functionJar("MerchantCallbackFunction"), probesJar),
                List.of(ColdStartBenchmark.JVM_FLAGS),
                PROBE,
                List.of("3", Integer.toString(windows), "1"),
                Map.of());
        JsonNode result = outcome.result();
        return new Result(
                build.label(),
                result.path("callback_bytes").asInt(),
                result.path("signed_string_bytes").asInt(),
                Rate.of(result, ""),
                Rate.of(result, "sign_"),
                Rate.of(result, "hmac_"));
    }
}
