package dev.jetonvoucher.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * What moto_launcher.py changes in moto's serving: every change fits the installed moto, and what it is for shows
 * (the answers themselves are the round-trip suite's business, {@link MotoRoundTripTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MotoLauncherTest {

    private LocalAwsEndpoint moto;

    @BeforeAll
    void startMoto() {
        moto = LocalAwsEndpoint.startMoto();
    }

    @AfterAll
    void stopMoto() {
        moto.close();
    }

    @Test
    void everyChangeFitsTheInstalledMoto() {
        // A moto release that moves these internals leaves a change out (the launcher still starts): this says which.
        assertEquals(Set.of("module-list", "sqs-scans", "transaction-backup"), moto.motoPatches(),
                "moto_launcher.py could not apply all its changes to this moto; see the lines it printed");
    }

    @Test
    void sendingToAQueueFullOfDelayedMessagesCostsAboutWhatSendingToAnEmptyOneDoes() {
        // moto scans a queue's messages on every send; with two clock reads per message, 2,000 delayed status polls
        // made each send about ten times slower. Interleaved and compared by medians, so machine load cancels out.
        SqsClient sqs = moto.sqs();
        String full = sqs.createQueue(r -> r.queueName("full-" + UUID.randomUUID())).queueUrl();
        String empty = sqs.createQueue(r -> r.queueName("empty-" + UUID.randomUUID())).queueUrl();
        for (int batch = 0; batch < 200; batch++) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("poll " + batch + "-" + i)
                        .delaySeconds(900).build());
            }
            sqs.sendMessageBatch(r -> r.queueUrl(full).entries(entries));
        }
        for (int i = 0; i < 10; i++) { // warm both paths up
            sqs.sendMessage(r -> r.queueUrl(empty).messageBody("warm").delaySeconds(900));
            sqs.sendMessage(r -> r.queueUrl(full).messageBody("warm").delaySeconds(900));
        }

        List<Long> toEmpty = new ArrayList<>();
        List<Long> toFull = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            toEmpty.add(timeSend(sqs, empty));
            toFull.add(timeSend(sqs, full));
        }

        long emptyMedian = median(toEmpty);
        long fullMedian = median(toFull);
        assertTrue(fullMedian < 3 * emptyMedian + 2_000_000,
                "a send to a queue of 2,010 delayed messages took " + fullMedian / 1000 + " µs (median), to one of 10 "
                        + emptyMedian / 1000 + " µs");
    }

    @Test
    void aTransactionOnATableOf2000ItemsCostsAboutWhatOneOnAnEmptyTableDoes() {
        // moto deep-copied every table a transaction names, to undo it if cancelled: 2,000 items took hundreds of ms.
        DynamoDbClient dynamoDb = moto.dynamoDb();
        String full = table(dynamoDb, "full");
        String empty = table(dynamoDb, "empty");
        for (int batch = 0; batch < 80; batch++) {
            List<WriteRequest> writes = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("payment#" + batch + "-" + i),
                        "sk", AttributeValue.fromS("payment"), "status", AttributeValue.fromS("processing"),
                        "details", AttributeValue.fromM(Map.of("amount", AttributeValue.fromN("1000"),
                                "currency", AttributeValue.fromS("EUR"), "note", AttributeValue.fromS("x".repeat(200)))));
                writes.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
            }
            dynamoDb.batchWriteItem(r -> r.requestItems(Map.of(full, writes)));
        }

        List<Long> onEmpty = new ArrayList<>();
        List<Long> onFull = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            onEmpty.add(timeTransaction(dynamoDb, empty, i));
            onFull.add(timeTransaction(dynamoDb, full, i));
        }

        long emptyMedian = median(onEmpty);
        long fullMedian = median(onFull);
        assertTrue(fullMedian < 3 * emptyMedian + 5_000_000,
                "a transaction on a table of 2,000 items took " + fullMedian / 1000 + " µs (median), on an empty one "
                        + emptyMedian / 1000 + " µs");
    }

    private static String table(DynamoDbClient dynamoDb, String purpose) {
        String name = purpose + "-" + UUID.randomUUID();
        dynamoDb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE)));
        return name;
    }

    /** What finalising a payment writes: its new status and an event, in one transaction. */
    private static long timeTransaction(DynamoDbClient dynamoDb, String table, int i) {
        String pk = "timed#" + i;
        dynamoDb.putItem(r -> r.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("payment"),
                "status", AttributeValue.fromS("processing"))));
        long started = System.nanoTime();
        dynamoDb.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().update(u -> u.tableName(table)
                        .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("payment")))
                        .updateExpression("SET #status = :success").conditionExpression("#status = :processing")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":success", AttributeValue.fromS("success"),
                                ":processing", AttributeValue.fromS("processing")))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk),
                        "sk", AttributeValue.fromS("event#1")))).build()));
        return System.nanoTime() - started;
    }

    private static long timeSend(SqsClient sqs, String queueUrl) {
        long started = System.nanoTime();
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("timed").delaySeconds(900));
        return System.nanoTime() - started;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
