package dev.jetonvoucher.aws.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.aws.AwsClients;
import dev.jetonvoucher.aws.DynamoAttemptCounters;
import dev.jetonvoucher.aws.DynamoBalanceStore;
import dev.jetonvoucher.aws.DynamoExportJobStore;
import dev.jetonvoucher.aws.DynamoPaymentStore;
import dev.jetonvoucher.aws.DynamoSessionStore;
import dev.jetonvoucher.aws.DynamoVoucherLedger;
import dev.jetonvoucher.aws.Environment;
import dev.jetonvoucher.aws.MinimalAnswers;
import dev.jetonvoucher.aws.S3ExportStorage;
import dev.jetonvoucher.aws.SnapshotPriming;
import dev.jetonvoucher.aws.UrlConnectionHttpPoster;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.local.TemplateResources;
import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** What runs before a SnapStart snapshot: every step of a fully built wiring, and not one write anywhere. */
class SnapStartPrimingTest {

    @Test
    void priming_runs_every_built_component_and_writes_nothing() throws Exception {
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        LocalAwsEndpoint endpoint = LocalAwsEndpoint.shared();
        TemplateResources.Deployed resources =
                TemplateResources.create(template, endpoint, TemplateResources.uniquePrefix("priming"));
        Path projects = Files.createTempFile("projects", ".json");
        Files.writeString(projects, """
                {"projects": [{"project_id": 239, "secret_key": "priming-test-secret", "test": true,
                  "currencies": ["EUR"], "base_time_seconds": 10, "limit_time_seconds": 120}]}
                """);
        Map<String, String> environment = new HashMap<>(resources.localEnvironmentFor(
                template.function("DispatchFunction"),
                Map.of("ProviderSigningKey", "p".repeat(40), "VoucherTransitKey", VoucherTransitCipher.newKey()),
                endpoint));
        // The dashboard's, the export's and the emulator's stores too (their functions' environments name their
        // tables).
        for (String other : List.of("DashboardFunction", "ExportFunction", "ProviderEmulatorFunction")) {
            resources
                    .localEnvironmentFor(
                            template.function(other),
                            Map.of(
                                    "ProviderSigningKey",
                                    "p".repeat(40),
                                    "VoucherTransitKey",
                                    VoucherTransitCipher.newKey()),
                            endpoint)
                    .forEach(environment::putIfAbsent);
        }
        environment.put("PROJECTS_FILE", projects.toString());
        Wiring wiring = Wiring.of(environment, Clock.systemUTC());
        // What the handlers' constructors build between them.
        wiring.gateRequests();
        wiring.acceptance();
        wiring.dispatcher();
        wiring.providerNotifications();
        wiring.callbackDelivery();
        wiring.sessions();
        wiring.signInAttempts();
        wiring.exportJobs();
        wiring.exportStorage();
        wiring.providerEmulatorRoutes();
        // What a function composes itself (the Payment Page) primes through the same call, after the wiring's steps.
        AtomicInteger functionSteps = new AtomicInteger();
        wiring.primeAlso("a function's own part", functionSteps::incrementAndGet);
        AtomicInteger inProcessSteps = new AtomicInteger();
        wiring.primeAlsoInProcess("a function's own part that sends nothing", inProcessSteps::incrementAndGet);

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Log.configure(new PrintStream(log, true, StandardCharsets.UTF_8), false);
        int steps;
        try {
            steps = wiring.primeForSnapshot();
        } finally {
            Log.configure(System.out, false);
        }
        String logged = log.toString(StandardCharsets.UTF_8);

        // Eight components, the payment store's writes and queries and a send sent nowhere, the SQS sender; the
        // balance, session and export job stores, the sign-in counters, the export storage and the ledger sent
        // nowhere; the emulator's requests; the function's own two steps.
        // And the session store, the export job store and the ledger each read on the endpoint (an item nobody has),
        // once and then for each of the JIT's rounds.
        assertEquals(24, steps, logged);
        assertEquals(1, functionSteps.get(), "the function's own priming ran once");
        assertEquals(
                1 + Wiring.JIT_ROUNDS,
                inProcessSteps.get(),
                "a step that sends nothing ran once, then again until compiled");
        assertFalse(logged.contains("snapstart.priming_skipped"), logged);
        assertTrue(logged.contains("snapstart.primed steps=24"), logged);
        assertTrue(logged.contains("rounds=" + Wiring.JIT_ROUNDS), logged);
        assertEquals(1, logged.lines().count(), "one line for the whole priming, whatever its rounds: " + logged);
        assertNoTableWritten(resources, endpoint);
        for (String queue : resources.queueUrls().values()) {
            Map<QueueAttributeName, String> counts = endpoint.sqs()
                    .getQueueAttributes(request -> request.queueUrl(queue)
                            .attributeNames(
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                    .attributes();
            assertEquals(
                    Map.of(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            "0",
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED,
                            "0"),
                    counts,
                    queue + " got a message");
        }
    }

    /**
     * The step "payment store writes, sent nowhere": every write of the store is answered in the process (so the
     * response side is primed too), and the endpoint sees none of them.
     */
    @Test
    void the_store_writes_are_answered_in_the_process_and_none_reaches_the_endpoint() {
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        LocalAwsEndpoint endpoint = LocalAwsEndpoint.shared();
        TemplateResources.Deployed resources =
                TemplateResources.create(template, endpoint, TemplateResources.uniquePrefix("priming-writes"));
        Environment environment = new Environment(resources.localEnvironmentFor(
                template.function("DispatchFunction"),
                Map.of("ProviderSigningKey", "p".repeat(40), "VoucherTransitKey", VoucherTransitCipher.newKey()),
                endpoint));
        MinimalAnswers answers = new MinimalAnswers();

        try (DynamoDbClient sendsNothing = AwsClients.newDynamoDbThatSendsNothing(environment, answers)) {
            SnapshotPriming.paymentWrites(
                    new DynamoPaymentStore(
                            sendsNothing, environment.paymentsTable(), environment.balancesTable(), Clock.systemUTC()),
                    answers);
        }

        assertEquals(
                List.of(
                        "DynamoDB_20120810.TransactWriteItems", // create
                        "DynamoDB_20120810.TransactWriteItems", // finish
                        "DynamoDB_20120810.UpdateItem", // mark dispatched
                        "DynamoDB_20120810.UpdateItem", // claim a callback attempt
                        "DynamoDB_20120810.PutItem", // record it: the attempt's item, then the payment's state
                        "DynamoDB_20120810.UpdateItem",
                        "DynamoDB_20120810.UpdateItem"), // move the callback state
                answers.answered());
        assertNoTableWritten(resources, endpoint);
    }

    /**
     * The other stores' steps "..., sent nowhere": each store's reads and writes and the payment store's queries are
     * answered in the process, and the endpoint sees none of them.
     */
    @Test
    void the_other_stores_calls_are_answered_in_the_process_and_none_reaches_the_endpoint() {
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        LocalAwsEndpoint endpoint = LocalAwsEndpoint.shared();
        TemplateResources.Deployed resources =
                TemplateResources.create(template, endpoint, TemplateResources.uniquePrefix("priming-stores"));
        Map<String, String> variables = new HashMap<>();
        for (String function :
                List.of("DispatchFunction", "DashboardFunction", "ExportWorkerFunction", "ProviderEmulatorFunction")) {
            resources
                    .localEnvironmentFor(
                            template.function(function),
                            Map.of(
                                    "ProviderSigningKey",
                                    "p".repeat(40),
                                    "VoucherTransitKey",
                                    VoucherTransitCipher.newKey()),
                            endpoint)
                    .forEach(variables::putIfAbsent);
        }
        Environment environment = new Environment(variables);
        String get = "DynamoDB_20120810.GetItem";
        String put = "DynamoDB_20120810.PutItem";
        String update = "DynamoDB_20120810.UpdateItem";
        String transaction = "DynamoDB_20120810.TransactWriteItems";
        String query = "DynamoDB_20120810.Query";

        assertEquals(
                List.of(
                        query, // a page of the created index, listing the sample payment
                        "DynamoDB_20120810.BatchGetItem", // its item, by key
                        query, // the two days' day items
                        "DynamoDB_20120810.BatchGetItem", // their shards
                        transaction, // each past day folded
                        transaction,
                        query), // the day items read again
                answered(
                        environment,
                        client -> SnapshotPriming.paymentQueries(
                                new DynamoPaymentStore(
                                        client,
                                        environment.paymentsTable(),
                                        environment.balancesTable(),
                                        Clock.systemUTC()),
                                lastAnswers,
                                environment.paymentsTable())));
        assertEquals(
                List.of(get, update),
                answered(
                        environment,
                        client -> SnapshotPriming.balanceStore(
                                new DynamoBalanceStore(client, environment.balancesTable()), lastAnswers)));
        assertEquals(
                List.of(get, put, "DynamoDB_20120810.DeleteItem"),
                answered(
                        environment,
                        client -> SnapshotPriming.sessionStore(
                                new DynamoSessionStore(client, environment.dashboardSessionsTable()), lastAnswers)));
        assertEquals(
                List.of(update),
                answered(
                        environment,
                        client -> SnapshotPriming.attemptCounters(
                                new DynamoAttemptCounters(client, environment.dashboardSessionsTable()), lastAnswers)));
        assertEquals(
                // a job looked up, created, started, its progress, done, failed
                List.of(get, put, update, update, update, update),
                answered(
                        environment,
                        client -> SnapshotPriming.exportJobStore(
                                new DynamoExportJobStore(
                                        client, environment.dashboardSessionsTable(), Wiring.EXPORTS_KEPT),
                                lastAnswers)));
        assertEquals(
                // an operation and a voucher looked up, vouchers issued, one redeemed, a decline recorded
                List.of(get, get, transaction, transaction, put),
                answered(
                        environment,
                        client -> SnapshotPriming.voucherLedger(
                                new DynamoVoucherLedger(client, environment.voucherLedgerTable()), lastAnswers)));
        MinimalAnswers s3 = new MinimalAnswers();
        SnapshotPriming.exportStorage(AwsClients.newExportStorage(environment, s3, S3ExportStorage.MIN_PART_SIZE), s3);
        assertEquals(
                List.of("PUT"), // a small file: one PutObject
                s3.answered().stream().map(operation -> operation.split(" ")[0]).toList());
        assertNoTableWritten(resources, endpoint);
    }

    /** What a function's priming of a whole sign-in gets: a session store and counters that write nothing. */
    @Test
    void the_sign_in_stores_sent_nowhere_count_and_open_without_writing() {
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        LocalAwsEndpoint endpoint = LocalAwsEndpoint.shared();
        TemplateResources.Deployed resources =
                TemplateResources.create(template, endpoint, TemplateResources.uniquePrefix("priming-sign-in"));
        Wiring wiring = Wiring.of(
                resources.localEnvironmentFor(template.function("DashboardFunction"), Map.of(), endpoint),
                Clock.systemUTC());
        List<Long> counts = new ArrayList<>();
        Instant expires = Instant.now().plusSeconds(60);

        wiring.withSignInStoresSentNowhere((sessions, attempts) -> {
            sessions.open("snapstart-priming", SnapshotPriming.PROJECT_ID, expires);
            counts.add(attempts.add("snapstart-priming", 1, expires));
        });

        assertEquals(List.of(1L), counts);
        assertNoTableWritten(resources, endpoint);
    }

    private MinimalAnswers lastAnswers;

    /** The operations a client that sends nothing answered for {@code calls}. */
    private List<String> answered(Environment environment, Consumer<DynamoDbClient> calls) {
        lastAnswers = new MinimalAnswers();
        try (DynamoDbClient sendsNothing = AwsClients.newDynamoDbThatSendsNothing(environment, lastAnswers)) {
            calls.accept(sendsNothing);
        }
        return lastAnswers.answered();
    }

    /**
     * The loopback exchange of a function's HTTP post priming: the JDK's client posts, the process answers it, and
     * nothing of it is left running.
     */
    @Test
    void a_post_answered_in_the_process_gets_its_200_and_leaves_no_thread() {
        List<URI> targets = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();

        Priming.postAnsweredInProcess(target -> {
            targets.add(target);
            statuses.add(new UrlConnectionHttpPoster()
                    .postJson(target, "{\"priming\":true}", Duration.ofSeconds(5))
                    .status());
        });

        assertEquals(List.of(200), statuses);
        assertEquals("127.0.0.1", targets.get(0).getHost());
        assertTrue(
                Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(thread -> thread.getName().equals("snapstart-priming-answer")),
                "the answering thread is still there");
    }

    @Test
    void a_wiring_that_built_nothing_primes_only_json_and_signatures() {
        assertEquals(2, Wiring.of(Map.of(), Clock.systemUTC()).primeForSnapshot());
    }

    private static void assertNoTableWritten(TemplateResources.Deployed resources, LocalAwsEndpoint endpoint) {
        for (String table : resources.tableNames().values()) {
            assertEquals(
                    0,
                    endpoint.dynamoDb()
                            .scan(request -> request.tableName(table))
                            .count(),
                    table + " was written");
        }
    }
}
