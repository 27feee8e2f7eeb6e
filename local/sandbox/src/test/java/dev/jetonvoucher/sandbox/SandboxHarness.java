package dev.jetonvoucher.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.aws.DynamoBalanceStore;
import dev.jetonvoucher.aws.DynamoPaymentStore;
import dev.jetonvoucher.fixtures.GateClient;
import dev.jetonvoucher.fixtures.Merchant;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.TemplateResources;
import dev.jetonvoucher.payment.BalanceStore;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The sandbox runtime for a test, in the test's JVM: its own tables and queues (a unique prefix) on the shared local
 * endpoint, every function of template.yaml, the SQS mappings running (unless the test drives them), and a merchant of
 * the test ({@link Merchant}) that every project without a {@code callback_url} sends its callbacks to, and that
 * knows those projects' secrets. The one harness of the test modules (local/sandbox, testing/reliability,
 * testing/browser-tests: they use this module's test jar); {@link Options} holds what each needs.
 */
public final class SandboxHarness implements AutoCloseable {

    public static final String PROVIDER_KEY = "test-provider-key-0123456789abcdef";

    public final LocalAwsEndpoint endpoint = LocalAwsEndpoint.shared();
    public final Merchant merchant;
    public final LocalRuntime runtime;
    private final Sandbox sandbox;
    private boolean closed;

    /**
     * How the harness starts the sandbox.
     *
     * @param name the start of the tables' and queues' prefix (a unique suffix is added)
     * @param parameters the platform keys and template parameters the sandbox runs with
     * @param runMappings false to drive the SQS mappings by hand ({@link LocalRuntime#drainQueues})
     * @param clock the functions' clock
     * @param apiTokens the project file's {@code api_tokens} (Data API tokens)
     * @param merchant the test's merchant, or null for one on 127.0.0.1; the harness closes it
     * @param callbacksToMerchant false to leave projects without a {@code callback_url} to the sandbox's inbox
     */
    public record Options(
            String name,
            Map<String, String> parameters,
            boolean runMappings,
            Clock clock,
            List<ObjectNode> apiTokens,
            Merchant merchant,
            boolean callbacksToMerchant) {

        public Options named(String name) {
            return new Options(name, parameters, runMappings, clock, apiTokens, merchant, callbacksToMerchant);
        }

        /** The provider's signing key and the voucher transit key. */
        public Options withKeys(String providerSigningKey, String voucherTransitKey) {
            return withParameters(
                    Map.of("ProviderSigningKey", providerSigningKey, "VoucherTransitKey", voucherTransitKey));
        }

        public Options withParameters(Map<String, String> parameters) {
            return new Options(name, parameters, runMappings, clock, apiTokens, merchant, callbacksToMerchant);
        }

        public Options withMappings(boolean runMappings) {
            return new Options(name, parameters, runMappings, clock, apiTokens, merchant, callbacksToMerchant);
        }

        public Options withClock(Clock clock) {
            return new Options(name, parameters, runMappings, clock, apiTokens, merchant, callbacksToMerchant);
        }

        public Options withApiTokens(List<ObjectNode> apiTokens) {
            return new Options(name, parameters, runMappings, clock, apiTokens, merchant, callbacksToMerchant);
        }

        public Options withMerchant(Merchant merchant) {
            return new Options(name, parameters, runMappings, clock, apiTokens, merchant, callbacksToMerchant);
        }

        public Options callbacksToInbox() {
            return new Options(name, parameters, runMappings, clock, apiTokens, merchant, false);
        }
    }

    /** Named {@code flow}, the test provider key and a fresh transit key, mappings running, the system clock. */
    public static Options options() {
        return new Options(
                "flow",
                Map.of("ProviderSigningKey", PROVIDER_KEY, "VoucherTransitKey", VoucherTransitCipher.newKey()),
                true,
                Clock.systemUTC(),
                List.of(),
                null,
                true);
    }

    public SandboxHarness(ObjectNode... projects) {
        this(options(), projects);
    }

    /** @param runMappings false to drive the SQS mappings by hand ({@link LocalRuntime#drainQueues}) */
    public SandboxHarness(boolean runMappings, ObjectNode... projects) {
        this(options().withMappings(runMappings), projects);
    }

    /** With the project file's {@code api_tokens} (Data API tokens). */
    public SandboxHarness(List<ObjectNode> apiTokens, ObjectNode... projects) {
        this(options().withApiTokens(apiTokens), projects);
    }

    /** @param parameters the platform keys and template parameters the sandbox runs with */
    public SandboxHarness(boolean runMappings, Map<String, String> parameters, ObjectNode... projects) {
        this(options().withMappings(runMappings).withParameters(parameters), projects);
    }

    public SandboxHarness(Options options, ObjectNode... projects) {
        merchant = options.merchant() != null ? options.merchant() : new Merchant();
        ObjectNode file = GateClient.JSON.createObjectNode();
        if (!options.apiTokens().isEmpty()) {
            file.putArray("api_tokens").addAll(options.apiTokens());
        }
        ArrayNode list = file.putArray("projects");
        for (ObjectNode project : projects) {
            if (options.callbacksToMerchant() && !project.has("callback_url")) {
                project.put("callback_url", merchant.url());
            }
            if (merchant.url().equals(project.path("callback_url").asText())) {
                merchant.knowsProject(
                        project.path("project_id").asLong(),
                        project.path("secret_key").asText());
            }
            list.add(project);
        }
        try {
            sandbox = Sandbox.start(
                    endpoint,
                    file.toString(),
                    TemplateResources.uniquePrefix(options.name()),
                    Sandbox.RunOptions.defaults()
                            .withMappings(options.runMappings())
                            .withParameters(options.parameters())
                            .withClock(options.clock()));
        } catch (RuntimeException e) {
            merchant.close();
            throw e;
        }
        runtime = sandbox.runtime();
    }

    /** A project in the sandbox project file's format. */
    public static ObjectNode project(long id, String secret, boolean test) {
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
    public static ObjectNode apiToken(String token, String secret, long... projects) {
        ObjectNode entry =
                GateClient.JSON.createObjectNode().put("token", token).put("secret_key", secret);
        ArrayNode readable = entry.putArray("projects");
        for (long project : projects) {
            readable.add(project);
        }
        return entry;
    }

    public String baseUrl() {
        return runtime.baseUrl();
    }

    public GateClient client(long projectId, String secret) {
        return new GateClient(runtime.baseUrl(), projectId, secret);
    }

    public PaymentStore payments() {
        return new DynamoPaymentStore(
                endpoint.dynamoDb(),
                runtime.resources().tableName("PaymentsTable"),
                runtime.resources().tableName("BalancesTable"));
    }

    public BalanceStore balances() {
        return new DynamoBalanceStore(endpoint.dynamoDb(), runtime.resources().tableName("BalancesTable"));
    }

    /** Stops the HTTP server, the SQS mappings and the merchant, once; the tables and queues stay on the endpoint. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            sandbox.close();
            merchant.close();
        }
    }
}
