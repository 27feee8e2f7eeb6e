package dev.jetonvoucher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Signing throughput of each build: {@code SigningProbe} on the merchant-callback function jar. */
final class SigningBenchmark {

    static final String PROBE = "dev.jetonvoucher.bench.probe.SigningProbe";

    record Result(String build, int callbackBytes, double median, double min, double max) {}

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
                result.path("ops_per_s_median").asDouble(),
                result.path("ops_per_s_min").asDouble(),
                result.path("ops_per_s_max").asDouble());
    }
}
