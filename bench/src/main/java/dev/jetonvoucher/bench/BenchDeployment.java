package dev.jetonvoucher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.jetonvoucher.aws.DynamoPaymentStore;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.local.FunctionDef;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.local.TemplateResources;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.provider.ProviderNotification;
import dev.jetonvoucher.provider.ProviderResult;
import dev.jetonvoucher.sandbox.FunctionHost;
import dev.jetonvoucher.sandbox.HttpGateway;
import dev.jetonvoucher.sandbox.SampleEvents;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import dev.jetonvoucher.signing.Signer;
import dev.jetonvoucher.workflow.HttpPoster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * template.yaml deployed once on a local endpoint for the whole benchmark: its tables and queues, the template
 * parameters, one test project (the built-in 239 of the sample events, with a huge payout balance and no base
 * time, so its polls are due at once), a merchant endpoint that takes every callback, the platform's provider
 * notification route (ProviderCallbackApiFunction on the sandbox's gateway: the emulator's IPNs go there), and an
 * in-process wiring of the current code that prepares inputs (payments to poll, notifications to deliver), with the
 * sample events' placeholders filled for this project and these keys ({@link SampleEvents}).
 */
final class BenchDeployment implements AutoCloseable {

    static final long PROJECT_ID = 239;
    static final String SECRET = "sandbox-secret-239";
    static final long BALANCE = 9_000_000_000_000L;

    final LocalAwsEndpoint endpoint;
    final SamTemplate template;
    final TemplateResources.Deployed resources;
    final Map<String, String> parameters;
    final Path workDirectory;
    final Path projectsFile;
    final Path eventTemplates;
    final Wiring inProcess;
    /** The export function's services: its jobs and the dashboard's sessions, to check what the functions did. */
    final Wiring exports;
    /** The events/ samples' placeholders, filled for this project, its keys and resources. */
    final SampleEvents sampleEvents;

    final String runTag;
    private final HttpServer merchant;
    private final HttpGateway platform;
    private final Set<String> callbacksReceived = ConcurrentHashMap.newKeySet();
    private final Map<String, QueueMailbox> mailboxes = new HashMap<>();

    BenchDeployment(Path repositoryRoot, Path workDirectory) throws IOException {
        this.workDirectory = Files.createDirectories(workDirectory);
        this.eventTemplates = repositoryRoot.resolve("events");
        this.runTag = HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
        this.endpoint = LocalAwsEndpoint.start();
        this.template = SamTemplate.load(repositoryRoot.resolve(SamTemplate.FILE_NAME));
        this.resources = TemplateResources.create(template, endpoint, "bench-" + runTag + "-");
        // The platform's API (its URL in the template: GateApi's) is this gateway: the emulator's IPN function posts
        // there.
        this.platform = new HttpGateway("127.0.0.1", 0);
        Map<String, String> parameterValues = new LinkedHashMap<>();
        parameterValues.put("ProviderSigningKey", HexFormat.of().formatHex(new SecureRandom().generateSeed(32)));
        parameterValues.put("VoucherTransitKey", VoucherTransitCipher.newKey());
        parameterValues.put(TemplateResources.LOCAL_API_URL, "http://127.0.0.1:" + platform.port());
        this.parameters = Map.copyOf(parameterValues);
        this.merchant = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        merchant.createContext("/callbacks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            callbacksReceived.add(
                    Json.mapper().readTree(body).path("payment").path("id").asText());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        merchant.start();
        this.projectsFile = workDirectory.resolve("projects.json");
        Files.writeString(
                projectsFile,
                projectFile("http://127.0.0.1:" + merchant.getAddress().getPort() + "/callbacks"));
        // The in-process wiring accepts sales and dispatches them: the sale function's environment with the dispatch
        // function's (its platform key parameters, which only the functions that use a key get).
        Map<String, String> inProcessEnvironment = new HashMap<>(environmentFor(template.function("DispatchFunction")));
        inProcessEnvironment.putAll(environmentFor(template.function("GateSaleFunction")));
        this.inProcess = Wiring.of(inProcessEnvironment, Clock.systemUTC());
        this.exports = Wiring.of(environmentFor(template.function("ExportFunction")), Clock.systemUTC());
        this.sampleEvents = new SampleEvents(
                PROJECT_ID, template, resources, endpoint, parameters, projectsFile, Clock.systemUTC());
        FunctionDef notifications = template.function("ProviderCallbackApiFunction");
        FunctionHost notificationRoute =
                new FunctionHost(notifications, environmentFor(notifications), Clock.systemUTC());
        for (var route : notifications.httpRoutes()) {
            platform.route(route, notificationRoute);
        }
        platform.start();
        warmUpPlatform(notifications.httpRoutes().get(0).path());
    }

