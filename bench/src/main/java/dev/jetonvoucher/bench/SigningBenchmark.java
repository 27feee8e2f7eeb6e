package dev.jetonvoucher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Signing throughput of each build: {@code SigningProbe} on the merchant-callback function jar (the whole callback,
 * signing alone and one bare HMAC-SHA512 of the same string); and of the official ECommPay JavaScript SDK on the
 * same document ({@code bench/js/official-sdk-signing.js}, the SDK as testing/sdk-conformance's lockfile pins it);
 * and of the official Java SDK when whoever runs the benchmark gives it ({@code BENCH_JAVA_SDK}: it is on no registry
 * this machine reaches).
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
    record Result(
            String build,
            int callbackBytes,
            int signedStringBytes,
            Rate callback,
            Rate signing,
            Rate bareHmac,
            String secret,
            String unsignedCallback,
            String signature) {

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
                Rate.of(result, "hmac_"),
                result.path("secret").asText(null),
                result.path("unsigned_callback").asText(null),
                result.path("signature").asText(null));
    }

    /**
     * The official JS SDK's signer on the document {@code ours} signed, or why it could not run.
     *
     * @param sdkVersion the npm package's version, as installed
     * @param nodeVersion Node.js's version
     * @param sameSignature whether the SDK's signature equals ours on that document
     * @param signing the SDK's {@code signer(document, secret)}, ops/s: the median of the runs' medians, min and
     *     max over every window
     * @param ours our {@code Signer.sign} of the same document in the runs alternated with the SDK's, likewise
     * @param runs how many runs of each
     */
    record OfficialSdk(
            String sdkVersion,
            String nodeVersion,
            boolean sameSignature,
            Rate signing,
            Rate ours,
            int runs,
            String skipped) {

        static OfficialSdk skipped(String why) {
            return new OfficialSdk(null, null, false, null, null, 0, why);
        }

        boolean measured() {
            return skipped == null;
        }

        /** How many times faster our signing is than the SDK's, medians of the alternated runs. */
        double oursPerSdk() {
            return ours.median() / signing.median();
        }
    }

    /** Where the official Java SDK comes from: a checkout of ITECOMMPAY/paymentpage-sdk-java, or its classes or jar. */
    static final String JAVA_SDK = "BENCH_JAVA_SDK";

    static final String JAVA_SDK_PROBE = "dev.jetonvoucher.bench.probe.JavaSdkSigningProbe";

    private static final String JAVA_SDK_SOURCE = "src/main/java/com/ecommpay/sdk/SignatureHandler.java";

    /**
     * The official Java SDK's {@code SignatureHandler.sign} against ours on the same document, in alternating
     * windows of one JVM ({@code JavaSdkSigningProbe}), or why it could not run.
     *
     * @param ratio ours ÷ the SDK, window by window: median, min, max
     */
    record JavaSdk(boolean sameSignature, Rate sdk, Rate ours, Rate ratio, String source, String skipped) {

        static JavaSdk skipped(String why) {
            return new JavaSdk(false, null, null, null, null, why);
        }

        boolean measured() {
            return skipped == null;
        }
    }

    /**
     * Runs the official Java SDK's signer beside ours when {@code BENCH_JAVA_SDK} names it: a checkout (its one
     * signing class is compiled here, with the JDK's compiler), a directory of its classes or its jar. The SDK is
     * never part of this repository: no registry this machine reaches serves it, and its sources carry no licence.
     */
    JavaSdk officialJavaSdk(Artifacts ours, Result first, int windows) {
        String location = System.getenv(JAVA_SDK);
        if (location == null || location.isBlank()) {
            return JavaSdk.skipped("set " + JAVA_SDK + " to a checkout of ITECOMMPAY/paymentpage-sdk-java (no registry"
                    + " this machine reaches serves it, and its sources carry no licence to vendor them)");
        }
        if (first.unsignedCallback() == null) {
            return JavaSdk.skipped("this build's probe does not print its document");
        }
        try {
            Path given = Path.of(location).toAbsolutePath();
            Path classes = given;
            if (Files.isRegularFile(given.resolve(JAVA_SDK_SOURCE))) {
                classes = Files.createTempDirectory("official-java-sdk");
                javax.tools.JavaCompiler compiler = javax.tools.ToolProvider.getSystemJavaCompiler();
                int exit = compiler.run(
                        null,
                        null,
                        null,
                        "--release",
                        "17",
                        "-nowarn",
                        "-d",
                        classes.toString(),
                        given.resolve(JAVA_SDK_SOURCE).toString());
                if (exit != 0) {
                    return JavaSdk.skipped("the SDK's " + JAVA_SDK_SOURCE + " did not compile (exit " + exit + ")");
                }
            } else if (!Files.exists(given)) {
                return JavaSdk.skipped(JAVA_SDK + "=" + location + " does not exist");
            }
            ObjectNode input = Json.mapper().createObjectNode();
            input.put("secret", first.secret());
            input.set("document", Json.mapper().readTree(first.unsignedCallback()));
            Path inputFile = Files.createTempFile("official-java-sdk-signing", ".json");
            Files.writeString(inputFile, input.toString(), StandardCharsets.UTF_8);
            JsonNode result = ChildJvm.run(
                            List.of(ours.functionJar("MerchantCallbackFunction"), probesJar, classes),
                            List.of(ColdStartBenchmark.JVM_FLAGS),
                            JAVA_SDK_PROBE,
                            List.of(inputFile.toString(), "3", Integer.toString(windows), "1"),
                            Map.of())
                    .result();
            Files.deleteIfExists(inputFile);
            return new JavaSdk(
                    result.path("signature_matches").asInt() == 1,
                    new Rate(
                            result.path("sdk_median").asDouble(),
                            result.path("sdk_min").asDouble(),
                            result.path("sdk_max").asDouble()),
                    new Rate(
                            result.path("ours_median").asDouble(),
                            result.path("ours_min").asDouble(),
                            result.path("ours_max").asDouble()),
                    new Rate(
                            result.path("ratio_median").asDouble(),
                            result.path("ratio_min").asDouble(),
                            result.path("ratio_max").asDouble()),
                    location,
                    null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException failed) {
            return JavaSdk.skipped("the probe failed: "
                    + failed.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Median of the runs' medians, min and max over all their windows. */
    private static Rate pooled(List<Rate> runs) {
        List<Double> medians = new ArrayList<>();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Rate rate : runs) {
            medians.add(rate.median());
            min = Math.min(min, rate.min());
            max = Math.max(max, rate.max());
        }
        medians.sort(Double::compare);
        return new Rate(medians.get(medians.size() / 2), min, max);
    }

    /**
     * Runs the official JS SDK's signer on the document {@code ours} was measured on, {@code runs} times, each run
     * right after one more of our probe's (so the two alternate and the machine's load falls on both alike); installs
     * the SDK from testing/sdk-conformance's lockfile first when it is not there. Never fails the benchmark: without
     * Node.js or npm it says so.
     */
    OfficialSdk officialJsSdk(Path root, Artifacts ours, Result first, int windows, int runs) {
        if (first.unsignedCallback() == null) {
            return OfficialSdk.skipped("this build's probe does not print its document");
        }
        Path sdkDirectory = root.resolve("testing/sdk-conformance");
        Path script = root.resolve("bench/js/official-sdk-signing.js");
        try {
            if (!Files.isDirectory(sdkDirectory.resolve("node_modules/ecommpay"))) {
                Process install = new ProcessBuilder(
                                "npm", "ci", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error")
                        .directory(sdkDirectory.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (install.waitFor() != 0) {
                    return OfficialSdk.skipped(
                            "`npm ci` in testing/sdk-conformance failed (exit " + install.exitValue() + ")");
                }
            }
            ObjectNode input = Json.mapper().createObjectNode();
            input.put("secret", first.secret());
            input.set("document", Json.mapper().readTree(first.unsignedCallback()));
            input.put("signature", first.signature());
            Path inputFile = Files.createTempFile("official-sdk-signing", ".json");
            Files.writeString(inputFile, input.toString(), StandardCharsets.UTF_8);
            List<Rate> sdkRuns = new ArrayList<>();
            List<Rate> ourRuns = new ArrayList<>(List.of(first.signing()));
            JsonNode last = null;
            for (int run = 0; run < runs; run++) {
                if (run > 0) {
                    ourRuns.add(run(ours, windows).signing()); // ours again between the SDK's runs
                }
                last = ChildJvm.runProcess(
                                List.of(
                                        "node",
                                        script.toString(),
                                        sdkDirectory.toString(),
                                        inputFile.toString(),
                                        "3",
                                        Integer.toString(windows),
                                        "1"),
                                "node official-sdk-signing.js",
                                Map.of())
                        .result();
                sdkRuns.add(Rate.of(last, ""));
            }
            Files.deleteIfExists(inputFile);
            return new OfficialSdk(
                    last.path("sdk_version").asText(),
                    last.path("node_version").asText(),
                    last.path("signature_matches").asInt() == 1,
                    pooled(sdkRuns),
                    pooled(ourRuns),
                    runs,
                    null);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("error=2")) {
                return OfficialSdk.skipped("Node.js or npm is not installed");
            }
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OfficialSdk.skipped("interrupted");
        }
    }
}
