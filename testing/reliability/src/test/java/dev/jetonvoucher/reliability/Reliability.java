package dev.jetonvoucher.reliability;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.fixtures.GateClient;
import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.sandbox.FunctionHost;
import dev.jetonvoucher.sandbox.SandboxHarness;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the reliability suite shares: the seed, every line printed from the start (handler logs, the gateway's request
 * lines, the SQS mappings' warnings), the secrets and security codes that must never be stored or logged, and the
 * sandbox runtimes the test classes drive ({@link SandboxHarness}, its tables kept on the endpoint for the final scan).
 * Runtimes are started on first use and stopped when the JVM exits.
 */
final class Reliability {

    static final long DEFAULT_SEED = 20_261_128L;
    static final long SEED = seed();
    static final String PROVIDER_KEY = "reliability-provider-signing-key-7f3a9c";
    static final String TRANSIT_KEY = VoucherTransitCipher.newKey();
    /** A voucher of the method's testing mode (any well-formed voucher is accepted in test projects). */
    static final String TEST_VOUCHER = "4619000000000000017";

    /** Secrets of every project the suite creates, and the platform's keys. */
    static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    /** Every security code the suite typed or was handed in a callback. */
    static final Set<String> SECURITY_CODES = ConcurrentHashMap.newKeySet();
    /** Every full voucher number the suite used or was handed. */
    static final Set<String> VOUCHER_NUMBERS = ConcurrentHashMap.newKeySet();

    private static final ByteArrayOutputStream CAPTURED = new ByteArrayOutputStream();
    private static final List<SandboxHarness> STARTED = new ArrayList<>();

    static {
        System.out.println("reliability seed=" + SEED + " (replay with -Dreliability.seed=" + SEED + ")");
        // Captured, not echoed: the fuzzer alone makes 10,000 gateway lines. The capture is written to
        // target/reliability-output.log when the JVM exits.
        PrintStream tee = new PrintStream(new Capture(CAPTURED), true, StandardCharsets.UTF_8);
        System.setOut(tee);
        Log.configure(tee, false);
        FunctionHost.decorateQueueSenders(FaultInjection::around);
        SECRETS.add(PROVIDER_KEY);
        SECRETS.add(TRANSIT_KEY);
        VOUCHER_NUMBERS.add(TEST_VOUCHER);
        Runtime.getRuntime().addShutdownHook(new Thread(Reliability::stopAll, "stop-reliability-sandboxes"));
    }

    private Reliability() {}

    private static long seed() {
        String configured = System.getProperty("reliability.seed", "").trim();
        return configured.matches("-?\\d+") ? Long.parseLong(configured) : DEFAULT_SEED;
    }

    /** A project of the sandbox project file. */
    static ObjectNode project(long id, String secret, boolean test, String callbackUrl) {
        SECRETS.add(secret);
        ObjectNode project = GateClient.JSON.createObjectNode();
        project.put("project_id", id);
        project.put("secret_key", secret);
        project.put("callback_url", callbackUrl);
        project.put("test", test);
        project.putArray("currencies").add("EUR");
        project.put("base_time_seconds", 2);
        project.put("limit_time_seconds", 60);
        project.putObject("balances").put("EUR", 0);
        project.putObject("sandbox").put("provider_notifications", "normal").put("provider_delay_seconds", 0);
        return project;
    }

    /**
     * A sandbox runtime of its own (own tables and queues on the shared endpoint) with these projects.
     *
     * @param runMappings false to drive the SQS mappings by hand
     */
    static synchronized SandboxHarness start(String name, boolean runMappings, Clock clock, ObjectNode... projects) {
        return start(name, runMappings, clock, List.of(), projects);
    }

    /** As {@link #start(String, boolean, Clock, ObjectNode...)}, with the project file's Data API {@code api_tokens}. */
    static synchronized SandboxHarness start(
            String name, boolean runMappings, Clock clock, List<ObjectNode> apiTokens, ObjectNode... projects) {
        // The suite's own keys, not fresh ones: the secret scan looks for them in every stored item and line.
        SandboxHarness sandbox = new SandboxHarness(
                SandboxHarness.options()
                        .named("rel-" + name)
                        .withKeys(PROVIDER_KEY, TRANSIT_KEY)
                        .withMappings(runMappings)
                        .withClock(clock)
                        .withApiTokens(apiTokens),
                projects);
        STARTED.add(sandbox);
        return sandbox;
    }

    static synchronized List<SandboxHarness> started() {
        return List.copyOf(STARTED);
    }

    /** Everything printed since the suite started. */
    static String capturedOutput() {
        synchronized (CAPTURED) {
            return CAPTURED.toString(StandardCharsets.UTF_8);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static synchronized void stopAll() {
        for (SandboxHarness sandbox : STARTED) {
            sandbox.close();
        }
        writeCapturedOutput();
    }

    /** The whole captured output, for whoever investigates a failure: target/reliability-output.log. */
    static void writeCapturedOutput() {
        try {
            Files.writeString(Path.of("target", "reliability-output.log"), capturedOutput());
        } catch (IOException e) {
            System.err.println("could not write target/reliability-output.log: " + e.getMessage());
        }
    }

    private static final class Capture extends OutputStream {
        private final ByteArrayOutputStream capture;

        Capture(ByteArrayOutputStream capture) {
            this.capture = capture;
        }

        @Override
        public void write(int b) {
            synchronized (capture) {
                capture.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (capture) {
                capture.write(b, off, len);
            }
        }
    }
}