    /**
     * The platform's notification route answers a first IPN as fast as later ones: one signed notification of a
     * payment nobody has (404) builds its handler, reads the provider key and makes its first DynamoDB call here, so
     * no measured IPN function waits for that in this JVM.
     */
    private void warmUpPlatform(String path) {
        String notification = ProviderNotification.signedJson(
                new PaymentKey(PROJECT_ID, "warm-up-" + runTag),
                new ProviderResult(1, "JV1", PaymentStatus.SUCCESS, "0", "Success", Instant.now(), List.of()),
                new Signer(parameters.get("ProviderSigningKey")));
        HttpPoster.Response answer = inProcess
                .httpPoster()
                .postJson(
                        URI.create("http://127.0.0.1:" + platform.port() + path), notification, Duration.ofSeconds(30));
        if (answer.status() != 404) {
            throw new IllegalStateException("the platform's notification route answered " + answer.status()
                    + " to a notification of a payment nobody has, not 404: " + answer.error());
        }
    }

    static String projectFile(String callbackUrl) {
        return projectFile(callbackUrl, "normal", 0);
    }

    static String projectFile(String callbackUrl, String providerNotifications, int baseTimeSeconds) {
        ObjectMapper json = Json.mapper();
        ObjectNode root = json.createObjectNode();
        ObjectNode project = root.putArray("projects").addObject();
        project.put("project_id", PROJECT_ID);
        project.put("secret_key", SECRET);
        if (callbackUrl != null) {
            project.put("callback_url", callbackUrl);
        }
        project.put("test", true);
        project.putArray("currencies").add("EUR").add("USD");
        project.put("base_time_seconds", baseTimeSeconds);
        project.put("limit_time_seconds", 600);
        project.putObject("balances").put("EUR", BALANCE).put("USD", BALANCE);
        project.putObject("sandbox")
                .put("provider_notifications", providerNotifications)
                .put("provider_delay_seconds", 0);
        return root.toPrettyString();
    }

    /** What Lambda would give the function: template.yaml's variables resolved here, the endpoint, the project file. */
    Map<String, String> environmentFor(FunctionDef function) {
        return environmentFor(function, resources);
    }

    Map<String, String> environmentFor(FunctionDef function, TemplateResources.Deployed deployed) {
        Map<String, String> environment = new HashMap<>(deployed.localEnvironmentFor(function, parameters, endpoint));
        environment.put("PROJECTS_FILE", projectsFile.toString());
        return environment;
    }

    /**
     * Another, empty set of the template's tables and queues. moto copies a whole table on every
     * TransactWriteItems, so a measurement that writes many items gets its own tables, and each build the same.
     */
    TemplateResources.Deployed freshResources(String label) {
        return TemplateResources.create(template, endpoint, "bench-" + runTag + "-" + label + "-");
    }

    QueueMailbox mailbox(String queueLogicalId) {
        return mailboxes.computeIfAbsent(
                queueLogicalId, id -> new QueueMailbox(endpoint.sqs(), resources.queueUrl(id)));
    }

    PaymentStore payments() {
        return new DynamoPaymentStore(
                endpoint.dynamoDb(), resources.tableName("PaymentsTable"), resources.tableName("BalancesTable"));
    }

    boolean callbackReceived(String paymentId) {
        return callbacksReceived.contains(paymentId);
    }

    Path file(String name, String content) {
        try {
            return Files.writeString(workDirectory.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        merchant.stop(0);
        platform.close();
        endpoint.close();
    }
}
