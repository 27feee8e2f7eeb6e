package dev.jetonvoucher.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.project.ApiToken;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.ProjectFile;
import dev.jetonvoucher.project.ProjectFileException;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox as {@code bin/sandbox} runs it, for the command and for tests alike: the template's functions on
 * a {@link LocalRuntime}, the projects of a project file (those without a callback URL sending theirs to the
 * {@link CallbackInbox}), and the sandbox-only routes. The caller owns the local AWS endpoint.
 */
public final class Sandbox implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    /** The project used when no project file is given; README and the demo rely on its id and secret. */
    public static final long BUILT_IN_PROJECT_ID = 239;

    public static final String BUILT_IN_SECRET = "sandbox-secret-239";
    public static final String BUILT_IN_PROJECTS = """
            {"projects": [{
              "project_id": 239,
              "secret_key": "sandbox-secret-239",
              "test": true,
              "currencies": ["EUR", "USD"],
              "base_time_seconds": 10,
              "limit_time_seconds": 120,
              "balances": {"EUR": 500000, "USD": 500000},
              "sandbox": {"provider_notifications": "normal", "provider_delay_seconds": 2}
            }],
            "api_tokens": [{"token": "tok-analyst-1", "secret_key": "token-secret-1", "projects": [239]}]}
            """;
    private static final ObjectMapper JSON = Json.mapper();

    private final LocalRuntime runtime;
    private final CallbackInbox inbox;
    private final Map<Long, Project> projects;
    private final Path projectsFile;
    private final List<ApiToken> apiTokens;

    private Sandbox(
            LocalRuntime runtime,
            CallbackInbox inbox,
            Map<Long, Project> projects,
            Path projectsFile,
            List<ApiToken> apiTokens) {
        this.runtime = runtime;
        this.inbox = inbox;
        this.projects = projects;
        this.projectsFile = projectsFile;
        this.apiTokens = apiTokens;
    }

    /**
     * How the runtime runs: {@code bin/sandbox}'s choices by {@link #defaults()}; tests change some of them.
     *
     * @param parameters values for template parameters, and the platform keys (ProviderSigningKey, VoucherTransitKey),
     *     which are written to the SSM parameters the functions read them from (not into their environment)
     * @param runMappings false to drive the SQS mappings by hand ({@link LocalRuntime#drainQueues})
     * @param clock the functions' clock
     */
    public record RunOptions(Map<String, String> parameters, boolean runMappings, Clock clock) {

        public RunOptions {
            parameters = Map.copyOf(parameters);
        }

        /** Fresh keys (ephemeral state), SQS mappings running, the system clock. */
        public static RunOptions defaults() {
            return new RunOptions(localParameters(), true, Clock.systemUTC());
        }

        /** Known keys, e.g. for a test that signs provider notifications or scans logs for them. */
        public RunOptions withParameters(Map<String, String> parameters) {
            return new RunOptions(parameters, runMappings, clock);
        }

        public RunOptions withMappings(boolean runMappings) {
            return new RunOptions(parameters, runMappings, clock);
        }

        public RunOptions withClock(Clock clock) {
            return new RunOptions(parameters, runMappings, clock);
        }
    }

    /**
     * Starts serving on {@code gateway}, already bound so that a taken port was reported before anything else
     * started; closes the gateway if it cannot start.
     *
     * @param projectJson a project file's text; a bad one throws {@link dev.jetonvoucher.project.ProjectFileException}
     * @param resourcePrefix the prefix of the tables and queues created on {@code endpoint}
     */
    public static Sandbox start(
            HttpGateway gateway, LocalAwsEndpoint endpoint, String projectJson, String resourcePrefix) {
        return start(gateway, endpoint, projectJson, resourcePrefix, RunOptions.defaults());
    }

    /** As {@link #start(HttpGateway, LocalAwsEndpoint, String, String)}, on a free port of {@link #HOST}. */
    public static Sandbox start(
            LocalAwsEndpoint endpoint, String projectJson, String resourcePrefix, RunOptions options) {
        HttpGateway gateway;
        try {
            gateway = new HttpGateway(HOST, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start(gateway, endpoint, projectJson, resourcePrefix, options);
    }

    /** As {@link #start(HttpGateway, LocalAwsEndpoint, String, String)}, run as {@code options} say. */
    public static Sandbox start(
            HttpGateway gateway,
            LocalAwsEndpoint endpoint,
            String projectJson,
            String resourcePrefix,
            RunOptions options) {
        Path projectsFile = null;
        try {
            String baseUrl = "http://" + HOST + ":" + gateway.port();
            String effectiveJson = withInboxCallbacks(projectJson, baseUrl);
            Map<Long, Project> projects = new LinkedHashMap<>();
            ProjectFile.parse(effectiveJson).forEach(project -> projects.put(project.projectId(), project));
            // The functions read projects from a file (PROJECTS_FILE), as bin/invoke's do.
            projectsFile = Files.createTempFile("sandbox-projects-", ".json");
            Files.writeString(projectsFile, effectiveJson);
            CallbackInbox inbox = new CallbackInbox(projects, baseUrl);
            gateway.localRoute(inbox);
            LocalRuntime runtime = new LocalRuntime(
                    SamTemplate.load(SamTemplate.locate()),
                    endpoint,
                    resourcePrefix,
                    projectsFile,
                    options.parameters(),
                    gateway,
                    options.clock(),
                    options.runMappings());
            return new Sandbox(
                    runtime,
                    inbox,
                    Collections.unmodifiableMap(projects),
                    projectsFile,
                    ProjectFile.apiTokens(effectiveJson));
        } catch (IOException e) {
            gateway.close();
            deleteQuietly(projectsFile);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            gateway.close();
            deleteQuietly(projectsFile);
            throw e;
        }
    }

    /**
     * A project file's text, checked, for {@code bin/sandbox} and {@code bin/invoke}; the built-in projects when
     * {@code file} is null.
     *
     * @throws IllegalArgumentException saying what is wrong with the file, for the command to print
     */
    public static String readProjectFile(Path file) {
        String json;
        try {
            json = file == null ? BUILT_IN_PROJECTS : Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the project file " + file + ": " + e, e);
        }
        try {
            ProjectFile.parse(json);
        } catch (ProjectFileException e) {
            throw new IllegalArgumentException(
                    "the project file " + (file == null ? "(built in)" : file) + " is not usable: " + e.getMessage(),
                    e);
        }
        return json;
    }

    /**
     * Fresh platform keys, written to SSM where the functions read them: for a run whose state is ephemeral, or to be
     * kept as a persistent state's keys ({@link SandboxState}).
     */
    static Map<String, String> localParameters() {
        byte[] providerKey = new byte[32];
        new SecureRandom().nextBytes(providerKey);
        return Map.of(
                "ProviderSigningKey",
                HexFormat.of().formatHex(providerKey),
                "VoucherTransitKey",
                VoucherTransitCipher.newKey());
    }

    /** Projects without a callback URL send their callbacks to the sandbox's inbox. */
    static String withInboxCallbacks(String projectJson, String baseUrl) {
        JsonNode root;
        try {
            root = JSON.readTree(projectJson);
        } catch (IOException e) {
            return projectJson; // not JSON: ProjectFile.parse reports it
        }
        for (JsonNode project : root.path("projects")) {
            if (project instanceof ObjectNode object && !project.hasNonNull("callback_url")) {
                object.put(
                        "callback_url",
                        baseUrl + CallbackInbox.PATH + "/"
                                + project.path("project_id").asText());
            }
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Data API tokens of the project file ({@code api_tokens}). */
    public List<ApiToken> apiTokens() {
        return apiTokens;
    }

    public String baseUrl() {
        return runtime.baseUrl();
    }

    /** Which connector the platform's functions use to reach the provider, for the banner. */
    public String providerConnector() {
        Map<String, String> environment = runtime.function("DispatchFunction").environment();
        if (!environment.getOrDefault("PROVIDER_CONNECTOR", "").equals("http")) {
            return "in-process emulator (the fastest; --provider-connector http for the HTTP connector)";
        }
        String base = environment.getOrDefault("PROVIDER_BASE_URL", "");
        return "HTTP connector to "
                + (base.isBlank()
                        ? environment.getOrDefault("PROVIDER_EMULATOR_URL", "") + " (the emulator service)"
                        : base);
    }

    public LocalRuntime runtime() {
        return runtime;
    }

    public CallbackInbox inbox() {
        return inbox;
    }

    /** The projects as the functions see them (callback URLs of inbox projects filled in). */
    public Map<Long, Project> projects() {
        return projects;
    }

    @Override
    public void close() {
        runtime.close();
        deleteQuietly(projectsFile);
    }

    static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file: the system cleans it up
        }
    }
}
