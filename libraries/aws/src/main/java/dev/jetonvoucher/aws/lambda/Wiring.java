package dev.jetonvoucher.aws.lambda;

import dev.jetonvoucher.aws.AwsClients;
import dev.jetonvoucher.aws.DynamoAttemptCounters;
import dev.jetonvoucher.aws.DynamoBalanceStore;
import dev.jetonvoucher.aws.DynamoExportJobStore;
import dev.jetonvoucher.aws.DynamoPaymentStore;
import dev.jetonvoucher.aws.DynamoProjectDirectory;
import dev.jetonvoucher.aws.DynamoSessionStore;
import dev.jetonvoucher.aws.DynamoVoucherLedger;
import dev.jetonvoucher.aws.Environment;
import dev.jetonvoucher.aws.HttpJetonProvider;
import dev.jetonvoucher.aws.MinimalAnswers;
import dev.jetonvoucher.aws.QueueSender;
import dev.jetonvoucher.aws.S3ExportStorage;
import dev.jetonvoucher.aws.SnapshotPriming;
import dev.jetonvoucher.aws.SqsExportQueue;
import dev.jetonvoucher.aws.SqsProviderNotifier;
import dev.jetonvoucher.aws.SqsSender;
import dev.jetonvoucher.aws.SqsWorkQueues;
import dev.jetonvoucher.aws.SsmApiTokens;
import dev.jetonvoucher.aws.SsmKeyRingSource;
import dev.jetonvoucher.aws.SsmParameters;
import dev.jetonvoucher.aws.UrlConnectionHttpPoster;
import dev.jetonvoucher.export.ExportJobStore;
import dev.jetonvoucher.export.ExportQueue;
import dev.jetonvoucher.export.ExportStorage;
import dev.jetonvoucher.gate.Acceptance;
import dev.jetonvoucher.gate.GateRequests;
import dev.jetonvoucher.gate.StatusQuery;
import dev.jetonvoucher.keys.CachedKeyRing;
import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.payment.BalanceStore;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.project.ApiTokens;
import dev.jetonvoucher.project.InMemoryApiTokens;
import dev.jetonvoucher.project.InMemoryProjectDirectory;
import dev.jetonvoucher.project.ProjectDirectory;
import dev.jetonvoucher.project.ProjectFile;
import dev.jetonvoucher.provider.JetonProvider;
import dev.jetonvoucher.provider.ProviderNotifier;
import dev.jetonvoucher.provider.sandbox.ProviderEmulatorRoutes;
import dev.jetonvoucher.provider.sandbox.SandboxJetonProvider;
import dev.jetonvoucher.provider.sandbox.SandboxSettingsLookup;
import dev.jetonvoucher.provider.sandbox.VoucherLedger;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import dev.jetonvoucher.session.AttemptCounters;
import dev.jetonvoucher.session.SessionStore;
import dev.jetonvoucher.workflow.CallbackDelivery;
import dev.jetonvoucher.workflow.Compensator;
import dev.jetonvoucher.workflow.Dispatcher;
import dev.jetonvoucher.workflow.Finalizer;
import dev.jetonvoucher.workflow.HttpPoster;
import dev.jetonvoucher.workflow.ProviderNotifications;
import dev.jetonvoucher.workflow.StatusPoller;
import dev.jetonvoucher.workflow.WorkQueues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The composition root: builds the adapters and domain services a function needs from its environment
 * (template.yaml's variables). Everything is built on first use and once per container, so a function
 * pays at cold start only for the clients and services it actually calls. The sandbox builds one per
 * function with that function's environment, exactly as Lambda would give it.
 *
 * <p>In Lambda the wiring also registers the SnapStart hook: before the snapshot, {@link #primeForSnapshot()} runs
 * everything the function built through a harmless request (read-only calls, sample documents), so a restored
 * container's first request finds it loaded, linked and warm.
 */
public final class Wiring {

    /** As long as the export bucket's lifecycle rule keeps a file (template.yaml's ExportBucket). */
    public static final Duration EXPORTS_KEPT = Duration.ofDays(1);

    /**
     * How many more times the priming steps that send nothing, or read an item nobody has, run before the snapshot: enough for the JIT (C1 in
     * Lambda) to compile what they share with a request, which it does after a few hundred calls of a method. By
     * bench/run's SnapStart lane, the first invocation after restore falls to about half (issue 16 §2; figures in
     * bench/analysis.md), for a few seconds more of priming at publish time, which no invocation pays (a snapshot's init, hooks included,
     * may take 130 s, or the function's timeout if longer).
     */
    static final int JIT_ROUNDS = 250;

    private static volatile Wiring fromEnvironment;

    private final Environment env;
    private final Clock clock;
    /** Wraps the function's queue sender: the identity in Lambda; a test's fault injection or the cost meter locally. */
    private final UnaryOperator<QueueSender> queueSenders;

    /** One HTTP client under all SDK clients of the function: its TLS setup is paid once per container. */
    private final Lazy<SdkHttpClient> http = new Lazy<>(AwsClients::newHttpClient);

    private final Lazy<DynamoDbClient> dynamo = new Lazy<>(() -> AwsClients.newDynamoDb(env(), http.get()));
    private final Lazy<QueueSender> sqs =
            new Lazy<>(() -> queueSenders().apply(AwsClients.newSqsSender(env(), http.get())));
    private final Lazy<SsmParameters> ssm = new Lazy<>(() -> AwsClients.newSsmParameters(env(), http.get()));
    /**
     * The platform keys, from the SSM parameters the function's environment names (only functions that use a key get
     * its name, and may read it): read when first needed, then again every PLATFORM_KEYS_CACHE_SECONDS (5 min).
     */
    private final Lazy<CachedKeyRing> providerKeys = new Lazy<>(() -> new CachedKeyRing(
            "provider signing key",
            new SsmKeyRingSource(ssm::get, () -> env().providerSigningKeyParameter()),
            clock(),
            env().platformKeysCacheTime()));

    private final Lazy<CachedKeyRing> transitKeys = new Lazy<>(() -> new CachedKeyRing(
            "voucher transit key",
            new SsmKeyRingSource(ssm::get, () -> env().voucherTransitKeyParameter()),
            clock(),
            env().platformKeysCacheTime()));
    private final Lazy<ProjectDirectory> projects = new Lazy<>(this::newProjectDirectory);
    private final Lazy<ApiTokens> apiTokens = new Lazy<>(this::newApiTokens);
    private final Lazy<PaymentStore> payments = new Lazy<>(
            () -> new DynamoPaymentStore(dynamo.get(), env().paymentsTable(), env().balancesTable(), clock()));
    private final Lazy<BalanceStore> balances =
            new Lazy<>(() -> new DynamoBalanceStore(dynamo.get(), env().balancesTable()));
    private final Lazy<SessionStore> sessions =
            new Lazy<>(() -> new DynamoSessionStore(dynamo.get(), env().dashboardSessionsTable()));
    private final Lazy<AttemptCounters> signInAttempts =
            new Lazy<>(() -> new DynamoAttemptCounters(dynamo.get(), env().dashboardSessionsTable()));
    private final Lazy<ExportJobStore> exportJobs =
            new Lazy<>(() -> new DynamoExportJobStore(dynamo.get(), env().dashboardSessionsTable(), EXPORTS_KEPT));
    /** The emulator's voucher ledger (VoucherLedgerTable). */
    private final Lazy<VoucherLedger> ledger =
            new Lazy<>(() -> new DynamoVoucherLedger(dynamo.get(), env().voucherLedgerTable()));

    private final Lazy<ExportStorage> exportStorage = new Lazy<>(
            () -> AwsClients.newExportStorage(env(), AwsClients.newExportHttpClient(), S3ExportStorage.MIN_PART_SIZE));
    private final Lazy<ExportQueue> exportQueue =
            new Lazy<>(() -> new SqsExportQueue(sqs.get(), env().exportQueueUrl()));
    private final Lazy<WorkQueues> queues = new Lazy<>(() -> new SqsWorkQueues(
            sqs.get(),
            optional(Environment.DISPATCH_QUEUE_URL),
            optional(Environment.STATUS_POLL_QUEUE_URL),
            optional(Environment.MERCHANT_CALLBACK_QUEUE_URL),
            optional(Environment.MERCHANT_CALLBACK_DLQ_URL),
            optional(Environment.COMPENSATION_DLQ_URL)));
    private final Lazy<VoucherTransitCipher> transitCipher =
            new Lazy<>(() -> new VoucherTransitCipher(transitKeys.get()));
    /**
     * The provider port, chosen by the template's ProviderConnector: the emulator in this process (notifying through
     * ProviderNotificationQueue), or the HTTP connector to ProviderBaseUrl (this stack's emulator service by default).
     */
    private final Lazy<JetonProvider> provider =
            new Lazy<>(() -> env().providerConnector().equals(Environment.HTTP_CONNECTOR)
                    ? new HttpJetonProvider(
                            env().providerBaseUrl(), providerKeys.get(), HttpJetonProvider.Settings.DEFAULTS, clock())
                    : emulator(new SqsProviderNotifier(sqs.get(), env().providerNotificationQueueUrl())));
    /** The emulator as its own HTTP service: its IPNs wait on its own queue, then go to the platform over HTTP. */
    private final Lazy<ProviderEmulatorRoutes> emulatorRoutes = new Lazy<>(() -> new ProviderEmulatorRoutes(
            emulator(new SqsProviderNotifier(sqs.get(), env().required(Environment.PROVIDER_EMULATOR_IPN_QUEUE_URL))),
            providerKeys.get(),
            clock()));

    private final Lazy<Finalizer> finalizer = new Lazy<>(() ->
            new Finalizer(payments.get(), projects.get(), provider.get(), queues.get(), transitCipher.get(), clock()));
    private final Lazy<GateRequests> gateRequests = new Lazy<>(() -> new GateRequests(projects.get(), clock()));
    /** What a function adds to the snapshot's priming for the parts it composes itself (the Payment Page). */
    private final Map<String, Runnable> functionPriming = new LinkedHashMap<>();

    private final Map<String, Runnable> functionPrimingInProcess = new LinkedHashMap<>();

    private Wiring(Map<String, String> env, Clock clock, UnaryOperator<QueueSender> queueSenders) {
        this.env = new Environment(env);
        this.clock = clock;
        this.queueSenders = queueSenders;
    }

    private UnaryOperator<QueueSender> queueSenders() {
        return queueSenders;
    }

    private Environment env() {
        return env;
    }

    /** The Lambda container's wiring, from its environment variables. */
    public static Wiring fromEnvironment() {
        Wiring wiring = fromEnvironment;
        if (wiring == null) {
            synchronized (Wiring.class) {
                if (fromEnvironment == null) {
                    fromEnvironment = new Wiring(System.getenv(), Clock.systemUTC(), UnaryOperator.identity());
                    SnapStartPriming.registerFor(fromEnvironment);
                }
                wiring = fromEnvironment;
            }
        }
        return wiring;
    }

    /** A wiring for one function of the sandbox or a test: its own environment and clock. */
    public static Wiring of(Map<String, String> env, Clock clock) {
        return new Wiring(env, clock, UnaryOperator.identity());
    }

    /**
     * A wiring whose functions send their queue messages through {@code queueSenders} applied to the SQS sender: how
     * the sandbox's host lets a test fail chosen sends or the cost benchmark count them, at the port, not inside
     * the adapter.
     */
    public static Wiring of(Map<String, String> env, Clock clock, UnaryOperator<QueueSender> queueSenders) {
        return new Wiring(env, clock, queueSenders);
    }

    public Clock clock() {
        return clock;
    }

    public ProjectDirectory projects() {
        return projects.get();
    }

    /** The Data API's tokens. */
    public ApiTokens apiTokens() {
        return apiTokens.get();
    }

    public PaymentStore payments() {
        return payments.get();
    }

    public BalanceStore balances() {
        return balances.get();
    }

    /** The dashboard's open sessions. */
    public SessionStore sessions() {
        return sessions.get();
    }

    /** The dashboard's sign-in attempt counters (same table as the sessions). */
    public AttemptCounters signInAttempts() {
        return signInAttempts.get();
    }

    /** The export jobs (DashboardSessionsTable). */
    public ExportJobStore exportJobs() {
        return exportJobs.get();
    }

    /** The export files (EXPORT_BUCKET). */
    public ExportStorage exportStorage() {
        return exportStorage.get();
    }

    /** The export worker's queue (EXPORT_QUEUE_URL). */
    public ExportQueue exportQueue() {
        return exportQueue.get();
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
        return new Dispatcher(
                payments.get(),
                projects.get(),
                provider.get(),
                finalizer.get(),
                queues.get(),
                transitCipher.get(),
                clock);
    }

    public StatusPoller statusPoller() {
        return new StatusPoller(payments.get(), projects.get(), provider.get(), finalizer.get(), queues.get(), clock);
    }

    /** Carries out compensations (their tries travel on the status-poll queue). */
    public Compensator compensator() {
        return finalizer.get().compensator();
    }

    /** The provider port as ProviderConnector chose it. */
    public JetonProvider provider() {
        return provider.get();
    }

    /** The emulator's HTTP route set (ProviderEmulatorFunction). */
    public ProviderEmulatorRoutes providerEmulatorRoutes() {
        return emulatorRoutes.get();
    }

    /** Where the emulator service's IPNs go (ProviderEmulatorIpnFunction), and how. */
    public java.net.URI providerNotificationUrl() {
        return env.providerNotificationUrl();
    }

    public HttpPoster httpPoster() {
        return new UrlConnectionHttpPoster();
    }

    private SandboxJetonProvider emulator(ProviderNotifier notifier) {
        return new SandboxJetonProvider(
                ledger.get(), notifier, providerKeys.get(), SandboxSettingsLookup.of(projects.get()), clock());
    }

    public ProviderNotifications providerNotifications() {
        return new ProviderNotifications(payments.get(), finalizer.get(), providerKeys.get());
    }

    /** The hosted Payment Page. */
    /**
     * The voucher transit keys (current and previous). The Payment Page derives its form-token keys from them, so it
     * needs no secret of its own.
     */
    public CachedKeyRing transitKeys() {
        return transitKeys.get();
    }

    /**
     * A priming step for what a function composes itself from this wiring's parts; {@link #primeForSnapshot()} runs
     * it after its own steps.
     */
    public void primeAlso(String step, Runnable priming) {
        functionPriming.put(step, priming);
    }

    /**
     * A priming step of the function's own that sends nothing anywhere: like {@link #primeAlso}, and repeated with the
     * wiring's own such steps until the JIT has compiled it.
     */
    public void primeAlsoInProcess(String step, Runnable priming) {
        functionPrimingInProcess.put(step, priming);
    }

    public CallbackDelivery callbackDelivery() {
        return new CallbackDelivery(
                payments.get(),
                projects.get(),
                new UrlConnectionHttpPoster(),
                queues.get(),
                transitCipher.get(),
                clock);
    }

    /**
     * Takes every component this function has built through work that changes nothing: a Gate request of a project
     * nobody has (refused after the project lookup), the payment store's read of a payment nobody has and its item
     * mapping, a sealed and opened voucher, each queue message, a signed callback and status document, a provider
     * notification signed and verified, the Payment Page's error page, a refused status poll and a static file; each
     * other DynamoDB store built (balances, dashboard sessions and sign-in counters, export jobs, the emulator's
     * ledger) looked up for an item nobody has and written, and the payment store's writes and queries, all on a client
     * that answers them itself and sends nothing ({@link #sentNowhere}). Components the function never built stay unbuilt. A step that fails is
     * logged and skipped: priming must never stop a snapshot.
     *
     * @return how many steps ran
     */
    public int primeForSnapshot() {
        long started = System.nanoTime();
        RepeatedSteps repeated = new RepeatedSteps();
        int steps = 0;
        steps += repeated.prime("json and signatures", Priming::jsonAndSignatures);
        steps += repeated.prime("lambda event json", Priming::eventJson);
        if (gateRequests.isBuilt()) {
            steps += prime("gate requests", () -> Priming.gateRequest(gateRequests.get()));
        }
        if (transitCipher.isBuilt()) {
            // A throwaway key: the same code runs warm, and no platform key is read into the snapshot.
            steps += repeated.prime(
                    "voucher transit cipher",
                    () -> Priming.transitCipher(new VoucherTransitCipher(VoucherTransitCipher.newKey())));
        }
        if (payments.isBuilt()) {
            steps += repeated.prime("payment store", () -> SnapshotPriming.paymentStore(payments.get()));
            steps += repeated.prime(
                    "payment store writes, sent nowhere",
                    () -> sentNowhere(this::paymentStoreOn, SnapshotPriming::paymentWrites));
            steps += repeated.prime(
                    "payment store queries, sent nowhere",
                    () -> sentNowhere(
                            this::paymentStoreOn,
                            (store, answers) -> SnapshotPriming.paymentQueries(store, answers, env.paymentsTable())));
            steps += repeated.prime("payment documents", Priming::documents);
        }
        // The other stores: their reads (of an item nobody has) and writes, on a client that sends nothing; and one
        // real read of an item nobody has where every function that builds the store may read its table (not the
        // balances: the Gate builds that store and may not read it), which takes the real HTTP transport through an
        // exchange in functions without a payment store.
        if (balances.isBuilt()) {
            steps += repeated.prime(
                    "balance store, sent nowhere",
                    () -> sentNowhere(
                            client -> new DynamoBalanceStore(client, env.balancesTable()),
                            SnapshotPriming::balanceStore));
        }
        if (sessions.isBuilt()) {
            steps += repeated.prime("session store", () -> SnapshotPriming.sessionLookup(sessions.get()));
            steps += repeated.prime(
                    "session store, sent nowhere",
                    () -> sentNowhere(
                            client -> new DynamoSessionStore(client, env.dashboardSessionsTable()),
                            SnapshotPriming::sessionStore));
        }
        if (signInAttempts.isBuilt()) {
            steps += repeated.prime(
                    "sign-in attempt counters, sent nowhere",
                    () -> sentNowhere(
                            client -> new DynamoAttemptCounters(client, env.dashboardSessionsTable()),
                            SnapshotPriming::attemptCounters));
        }
        if (exportJobs.isBuilt()) {
            steps += repeated.prime("export job store", () -> SnapshotPriming.exportJobLookup(exportJobs.get()));
            steps += repeated.prime(
                    "export job store, sent nowhere",
                    () -> sentNowhere(
                            client -> new DynamoExportJobStore(client, env.dashboardSessionsTable(), EXPORTS_KEPT),
                            SnapshotPriming::exportJobStore));
        }
        if (exportStorage.isBuilt()) {
            steps += repeated.prime("export storage, sent nowhere", () -> {
                MinimalAnswers answers = new MinimalAnswers();
                SnapshotPriming.exportStorage(
                        AwsClients.newExportStorage(env, answers, S3ExportStorage.MIN_PART_SIZE), answers);
            });
        }
        if (ledger.isBuilt()) {
            steps += repeated.prime("voucher ledger", () -> SnapshotPriming.voucherLedgerLookup(ledger.get()));
            steps += repeated.prime(
                    "voucher ledger, sent nowhere",
                    () -> sentNowhere(
                            client -> new DynamoVoucherLedger(client, env.voucherLedgerTable()),
                            SnapshotPriming::voucherLedger));
        }
        if (queues.isBuilt()) {
            steps += repeated.prime("work messages", Priming::workMessages);
        }
        if (sqs.isBuilt() && sqs.get() instanceof SqsSender sender) {
            steps += repeated.prime("sqs sender", sender::prime);
            steps += repeated.prime("sqs send, sent nowhere", this::primeSend);
        }
        // One made-up key for every round, as a container signs with one provider key: the rounds then compile the
        // path of a key already known (Signer keeps each key's state), not the making of a new one 251 times.
        String primingProviderKey = VoucherTransitCipher.newKey();
        if (provider.isBuilt() || emulatorRoutes.isBuilt()) {
            steps += repeated.prime("provider notifications", () -> Priming.providerNotification(primingProviderKey));
        }
        if (emulatorRoutes.isBuilt()) {
            steps += repeated.prime(
                    "provider emulator requests", () -> Priming.emulatorRequest(primingProviderKey, clock.instant()));
        }
        for (Map.Entry<String, Runnable> step : functionPriming.entrySet()) {
            steps += prime(step.getKey(), step.getValue());
        }
        for (Map.Entry<String, Runnable> step : functionPrimingInProcess.entrySet()) {
            steps += repeated.prime(step.getKey(), step.getValue());
        }
        long compiled = repeated.repeatUntilCompiled();
        Log.info(
                "snapstart.primed",
                "steps",
                steps,
                "ms",
                (System.nanoTime() - started) / 1_000_000,
                "rounds",
                JIT_ROUNDS,
                "jit_ms",
                compiled);
        return steps;
    }

    /**
     * A store's calls on a DynamoDB client of the same configuration that answers every request itself, with
     * DynamoDB's empty answer, instead of sending it ({@link AwsClients#newDynamoDbThatSendsNothing}): their request
     * and response classes, marshallers, unmarshallers and lambdas are in the snapshot, and nothing is written.
     */
    private <T> void sentNowhere(Function<DynamoDbClient, T> store, BiConsumer<T, MinimalAnswers> calls) {
        MinimalAnswers answers = new MinimalAnswers();
        try (DynamoDbClient sendsNothing = AwsClients.newDynamoDbThatSendsNothing(env, answers)) {
            calls.accept(store.apply(sendsNothing), answers);
        }
    }

    /**
     * Runs {@code calls} with the dashboard's session store and sign-in counters on a DynamoDB client of this function's
     * configuration that answers every request itself and sends nothing ({@link #sentNowhere}; a count is answered 1):
     * for a function's priming of a whole sign-in, which opens a session and counts an attempt, and here writes
     * neither.
     */
    public void withSignInStoresSentNowhere(BiConsumer<SessionStore, AttemptCounters> calls) {
        sentNowhere(client -> client, (client, answers) -> {
            SnapshotPriming.answersCounts(answers);
            calls.accept(
                    new DynamoSessionStore(client, env.dashboardSessionsTable()),
                    new DynamoAttemptCounters(client, env.dashboardSessionsTable()));
        });
    }

    private PaymentStore paymentStoreOn(DynamoDbClient client) {
        return new DynamoPaymentStore(client, env.paymentsTable(), env.balancesTable(), clock);
    }

    /**
     * One send through an SQS sender of the same configuration whose HTTP client answers it itself
     * ({@link MinimalAnswers}): the request signed and written, SQS's answer read and its digest checked, and nothing
     * sent.
     */
    private void primeSend() {
        MinimalAnswers answers = new MinimalAnswers();
        AwsClients.newSqsSender(env, answers).send(SnapshotPriming.QUEUE_URL, SnapshotPriming.MESSAGE_BODY, 1);
        if (answers.answered().isEmpty()) {
            throw new IllegalStateException("the priming send returned without a request answered in the process");
        }
    }

    /**
     * The steps that send nothing anywhere (on clients that answer in the process, or no I/O at all) and the real reads
     * of an item nobody has (one GetItem each, on the function's own client and HTTP transport), each run once like
     * every step, then {@link #JIT_ROUNDS} more times, so the JIT has compiled the code they share with a real request
     * (the SDK's marshalling, signing and unmarshalling, the HTTP exchange, the item mapping, JSON, the queue messages)
     * and the snapshot holds it compiled: a first invocation after restore runs it compiled instead of interpreted. A
     * store's reads cost 250 read requests per published version (about $0.0001 on demand). Steps that may read
     * something else (a project and its secrets, whose SSM reads are rate-limited) or write run once only.
     */
    private static final class RepeatedSteps {
        private final Map<String, Runnable> succeeded = new LinkedHashMap<>();

        int prime(String step, Runnable priming) {
            int ran = Wiring.prime(step, priming);
            if (ran == 1) {
                succeeded.put(step, priming);
            }
            return ran;
        }

        /** @return the JIT's compilation time meanwhile, ms */
        long repeatUntilCompiled() {
            CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
            long compiledBefore = jit.getTotalCompilationTime();
            for (int round = 0; round < JIT_ROUNDS; round++) {
                succeeded.entrySet().removeIf(step -> Wiring.prime(step.getKey(), step.getValue()) == 0);
            }
            // The compiler works in threads of its own: wait (briefly) until it has nothing left to install.
            long last = -1;
            for (int wait = 0; wait < 100 && jit.getTotalCompilationTime() != last; wait++) {
                last = jit.getTotalCompilationTime();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return jit.getTotalCompilationTime() - compiledBefore;
        }
    }

    private static int prime(String step, Runnable priming) {
        try {
            priming.run();
            return 1;
        } catch (RuntimeException e) {
            Log.warn(
                    "snapstart.priming_skipped",
                    "step",
                    step,
                    "error",
                    e.getClass().getSimpleName());
            return 0;
        }
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
        return new DynamoProjectDirectory(
                dynamo.get(), env.projectsTable(), ssm.get(), env.projectSecretsPath(), clock);
    }

    /** Tokens from the project file's {@code api_tokens} (the sandbox), else Parameter Store next to the secrets. */
    private ApiTokens newApiTokens() {
        String file = optional("PROJECTS_FILE");
        if (file != null) {
            try {
                return new InMemoryApiTokens(ProjectFile.apiTokens(Files.readString(Path.of(file))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read PROJECTS_FILE " + file, e);
            }
        }
        return new SsmApiTokens(ssm.get(), env.projectSecretsPath(), clock);
    }

    private String optional(String name) {
        return env.optional(name).orElse(null);
    }

    /** Built on first use, once. */
    private static final class Lazy<T> {
        private final Supplier<T> factory;
        private volatile T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        boolean isBuilt() {
            return value != null;
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
