package dev.jetonvoucher.aws.lambda;

import dev.jetonvoucher.aws.DynamoBalanceStore;
import dev.jetonvoucher.aws.DynamoPaymentStore;
import dev.jetonvoucher.aws.DynamoProjectDirectory;
import dev.jetonvoucher.aws.DynamoVoucherLedger;
import dev.jetonvoucher.aws.SqsProviderNotifier;
import dev.jetonvoucher.aws.SqsWorkQueues;
import dev.jetonvoucher.aws.UrlConnectionHttpPoster;
import dev.jetonvoucher.gate.Acceptance;
import dev.jetonvoucher.gate.GateRequests;
import dev.jetonvoucher.gate.VoucherTransitCipher;
import dev.jetonvoucher.payment.BalanceStore;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.project.InMemoryProjectDirectory;
import dev.jetonvoucher.project.ProjectDirectory;
import dev.jetonvoucher.project.ProjectFile;
import dev.jetonvoucher.provider.JetonProvider;
import dev.jetonvoucher.provider.sandbox.SandboxJetonProvider;
import dev.jetonvoucher.workflow.CallbackDelivery;
import dev.jetonvoucher.workflow.Dispatcher;
import dev.jetonvoucher.workflow.Finalizer;
import dev.jetonvoucher.workflow.ProviderNotifications;
import dev.jetonvoucher.workflow.StatusPoller;
import dev.jetonvoucher.workflow.StatusQuery;
import dev.jetonvoucher.workflow.WorkQueues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The composition root: builds the adapters and domain services a function needs from its environment
 * (template.yaml's variables). Everything is built on first use and once per container, so a function
 * pays at cold start only for the clients and services it actually calls. The sandbox builds one per
 * function with that function's environment, exactly as Lambda would give it.
 */
public final class Wiring {

    private static volatile Wiring fromEnvironment;

    private final Map<String, String> env;
    private final Clock clock;

    private final Lazy<DynamoDbClient> dynamo = new Lazy<>(this::newDynamoClient);
    private final Lazy<SqsClient> sqs = new Lazy<>(this::newSqsClient);
    private final Lazy<ProjectDirectory> projects = new Lazy<>(this::newProjectDirectory);
    private final Lazy<PaymentStore> payments = new Lazy<>(() ->
            new DynamoPaymentStore(dynamo.get(), required("PAYMENTS_TABLE"), required("BALANCES_TABLE")));
    private final Lazy<BalanceStore> balances = new Lazy<>(() ->
            new DynamoBalanceStore(dynamo.get(), required("BALANCES_TABLE")));
    private final Lazy<WorkQueues> queues = new Lazy<>(() -> new SqsWorkQueues(sqs.get(),
            optional("DISPATCH_QUEUE_URL"), optional("STATUS_POLL_QUEUE_URL"), optional("MERCHANT_CALLBACK_QUEUE_URL"),
            optional("MERCHANT_CALLBACK_DLQ_URL")));
    private final Lazy<VoucherTransitCipher> transitCipher = new Lazy<>(() ->
            new VoucherTransitCipher(required("VOUCHER_TRANSIT_KEY")));
    private final Lazy<JetonProvider> provider = new Lazy<>(() -> new SandboxJetonProvider(
            new DynamoVoucherLedger(dynamo.get(), required("VOUCHER_LEDGER_TABLE")),
            new SqsProviderNotifier(sqs.get(), required("PROVIDER_NOTIFICATION_QUEUE_URL")),
            required("PROVIDER_SIGNING_KEY"), clock()));
    private final Lazy<Finalizer> finalizer = new Lazy<>(() ->
            new Finalizer(payments.get(), projects.get(), provider.get(), queues.get(), clock));
    private final Lazy<GateRequests> gateRequests = new Lazy<>(() -> new GateRequests(projects.get(), clock));

    private Wiring(Map<String, String> env, Clock clock) {
        this.env = Map.copyOf(env);
        this.clock = clock;
    }

    /** The Lambda container's wiring, from its environment variables. */
    public static Wiring fromEnvironment() {
        Wiring wiring = fromEnvironment;
        if (wiring == null) {
            synchronized (Wiring.class) {
                if (fromEnvironment == null) {
                    fromEnvironment = new Wiring(System.getenv(), Clock.systemUTC());
                }
                wiring = fromEnvironment;
            }
        }
        return wiring;
    }

    /** A wiring for one function of the sandbox or a test: its own environment and clock. */
    public static Wiring of(Map<String, String> env, Clock clock) {
        return new Wiring(env, clock);
    }

    public Clock clock() {
        return clock;
    }

    public ProjectDirectory projects() {
        return projects.get();
    }

    public PaymentStore payments() {
        return payments.get();
    }

    public BalanceStore balances() {
        return balances.get();
    }

    public GateRequests gateRequests() {
        return gateRequests.get();
    }

    public Acceptance acceptance() {
        return new Acceptance(payments.get(), balances.get(), queues.get(), transitCipher.get(), clock);
    }

    public StatusQuery statusQuery() {
        return new StatusQuery(gateRequests.get(), payments.get());
    }

    public Dispatcher dispatcher() {
        return new Dispatcher(payments.get(), projects.get(), provider.get(), finalizer.get(), queues.get(),
                transitCipher.get());
    }

    public StatusPoller statusPoller() {
        return new StatusPoller(payments.get(), projects.get(), provider.get(), finalizer.get(), queues.get(), clock);
    }

    public ProviderNotifications providerNotifications() {
        return new ProviderNotifications(payments.get(), finalizer.get(), required("PROVIDER_SIGNING_KEY"));
    }

    public CallbackDelivery callbackDelivery() {
        return new CallbackDelivery(payments.get(), projects.get(), new UrlConnectionHttpPoster(), queues.get(), clock);
    }

    /** Projects from a project file (the sandbox, {@code bin/invoke}), else ProjectsTable with secrets in SSM. */
    private ProjectDirectory newProjectDirectory() {
        String file = optional("PROJECTS_FILE");
        if (file != null) {
            try {
                return new InMemoryProjectDirectory(ProjectFile.parse(Files.readString(Path.of(file))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read PROJECTS_FILE " + file, e);
            }
        }
        SsmClient ssm = SsmClient.builder().httpClient(UrlConnectionHttpClient.create()).region(region())
                .credentialsProvider(credentials()).applyMutation(b -> endpoint().ifPresent(b::endpointOverride)).build();
        return new DynamoProjectDirectory(dynamo.get(), required("PROJECTS_TABLE"), ssm,
                required("PROJECT_SECRETS_PATH"), clock);
    }

    private DynamoDbClient newDynamoClient() {
        return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).region(region())
                .credentialsProvider(credentials()).applyMutation(b -> endpoint().ifPresent(b::endpointOverride)).build();
    }

    private SqsClient newSqsClient() {
        return SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(region())
                .credentialsProvider(credentials()).applyMutation(b -> endpoint().ifPresent(b::endpointOverride)).build();
    }

    private Region region() {
        String region = optional("AWS_REGION");
        return Region.of(region != null ? region : "us-east-1");
    }

    private java.util.Optional<URI> endpoint() {
        return java.util.Optional.ofNullable(optional("AWS_ENDPOINT_URL")).map(URI::create);
    }

    /** Explicit keys in the environment (local endpoints) or the default chain (SnapStart-safe on Lambda). */
    private AwsCredentialsProvider credentials() {
        String keyId = optional("AWS_ACCESS_KEY_ID");
        String secret = optional("AWS_SECRET_ACCESS_KEY");
        if (keyId != null && secret != null && optional("AWS_SESSION_TOKEN") == null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private String required(String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: deploy with template.yaml or run bin/sandbox");
        }
        return value;
    }

    private String optional(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** Built on first use, once. */
    private static final class Lazy<T> {
        private final Supplier<T> factory;
        private volatile T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        T get() {
            T current = value;
            if (current == null) {
                synchronized (this) {
                    if (value == null) {
                        value = factory.get();
                    }
                    current = value;
                }
            }
            return current;
        }
    }
}
