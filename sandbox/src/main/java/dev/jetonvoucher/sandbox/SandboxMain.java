package dev.jetonvoucher.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.gate.VoucherTransitCipher;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.ProjectFile;
import dev.jetonvoucher.project.ProjectFileException;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code bin/sandbox [--port N] [--projects FILE] [--aws-endpoint URL]}: the whole system on 127.0.0.1
 * until Ctrl-C / SIGTERM, as fixed in shared/spec/sandbox-contract.md.
 */
public final class SandboxMain {

    static final String BUILT_IN_PROJECTS = """
            {"projects": [{
              "project_id": 239,
              "secret_key": "sandbox-secret-239",
              "test": true,
              "currencies": ["EUR", "USD"],
              "base_time_seconds": 10,
              "limit_time_seconds": 120,
              "balances": {"EUR": 500000, "USD": 500000},
              "sandbox": {"provider_notifications": "normal", "provider_delay_seconds": 2}
            }]}
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bin/sandbox: " + e.getMessage());
            System.err.println("usage: bin/sandbox [--port N] [--projects FILE] [--aws-endpoint URL]");
            System.exit(2);
            return;
        }
        if (options.awsEndpoint != null) {
            System.setProperty("aws.endpointUrl", options.awsEndpoint);
        }
        Path stateDir = Files.createDirectories(Path.of(".sandbox"));
        String projectJson;
        try {
            projectJson = options.projectsFile == null ? BUILT_IN_PROJECTS : Files.readString(options.projectsFile);
        } catch (IOException e) {
            fail("cannot read the project file " + options.projectsFile + ": " + e.getMessage());
            return;
        }
        List<Project> projects;
        try {
            projects = ProjectFile.parse(projectJson);
        } catch (ProjectFileException e) {
            fail("the project file " + (options.projectsFile == null ? "(built in)" : options.projectsFile)
                    + " is not usable: " + e.getMessage());
            return;
        }
        String base = "http://127.0.0.1:" + options.port;
        Path effective = stateDir.resolve("projects.json");
        Files.writeString(effective, withInboxCallbacks(projectJson, base));
        Map<Long, Project> byId = ProjectFile.parse(Files.readString(effective)).stream()
                .collect(Collectors.toMap(Project::projectId, Function.identity()));

        LocalAwsEndpoint endpoint;
        try {
            endpoint = LocalAwsEndpoint.start();
        } catch (RuntimeException e) {
            fail(e.getMessage());
            return;
        }
        Map<String, String> parameters = Map.of(
                "ProviderSigningKey", randomHex(32),
                "VoucherTransitKey", VoucherTransitCipher.newKey());
        LocalRuntime runtime;
        try {
            runtime = new LocalRuntime(SamTemplate.load(SamTemplate.locate()), endpoint, "sandbox-" + randomHex(3) + "-",
                    effective, parameters, "127.0.0.1", options.port, Clock.systemUTC(), true);
        } catch (BindException e) {
            endpoint.close();
            fail("port " + options.port + " is taken: stop what uses it or run bin/sandbox --port N");
            return;
        }
        CallbackInbox inbox = new CallbackInbox(byId);
        runtime.gateway().localRoute(inbox);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the sandbox…");
            runtime.close();
            endpoint.close();
            stopped.countDown();
        }));
        printBanner(runtime, endpoint, byId);
        stopped.await();
    }

    /** Projects without a callback URL send their callbacks to the sandbox's inbox. */
    static String withInboxCallbacks(String projectJson, String baseUrl) throws IOException {
        JsonNode root = JSON.readTree(projectJson);
        for (JsonNode project : root.path("projects")) {
            if (!project.hasNonNull("callback_url")) {
                ((ObjectNode) project).put("callback_url",
                        baseUrl + CallbackInbox.PATH + "/" + project.path("project_id").asText());
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static void printBanner(LocalRuntime runtime, LocalAwsEndpoint endpoint, Map<Long, Project> projects) {
        System.out.println();
        System.out.println("Jeton Voucher sandbox is running at " + runtime.baseUrl() + "  (Ctrl-C stops it)");
        System.out.println("  AWS endpoint: " + endpoint.endpoint() + " (" + endpoint.kind() + ")");
        System.out.println("  Routes: " + String.join(", ", runtime.gateway().routeKeys()));
        System.out.println("  Callback inbox: GET " + runtime.baseUrl() + CallbackInbox.PATH);
        for (Project project : projects.values()) {
            System.out.println("  Project " + project.projectId() + (project.test() ? " (test mode)" : "")
                    + "  secret_key=" + project.secretKey() + "  currencies=" + project.currencies()
                    + "  callbacks → " + project.callbackUrl().map(Object::toString).orElse("none"));
        }
        System.out.println("Ready: GET " + runtime.baseUrl() + "/health");
        System.out.flush();
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static void fail(String message) {
        System.err.println("bin/sandbox: " + message);
        System.exit(1);
    }

    static final class Options {
        int port = 3000;
        Path projectsFile;
        String awsEndpoint;

        static Options parse(String[] args) {
            Options options = new Options();
            String envPort = System.getenv("PORT");
            if (envPort != null && !envPort.isBlank()) {
                options.port = port(envPort);
            }
            String envEndpoint = System.getenv("AWS_ENDPOINT_URL");
            if (envEndpoint != null && !envEndpoint.isBlank()) {
                options.awsEndpoint = envEndpoint;
            }
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--port" -> options.port = port(require(value, "--port"));
                    case "--projects" -> options.projectsFile = Path.of(require(value, "--projects"));
                    case "--aws-endpoint" -> options.awsEndpoint = require(value, "--aws-endpoint");
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            return options;
        }

        private static String require(String value, String option) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }

        private static int port(String text) {
            try {
                int port = Integer.parseInt(text);
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port must be a number from 0 to 65535, got " + text);
            }
        }
    }
}
