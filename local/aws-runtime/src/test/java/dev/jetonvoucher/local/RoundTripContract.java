package dev.jetonvoucher.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The DynamoDB and SQS behaviour the functions rely on, against resources created from the real
 * template.yaml. Each subclass runs the same suite on one kind of endpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RoundTripContract {

    private LocalAwsEndpoint endpoint;
    private SamTemplate template;
    private TemplateResources.Deployed deployed;
    private DynamoDbClient dynamoDb;
    private SqsClient sqs;

    /** The endpoint this suite runs against; closed after the suite. */
    abstract LocalAwsEndpoint openEndpoint();

    /** "moto", "localstack", ...: what {@link LocalAwsEndpoint#kind()} must say. */
    abstract String expectedKind();

    @BeforeAll
    void deployTemplate() {
        endpoint = openEndpoint();
        template = SamTemplate.load(SamTemplate.locate());
        deployed = TemplateResources.create(
                template, endpoint, TemplateResources.uniquePrefix(getClass().getSimpleName()));
        dynamoDb = endpoint.dynamoDb();
        sqs = endpoint.sqs();
    }

    @AfterAll
    void closeEndpoint() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Test
    void endpoint_is_of_the_expected_kind() {
        assertEquals(expectedKind(), endpoint.kind());
    }

    @Test
    void every_table_and_queue_of_the_template_exists() {
        List<String> tables = dynamoDb.listTables().tableNames();
        for (TableDef table : template.tables()) {
            assertTrue(
                    tables.contains(deployed.tableName(table.logicalId())),
                    table.logicalId() + " missing in " + tables);
        }
        for (QueueDef queue : template.queues()) {
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r ->
                            r.queueUrl(deployed.queueUrl(queue.logicalId())).attributeNames(QueueAttributeName.ALL))
                    .attributes();
            assertEquals(
                    Integer.toString(queue.visibilityTimeoutSeconds()),
                    attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT),
                    queue.logicalId());
            assertEquals(
                    deployed.queueArn(queue.logicalId()),
                    attributes.get(QueueAttributeName.QUEUE_ARN),
                    queue.logicalId());
            queue.redrive()
                    .ifPresent(redrive -> assertTrue(
                            attributes
                                    .get(QueueAttributeName.REDRIVE_POLICY)
                                    .contains(deployed.queueArn(redrive.deadLetterQueueLogicalId())),
                            queue.logicalId() + " redrive"));
        }
    }

    @Test
    void payment_item_is_written_read_and_found_through_the_project_index() {
        String paymentsTable = deployed.tableName("PaymentsTable");
        String projectId =
                Integer.toString(1_000_000 + Math.abs(UUID.randomUUID().hashCode() % 1_000_000));
        Map<String, AttributeValue> payment = payment("payment#" + UUID.randomUUID(), projectId);

        dynamoDb.putItem(r -> r.tableName(paymentsTable).item(payment));

        Map<String, AttributeValue> read = dynamoDb.getItem(r -> r.tableName(paymentsTable)
                        .consistentRead(true)
                        .key(Map.of("pk", payment.get("pk"), "sk", payment.get("sk"))))
                .item();
        assertEquals(payment, read);
        List<Map<String, AttributeValue>> byProject = dynamoDb.query(r -> r.tableName(paymentsTable)
                        .indexName("by-project-created-keys")
                        .keyConditionExpression("project_id = :project")
                        .expressionAttributeValues(Map.of(":project", AttributeValue.fromN(projectId))))
                .items();
        // the index projects the keys only: the table's and its own
        assertEquals(
                List.of(Map.of(
                        "pk", payment.get("pk"),
                        "sk", payment.get("sk"),
                        "project_id", payment.get("project_id"),
                        "created_key", payment.get("created_key"))),
                byProject);
    }

    @Test
    void conditional_put_of_an_existing_payment_fails_and_returns_the_stored_item() {
        String paymentsTable = deployed.tableName("PaymentsTable");
        Map<String, AttributeValue> first = payment("payment#" + UUID.randomUUID(), "239");
        Map<String, AttributeValue> duplicate = new HashMap<>(first);
        duplicate.put("status", AttributeValue.fromS("duplicate"));

        dynamoDb.putItem(r -> r.tableName(paymentsTable).item(first).conditionExpression("attribute_not_exists(pk)"));
        ConditionalCheckFailedException failure = assertThrows(
                ConditionalCheckFailedException.class,
                () -> dynamoDb.putItem(r -> r.tableName(paymentsTable)
                        .item(duplicate)
                        .conditionExpression("attribute_not_exists(pk)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));

        assertEquals(first, failure.item());
        assertEquals(
                first,
                dynamoDb.getItem(r -> r.tableName(paymentsTable)
                                .consistentRead(true)
                                .key(Map.of("pk", first.get("pk"), "sk", first.get("sk"))))
                        .item());
    }

    /**
     * DynamoDB sends ConsumedCapacity and ItemCollectionMetrics only to a request that asks for them; the functions
     * never ask, so an endpoint that sends them unasked makes a function parse what it never gets from AWS.
     */
    @Test
    void writes_and_reads_answer_consumed_capacity_and_item_collection_metrics_only_when_asked() {
        String paymentsTable = deployed.tableName("PaymentsTable");
        Map<String, AttributeValue> item = payment("payment#" + UUID.randomUUID(), "239");
        Map<String, AttributeValue> key = Map.of("pk", item.get("pk"), "sk", item.get("sk"));

        PutItemResponse put = dynamoDb.putItem(r -> r.tableName(paymentsTable).item(item));
        UpdateItemResponse update = dynamoDb.updateItem(r -> r.tableName(paymentsTable)
                .key(key)
                .updateExpression("SET #status = :status")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":status", AttributeValue.fromS("success"))));
        TransactWriteItemsResponse transaction =
                dynamoDb.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder()
                        .update(u -> u.tableName(paymentsTable)
                                .key(key)
                                .updateExpression("SET amount = :amount")
                                .expressionAttributeValues(Map.of(":amount", AttributeValue.fromN("2000"))))
                        .build()));
        GetItemResponse read =
                dynamoDb.getItem(r -> r.tableName(paymentsTable).key(key).consistentRead(true));
        UpdateItemResponse asked = dynamoDb.updateItem(r -> r.tableName(paymentsTable)
                .key(key)
                .updateExpression("SET amount = :amount")
                .expressionAttributeValues(Map.of(":amount", AttributeValue.fromN("3000")))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        DeleteItemResponse delete =
                dynamoDb.deleteItem(r -> r.tableName(paymentsTable).key(key));

        assertNull(put.consumedCapacity(), "PutItem: " + put);
        assertNull(put.itemCollectionMetrics(), "PutItem: " + put);
        assertNull(update.consumedCapacity(), "UpdateItem: " + update);
        assertNull(update.itemCollectionMetrics(), "UpdateItem: " + update);
        assertFalse(transaction.hasConsumedCapacity(), "TransactWriteItems: " + transaction);
        assertFalse(transaction.hasItemCollectionMetrics(), "TransactWriteItems: " + transaction);
        assertNull(read.consumedCapacity(), "GetItem: " + read);
        assertEquals(AttributeValue.fromN("2000"), read.item().get("amount"), "the transaction was written");
        assertNull(delete.consumedCapacity(), "DeleteItem: " + delete);
        assertNull(delete.itemCollectionMetrics(), "DeleteItem: " + delete);
        assertEquals(paymentsTable, asked.consumedCapacity().tableName(), "asked: " + asked);
    }

    @Test
    void transaction_with_a_failing_condition_is_cancelled_with_reasons_and_writes_nothing() {
        String paymentsTable = deployed.tableName("PaymentsTable");
        String balancesTable = deployed.tableName("BalancesTable");
        Map<String, AttributeValue> existing = payment("payment#" + UUID.randomUUID(), "239");
        dynamoDb.putItem(r -> r.tableName(paymentsTable).item(existing));
        Map<String, AttributeValue> balance = Map.of(
                "project_id",
                        AttributeValue.fromN(
                                Integer.toString(Math.abs(UUID.randomUUID().hashCode()))),
                "currency", AttributeValue.fromS("EUR"),
                "amount", AttributeValue.fromN("500000"));

        TransactionCanceledException cancelled = assertThrows(
                TransactionCanceledException.class,
                () -> dynamoDb.transactWriteItems(r -> r.transactItems(
                        TransactWriteItem.builder()
                                .put(p -> p.tableName(balancesTable).item(balance))
                                .build(),
                        TransactWriteItem.builder()
                                .put(p -> p.tableName(paymentsTable)
                                        .item(existing)
                                        .conditionExpression("attribute_not_exists(pk)"))
                                .build())));

        assertTrue(cancelled.hasCancellationReasons(), "cancellation reasons present");
        List<String> codes = cancelled.cancellationReasons().stream()
                .map(CancellationReason::code)
                .toList();
        assertEquals(List.of("None", "ConditionalCheckFailed"), codes);
        assertFalse(
                dynamoDb.getItem(r -> r.tableName(balancesTable)
                                .consistentRead(true)
                                .key(Map.of(
                                        "project_id", balance.get("project_id"), "currency", balance.get("currency"))))
                        .hasItem(),
                "the balance put of the cancelled transaction must not be visible");
    }

    @Test
    void cancelled_transaction_leaves_updated_and_deleted_items_as_they_were_and_a_committed_one_writes_them_all() {
        String paymentsTable = deployed.tableName("PaymentsTable");
        String pk = "payment#" + UUID.randomUUID();
        Map<String, AttributeValue> updated = new HashMap<>(payment(pk, "239"));
        Map<String, AttributeValue> deleted = new HashMap<>(payment(pk, "239"));
        deleted.put("sk", AttributeValue.fromS("event#1"));
        Map<String, AttributeValue> added = new HashMap<>(payment(pk, "239"));
        added.put("sk", AttributeValue.fromS("event#2"));
        dynamoDb.putItem(r -> r.tableName(paymentsTable).item(updated));
        dynamoDb.putItem(r -> r.tableName(paymentsTable).item(deleted));
        TransactWriteItem update = TransactWriteItem.builder()
                .update(u -> u.tableName(paymentsTable)
                        .key(Map.of("pk", updated.get("pk"), "sk", updated.get("sk")))
                        .updateExpression("SET #status = :success")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":success", AttributeValue.fromS("success"))))
                .build();
        TransactWriteItem delete = TransactWriteItem.builder()
                .delete(d -> d.tableName(paymentsTable).key(Map.of("pk", deleted.get("pk"), "sk", deleted.get("sk"))))
                .build();
        TransactWriteItem put = TransactWriteItem.builder()
                .put(p -> p.tableName(paymentsTable).item(added))
                .build();
        TransactWriteItem failingCheck = TransactWriteItem.builder()
                .conditionCheck(c -> c.tableName(paymentsTable)
                        .key(Map.of(
                                "pk",
                                AttributeValue.fromS("payment#" + UUID.randomUUID()),
                                "sk",
                                AttributeValue.fromS("payment")))
                        .conditionExpression("attribute_exists(pk)"))
                .build();

        assertThrows(
                TransactionCanceledException.class,
                () -> dynamoDb.transactWriteItems(r -> r.transactItems(update, delete, put, failingCheck)));
        assertEquals(List.of(deleted, updated), itemsOf(paymentsTable, pk), "nothing of the cancelled transaction");

        dynamoDb.transactWriteItems(r -> r.transactItems(update, delete, put));
        Map<String, AttributeValue> succeeded = new HashMap<>(updated);
        succeeded.put("status", AttributeValue.fromS("success"));
        assertEquals(List.of(added, succeeded), itemsOf(paymentsTable, pk), "all of the committed one");
    }

    private List<Map<String, AttributeValue>> itemsOf(String table, String pk) {
        return dynamoDb.query(r -> r.tableName(table)
                        .consistentRead(true)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))))
                .items();
    }

    @Test
    void delayed_message_arrives_only_after_its_delay_and_is_gone_once_deleted() {
        String statusPollQueue = deployed.queueUrl("StatusPollQueue");
        String body = "poll " + UUID.randomUUID();

        sqs.sendMessage(r -> r.queueUrl(statusPollQueue).messageBody(body).delaySeconds(2));
        assertTrue(
                sqs.receiveMessage(r -> r.queueUrl(statusPollQueue)
                                .maxNumberOfMessages(10)
                                .waitTimeSeconds(0))
                        .messages()
                        .isEmpty(),
                "a message delayed by 2 s must not be received at once");

        Message received = receiveOne(statusPollQueue, 10);
        assertEquals(body, received.body());
        sqs.deleteMessage(r -> r.queueUrl(statusPollQueue).receiptHandle(received.receiptHandle()));

        Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(r -> r.queueUrl(statusPollQueue)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes();
        assertEquals("0", counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        assertEquals("0", counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        assertEquals("0", counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }

    @Test
    void queue_counts_visible_in_flight_and_delayed_messages_and_hands_out_only_the_visible() {
        String queueUrl =
                sqs.createQueue(r -> r.queueName("counts-" + UUID.randomUUID())).queueUrl();
        for (int i = 0; i < 3; i++) {
            String body = "now " + i;
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
        }
        for (int i = 0; i < 2; i++) {
            String body = "later " + i;
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body).delaySeconds(600));
        }
        List<Message> first = sqs.receiveMessage(
                        r -> r.queueUrl(queueUrl).maxNumberOfMessages(1).visibilityTimeout(600))
                .messages();
        assertEquals(1, first.size());

        Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes();
        assertEquals("2", counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES), "visible");
        assertEquals("1", counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE), "in flight");
        assertEquals("2", counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED), "delayed");

        List<String> rest = new ArrayList<>();
        for (int attempt = 0; attempt < 5 && rest.size() < 2; attempt++) {
            sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                            .maxNumberOfMessages(10)
                            .visibilityTimeout(600)
                            .waitTimeSeconds(1))
                    .messages()
                    .forEach(message -> rest.add(message.body()));
        }
        rest.add(first.get(0).body());
        assertEquals(
                List.of("now 0", "now 1", "now 2"),
                rest.stream().sorted().toList(),
                "every visible message once, neither the one in flight again nor the delayed ones");
        assertTrue(
                sqs.receiveMessage(r ->
                                r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                        .messages()
                        .isEmpty(),
                "nothing left but messages in flight and delayed ones");
        sqs.deleteQueue(r -> r.queueUrl(queueUrl));
    }

    @Test
    void message_failed_max_receive_count_times_moves_to_the_dead_letter_queue() {
        QueueDef queue = template.queue("StatusPollQueue");
        QueueDef.Redrive redrive = queue.redrive().orElseThrow();
        String queueUrl = deployed.queueUrl(queue.logicalId());
        String deadLetterQueueUrl = deployed.queueUrl(redrive.deadLetterQueueLogicalId());
        String body = "always fails " + UUID.randomUUID();
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));

        // A consumer that fails: receive, then make the message visible again at once (as a failed batch item).
        List<String> receiveCounts = new ArrayList<>();
        for (int attempt = 0; attempt < redrive.maxReceiveCount() + 3; attempt++) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                            .waitTimeSeconds(1)
                            .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .messages();
            if (messages.isEmpty()) {
                break;
            }
            Message message = messages.get(0);
            assertEquals(body, message.body());
            receiveCounts.add(message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
            sqs.changeMessageVisibility(r ->
                    r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
        }

        List<String> expectedCounts = new ArrayList<>();
        for (int count = 1; count <= redrive.maxReceiveCount(); count++) {
            expectedCounts.add(Integer.toString(count));
        }
        assertEquals(expectedCounts, receiveCounts, "received exactly maxReceiveCount times before the redrive");
        Message deadLetter = receiveOne(deadLetterQueueUrl, 5);
        assertEquals(body, deadLetter.body());
    }

    @Test
    void function_environment_resolves_to_the_created_resources() {
        FunctionDef dispatch = template.function("DispatchFunction");

        Map<String, String> environment = deployed.environmentFor(dispatch, Map.of());

        assertEquals(deployed.tableName("PaymentsTable"), environment.get("PAYMENTS_TABLE"));
        assertEquals(deployed.queueUrl("StatusPollQueue"), environment.get("STATUS_POLL_QUEUE_URL"));
        assertEquals("/jeton-voucher/projects", environment.get("PROJECT_SECRETS_PATH"));
        assertEquals("/jeton-voucher/keys/provider-signing-key", environment.get("PROVIDER_SIGNING_KEY_PARAMETER"));
        // The resolved names are real: the clients accept them.
        dynamoDb.describeTable(r -> r.tableName(environment.get("BALANCES_TABLE")));
        sqs.getQueueAttributes(r -> r.queueUrl(environment.get("MERCHANT_CALLBACK_DLQ_URL")));
    }

    @Test
    void a_local_environment_names_the_keys_own_parameters_and_the_keys_are_written_there_not_into_it() {
        FunctionDef dispatch = template.function("DispatchFunction");
        String providerKey = "k".repeat(32);
        String transitKey = "A".repeat(43) + "=";

        Map<String, String> environment = deployed.localEnvironmentFor(
                dispatch, Map.of("ProviderSigningKey", providerKey, "VoucherTransitKey", transitKey), endpoint);

        String providerParameter = environment.get("PROVIDER_SIGNING_KEY_PARAMETER");
        assertEquals("/" + deployed.localKeysPath() + "/provider-signing-key", providerParameter);
        assertFalse(environment.containsValue(providerKey) || environment.containsValue(transitKey));
        LocalParameterStore parameters = new LocalParameterStore(endpoint);
        assertEquals(java.util.Optional.of(providerKey), parameters.get(providerParameter));
        assertEquals(
                java.util.Optional.of(transitKey), parameters.get(environment.get("VOUCHER_TRANSIT_KEY_PARAMETER")));
        assertEquals(
                Map.of(
                        "ProviderSigningKey",
                        providerParameter,
                        "VoucherTransitKey",
                        environment.get("VOUCHER_TRANSIT_KEY_PARAMETER")),
                TemplateResources.platformKeyParameters(template, deployed.prefix()));
    }

    private Message receiveOne(String queueUrl, int timeoutSeconds) {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<Message> messages = sqs.receiveMessage(
                            r -> r.queueUrl(queueUrl).waitTimeSeconds(1))
                    .messages();
            if (!messages.isEmpty()) {
                assertEquals(1, messages.size());
                return messages.get(0);
            }
        }
        throw new AssertionError("no message on " + queueUrl + " within " + timeoutSeconds + " s");
    }

    private static Map<String, AttributeValue> payment(String pk, String projectId) {
        return Map.of(
                "pk", AttributeValue.fromS(pk),
                "sk", AttributeValue.fromS("payment"),
                "project_id", AttributeValue.fromN(projectId),
                "created_key", AttributeValue.fromS("2025-01-01T00:00:00Z#" + pk),
                "status", AttributeValue.fromS("processing"),
                "amount", AttributeValue.fromN("1000"));
    }
}
