package dev.jetonvoucher.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.local.FunctionDef;
import dev.jetonvoucher.local.HttpRoute;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.local.TemplateResources;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.ProjectFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The sample events of events/ as {@link InvokeTest} and {@link FunctionColdPathTest} run them: every file, the Gate
 * requests first (the others name the payments those create), then by file name; each to its function of
 * template.yaml, found from the event (an HTTP API route key, or the queue's logical id in an SQS eventSourceARN).
 */
final class EventFiles {

    private EventFiles() {}

    static List<Path> inRunOrder(SamTemplate template) throws IOException {
        try (Stream<Path> listing = Files.list(template.path().getParent().resolve("events"))) {
            return listing.filter(file -> file.toString().endsWith(".json"))
                    .sorted(Comparator.comparing((Path file) -> !isGateRequest(read(file)))
                            .thenComparing(file -> file.getFileName().toString()))
                    .toList();
        }
    }

    static FunctionDef functionFor(SamTemplate template, JsonNode event, Path file) {
        if (event.has("routeKey")) {
            String routeKey = event.path("routeKey").asText();
            return template.functions().stream()
                    .filter(function -> function.httpRoutes().stream()
                            .anyMatch(route -> (route.method() + " " + route.path()).equals(routeKey)))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(file + ": no function serves " + routeKey));
        }
        String queueArn = event.path("Records").path(0).path("eventSourceARN").asText();
        String queue = queueArn.substring(queueArn.lastIndexOf(':') + 1);
        return template.functions().stream()
                .filter(function -> function.sqsTriggers().stream()
                        .anyMatch(trigger -> trigger.queueLogicalId().equals(queue)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(file + ": no function of template.yaml matches this"
                        + " event (an HTTP API routeKey or an SQS eventSourceARN naming a queue's logical id)"));
    }

    static boolean isGateRequest(JsonNode event) {
        return event.path("routeKey").asText().startsWith("POST /v2/payment/voucher/");
    }

    static JsonNode read(Path file) {
        try {
            return Json.parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalStateException(file + " is not JSON", e);
        }
    }

    /**
     * What the samples reach beyond their own function, on one local gateway: the platform's
     * {@code POST /provider/jeton/notifications} (ProviderCallbackApiFunction), where the provider emulator's IPN
     * function posts, and the sandbox's callback inbox, the built-in project's callback URL, where the merchant
     * callback function posts (and checks the signature). The project file and the parameters (fresh platform keys,
     * {@code LocalApiUrl}) of the run come with it.
     */
    static final class Stage implements AutoCloseable {

        private final HttpGateway gateway;
        private final CallbackInbox inbox;
        private final Path projectsFile;
        private final Map<String, String> parameters;
        private final SamTemplate template;
        private final LocalAwsEndpoint endpoint;
        private final TemplateResources.Deployed resources;

        private Stage(
                HttpGateway gateway,
                CallbackInbox inbox,
                Path projectsFile,
                Map<String, String> parameters,
                SamTemplate template,
                LocalAwsEndpoint endpoint,
                TemplateResources.Deployed resources) {
            this.gateway = gateway;
            this.inbox = inbox;
            this.projectsFile = projectsFile;
            this.parameters = parameters;
            this.template = template;
            this.endpoint = endpoint;
            this.resources = resources;
        }

        static Stage start(SamTemplate template, LocalAwsEndpoint endpoint, String resourcePrefix) throws IOException {
            HttpGateway gateway = new HttpGateway(Sandbox.HOST, 0);
            try {
                String baseUrl = "http://" + Sandbox.HOST + ":" + gateway.port();
                String projectsJson = Sandbox.withInboxCallbacks(Sandbox.BUILT_IN_PROJECTS, baseUrl);
                Path projectsFile = Files.createTempFile("event-files-projects-", ".json");
                Files.writeString(projectsFile, projectsJson);
                Map<Long, Project> projects = new LinkedHashMap<>();
                ProjectFile.parse(projectsJson).forEach(project -> projects.put(project.projectId(), project));
                CallbackInbox inbox = new CallbackInbox(projects, baseUrl);
                gateway.localRoute(inbox);
                Map<String, String> parameters = new HashMap<>(Sandbox.localParameters());
                parameters.put(TemplateResources.LOCAL_API_URL, baseUrl);
                TemplateResources.Deployed resources = TemplateResources.create(template, endpoint, resourcePrefix);
                FunctionDef notifications = Invoke.function(template, "ProviderCallbackApiFunction");
                FunctionHost platform = new FunctionHost(
                        notifications,
                        LocalRuntime.functionEnvironment(resources, notifications, endpoint, parameters, projectsFile),
                        Clock.systemUTC());
                for (HttpRoute route : notifications.httpRoutes()) {
                    gateway.route(route, platform);
                }
                gateway.start();
                return new Stage(gateway, inbox, projectsFile, Map.copyOf(parameters), template, endpoint, resources);
            } catch (IOException | RuntimeException e) {
                gateway.close();
                throw e;
            }
        }

        CallbackInbox inbox() {
            return inbox;
        }

        Path projectsFile() {
            return projectsFile;
        }

        Map<String, String> parameters() {
            return parameters;
        }

        /** A function's services on this stage's resources, to see what a sample did. */
        Wiring wiring(String logicalId) {
            FunctionDef function = Invoke.function(template, logicalId);
            return Wiring.of(
                    LocalRuntime.functionEnvironment(resources, function, endpoint, parameters, projectsFile),
                    Clock.systemUTC());
        }

        @Override
        public void close() throws IOException {
            gateway.close();
            Files.deleteIfExists(projectsFile);
        }
    }
}
