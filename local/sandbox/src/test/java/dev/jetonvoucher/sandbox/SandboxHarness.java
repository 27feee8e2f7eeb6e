package dev.jetonvoucher.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.aws.DynamoBalanceStore;
import dev.jetonvoucher.aws.DynamoPaymentStore;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.TemplateResources;
import dev.jetonvoucher.payment.BalanceStore;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import java.util.Map;

/**
 * The sandbox runtime for a test: its own tables and queues (a unique prefix) on the shared local
 * endpoint, every function of template.yaml, SQS mappings running, and a merchant endpoint of the test.
 */
final class SandboxHarness implements AutoCloseable {

    static final String PROVIDER_KEY = "test-provider-key-0123456789abcdef";
    final LocalAwsEndpoint endpoint = LocalAwsEndpoint.shared();
    final MerchantEndpoint merchant = new MerchantEndpoint();
    final LocalRuntime runtime;
    private final Sandbox sandbox;

    SandboxHarness(ObjectNode... projects) {
        this(true, projects);
    }

    /** @param runMappings false to drive the SQS mappings by hand ({@link LocalRuntime#drainQueues}) */
    SandboxHarness(boolean runMappings, ObjectNode... projects) {
        this(runMappings, defaultKeys(), java.util.List.of(), projects);
    }

    /** With the project file's {@code api_tokens} (Data API tokens). */
    SandboxHarness(java.util.List<ObjectNode> apiTokens, ObjectNode... projects) {
        this(true, defaultKeys(), apiTokens, projects);
    }

    /** @param parameters the platform keys and template parameters the sandbox runs with */
    SandboxHarness(boolean runMappings, Map<String, String> parameters, ObjectNode... projects) {
        this(runMappings, parameters, java.util.List.of(), projects);
    }

    private static Map<String, String> defaultKeys() {
        return Map.of("ProviderSigningKey", PROVIDER_KEY, "VoucherTransitKey", VoucherTransitCipher.newKey());
    }

    private SandboxHarness(
            boolean runMappings,
            Map<String, String> parameters,
            java.util.List<ObjectNode> apiTokens,
            ObjectNode... projects) {
        ObjectNode file = GateClient.JSON.createObjectNode();
        if (!apiTokens.isEmpty()) {
            file.putArray("api_tokens").addAll(apiTokens);
        }
        ArrayNode list = file.putArray("projects");
        for (ObjectNode project : projects) {
            if (!project.has("callback_url")) {
                project.put("callback_url", merchant.url());
            }
            list.add(project);
        }
        sandbox = Sandbox.start(
                endpoint,
                file.toString(),
                TemplateResources.uniquePrefix("flow"),
                Sandbox.RunOptions.defaults().withMappings(runMappings).withParameters(parameters));
        runtime = sandbox.runtime();
    }

    /** A project in the sandbox project file's format. */
    static ObjectNode project(long id, String secret, boolean test) {
        ObjectNode project = GateClient.JSON.createObjectNode();
        project.put("project_id", id);
        project.put("secret_key", secret);
        project.put("test", test);
        project.putArray("currencies").add("EUR").add("USD");
        project.put("base_time_seconds", 1);
        project.put("limit_time_seconds", 30);
        project.putObject("balances").put("EUR", 500_000);
        project.putObject("sandbox").put("provider_notifications", "normal").put("provider_delay_seconds", 0);
        return project;
    }

    /** An entry of the project file's {@code api_tokens}. */
    static ObjectNode apiToken(String token, String secret, long... projects) {
        ObjectNode entry =
                GateClient.JSON.createObjectNode().put("token", token).put("secret_key", secret);
        ArrayNode readable = entry.putArray("projects");
        for (long project : projects) {
            readable.add(project);
        }
        return entry;
    }

    GateClient client(long projectId, String secret) {
        return new GateClient(runtime.baseUrl(), projectId, secret);
    }

    PaymentStore payments() {
        return new DynamoPaymentStore(
                endpoint.dynamoDb(),
                runtime.resources().tableName("PaymentsTable"),
                runtime.resources().tableName("BalancesTable"));
    }

    BalanceStore balances() {
        return new DynamoBalanceStore(endpoint.dynamoDb(), runtime.resources().tableName("BalancesTable"));
    }

    @Override
    public void close() {
        sandbox.close();
        merchant.close();
    }
}
