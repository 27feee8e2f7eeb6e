package dev.jetonvoucher.aws.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.aws.AwsClients;
import dev.jetonvoucher.aws.DynamoPaymentStore;
import dev.jetonvoucher.aws.Environment;
import dev.jetonvoucher.aws.MinimalAnswers;
import dev.jetonvoucher.aws.SnapshotPriming;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.local.TemplateResources;
import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
        environment.put("PROJECTS_FILE", projects.toString());
        Wiring wiring = Wiring.of(environment, Clock.systemUTC());
        // What the handlers' constructors build between them.
        wiring.gateRequests();
        wiring.acceptance();
        wiring.dispatcher();
        wiring.providerNotifications();
        wiring.callbackDelivery();
        // What a function composes itself (the Payment Page) primes through the same call, after the wiring's steps.
        AtomicInteger functionSteps = new AtomicInteger();
        wiring.primeAlso("a function's own part", functionSteps::incrementAndGet);

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Log.configure(new PrintStream(log, true, StandardCharsets.UTF_8), false);
        int steps;
        try {
            steps = wiring.primeForSnapshot();
        } finally {
            Log.configure(System.out, false);
        }
        String logged = log.toString(StandardCharsets.UTF_8);

        assertEquals(
                12, steps,
                logged); // eight components, the store's writes and a send sent nowhere, the SQS sender, the function's
        // own step
        assertEquals(1, functionSteps.get(), "the function's own priming ran once");
        assertFalse(logged.contains("snapstart.priming_skipped"), logged);
        assertTrue(logged.contains("snapstart.primed steps=12"), logged);
        for (String table : resources.tableNames().values()) {
            assertEquals(
                    0,
                    endpoint.dynamoDb()
                            .scan(request -> request.tableName(table))
                            .count(),
                    table + " was written");
        }
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
        for (String table : resources.tableNames().values()) {
            assertEquals(
                    0,
                    endpoint.dynamoDb()
                            .scan(request -> request.tableName(table))
                            .count(),
                    table + " was written");
        }
    }

    @Test
    void a_wiring_that_built_nothing_primes_only_json_and_signatures() {
        assertEquals(2, Wiring.of(Map.of(), Clock.systemUTC()).primeForSnapshot());
    }
}
