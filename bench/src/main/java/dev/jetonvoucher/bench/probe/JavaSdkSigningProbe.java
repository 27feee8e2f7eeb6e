package dev.jetonvoucher.bench.probe;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetonvoucher.signing.Signer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The official ECommPay Java SDK's signer ({@code com.ecommpay.sdk.SignatureHandler}, ITECOMMPAY/paymentpage-sdk-java)
 * against our {@code Signer.sign} on the same unsigned callback, in one JVM, in alternating one-second windows. The
 * SDK is not a dependency of this repository (no registry here serves it and its sources carry no licence to vendor
 * them): whoever runs the benchmark puts its class on the class path ({@code BENCH_JAVA_SDK}), and it is called
 * reflectively. Each signs the document the way its users hold it: the SDK a {@code Map<String, Object>} read by
 * Jackson (as its own {@code Callback} reads one), ours a {@code JsonNode}.
 *
 * <p>Usage: {@code JavaSdkSigningProbe <input.json> <warm-up seconds> <windows> <window seconds>}, where the input
 * holds {@code secret} and {@code document}, the unsigned callback.
 */
public final class JavaSdkSigningProbe {

    private static final String SDK_SIGNER = "com.ecommpay.sdk.SignatureHandler";

    public static void main(String[] args) throws Throwable {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode input = mapper.readTree(Files.readString(Path.of(args[0])));
        double warmUpSeconds = Double.parseDouble(args[1]);
        int windows = Integer.parseInt(args[2]);
        double windowSeconds = Double.parseDouble(args[3]);
        String secret = input.path("secret").asText();
        String documentJson = mapper.writeValueAsString(input.get("document"));

        Map<String, Object> asMap = mapper.readValue(documentJson, new TypeReference<Map<String, Object>>() {});
        JsonNode asTree = mapper.readTree(documentJson);
        Class<?> sdkClass = Class.forName(SDK_SIGNER);
        Object sdk = sdkClass.getConstructor(String.class).newInstance(secret);
        MethodHandle sdkSign = MethodHandles.publicLookup()
                .findVirtual(sdkClass, "sign", MethodType.methodType(String.class, Map.class))
                .bindTo(sdk);
        Signer ours = new Signer(secret);

        String sdkSignature = (String) sdkSign.invoke(asMap);
        String ourSignature = ours.sign(asTree);
        SigningProbe.Operation sdkOperation = () -> {
            try {
                return ((String) sdkSign.invoke(asMap)).length();
            } catch (Throwable failed) {
                throw new IllegalStateException("the SDK's sign failed", failed);
            }
        };
        SigningProbe.Operation ourOperation = () -> ours.sign(asTree).length();

        long warmUpNanos = (long) (warmUpSeconds * 1e9 / 2);
        SigningProbe.run(sdkOperation, warmUpNanos);
        SigningProbe.run(ourOperation, warmUpNanos);
        long windowNanos = (long) (windowSeconds * 1e9);
        double[] sdkRates = new double[windows];
        double[] ourRates = new double[windows];
        double[] ratios = new double[windows];
        for (int w = 0; w < windows; w++) {
            sdkRates[w] = SigningProbe.run(sdkOperation, windowNanos);
            ourRates[w] = SigningProbe.run(ourOperation, windowNanos);
            ratios[w] = ourRates[w] / sdkRates[w];
        }
        ProbeResult result = new ProbeResult()
                .number("signature_matches", sdkSignature.equals(ourSignature) ? 1 : 0)
                .text("sdk_signature", sdkSignature);
        summarize(result, "sdk_", sdkRates);
        summarize(result, "ours_", ourRates);
        summarize(result, "ratio_", ratios);
        result.number("sink", SigningProbe.sink() % 7).print();
        System.exit(0);
    }

    private static void summarize(ProbeResult result, String prefix, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        result.number(prefix + "median", sorted[sorted.length / 2])
                .number(prefix + "min", sorted[0])
                .number(prefix + "max", sorted[sorted.length - 1]);
    }
}
