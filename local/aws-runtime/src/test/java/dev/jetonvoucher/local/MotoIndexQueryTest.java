package dev.jetonvoucher.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * moto_launcher.py's "index-query" change answers a Query on a secondary index from its own sorted copy of the index:
 * every page must be the page moto itself gives. The same table is written to a moto with the change and to one
 * without it, and every query below is paged through to its end on both: the same items in the same order, the same
 * Count, ScannedCount and LastEvaluatedKey on every page. The items share sort-key values (ties are ordered by the
 * table's key), some lack the index's keys, and the table is written to between queries (the copy is rebuilt).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MotoIndexQueryTest {

    private static final String TABLE = "index-query";
    private static final String INDEX = "by-project-created";

    private LocalAwsEndpoint patched;
    private LocalAwsEndpoint motoItself;

    @BeforeAll
    void start() {
        patched = LocalAwsEndpoint.startMoto();
        motoItself = LocalAwsEndpoint.startMoto(java.util.Set.of("index-query"));
        assertTrue(patched.motoPatches().contains("index-query"), "the change under test did not apply");
        assertTrue(!motoItself.motoPatches().contains("index-query"), "the change was not left out");
        for (DynamoDbClient dynamoDb : List.of(patched.dynamoDb(), motoItself.dynamoDb())) {
            dynamoDb.createTable(table -> table.tableName(TABLE)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            attribute("pk", ScalarAttributeType.S),
                            attribute("sk", ScalarAttributeType.S),
                            attribute("project_id", ScalarAttributeType.N),
                            attribute("created_key", ScalarAttributeType.S))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                            .indexName(INDEX)
                            .keySchema(key("project_id", KeyType.HASH), key("created_key", KeyType.RANGE))
                            .projection(Projection.builder()
                                    .projectionType(ProjectionType.ALL)
                                    .build())
                            .build()));
        }
        write(0, 240);
    }

    @AfterAll
    void stop() {
        patched.close();
        motoItself.close();
    }

    @Test
    void every_page_is_the_page_moto_itself_gives() {
        int sequences = compareAll();
        // Written to between queries: the first index query after a write moves the written items in the copy.
        write(240, 300);
        patched.dynamoDb().deleteItem(item -> item.tableName(TABLE).key(key(7)));
        motoItself.dynamoDb().deleteItem(item -> item.tableName(TABLE).key(key(7)));
        for (DynamoDbClient dynamoDb : List.of(patched.dynamoDb(), motoItself.dynamoDb())) {
            dynamoDb.updateItem(item -> item.tableName(TABLE)
                    .key(key(8))
                    .updateExpression("SET created_key = :c")
                    .expressionAttributeValues(Map.of(":c", s("2026-01-15#9"))));
        }
        sequences += compareAll();
        // Every kind of write the copy follows by key, a few at a time between queries: an item that leaves the index
        // (its sort key or partition removed), one that moves to another partition, one put over with new keys,
        // transactions (one cancelled by its condition) and batch writes.
        for (DynamoDbClient dynamoDb : List.of(patched.dynamoDb(), motoItself.dynamoDb())) {
            Map<String, AttributeValue> putOver = new HashMap<>(key(10));
            putOver.put("project_id", AttributeValue.fromN("2"));
            putOver.put("created_key", s("2026-01-03#0"));
            dynamoDb.putItem(put -> put.tableName(TABLE).item(putOver));
            dynamoDb.putItem(put -> put.tableName(TABLE).item(key(14)));
            dynamoDb.updateItem(item -> item.tableName(TABLE).key(key(12)).updateExpression("REMOVE project_id"));
            dynamoDb.updateItem(item -> item.tableName(TABLE)
                    .key(key(13))
                    .updateExpression("SET project_id = :p")
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromN("1"))));
        }
        sequences += compareAll();
        for (DynamoDbClient dynamoDb : List.of(patched.dynamoDb(), motoItself.dynamoDb())) {
            Map<String, AttributeValue> added = new HashMap<>(key(301));
            added.put("project_id", AttributeValue.fromN("0"));
            added.put("created_key", s("2026-01-20#1"));
            dynamoDb.transactWriteItems(transaction -> transaction.transactItems(
                    write -> write.put(put -> put.tableName(TABLE).item(added)),
                    write -> write.update(update -> update.tableName(TABLE)
                            .key(key(15))
                            .updateExpression("SET created_key = :c")
                            .expressionAttributeValues(Map.of(":c", s("2026-01-01#0")))),
                    write -> write.delete(delete -> delete.tableName(TABLE).key(key(16)))));
            try {
                dynamoDb.transactWriteItems(transaction -> transaction.transactItems(
                        write -> write.update(update -> update.tableName(TABLE)
                                .key(key(18))
                                .updateExpression("SET created_key = :c")
                                .expressionAttributeValues(Map.of(":c", s("2026-01-28#2")))),
                        write -> write.delete(delete ->
                                delete.tableName(TABLE).key(key(19)).conditionExpression("attribute_not_exists(pk)"))));
                throw new AssertionError("the transaction's condition did not cancel it");
            } catch (TransactionCanceledException expected) {
                // cancelled: nothing of it is written
            }
            try {
                // a key of no type: moto refuses the write, and the copy must not hold it either
                dynamoDb.putItem(put -> put.tableName(TABLE)
                        .item(Map.of("pk", AttributeValue.builder().build(), "sk", s("s303"))));
                throw new AssertionError("a key of no type was written");
            } catch (DynamoDbException expected) {
                // refused
            }
            Map<String, AttributeValue> batched = new HashMap<>(key(302));
            batched.put("project_id", AttributeValue.fromN("1"));
            batched.put("created_key", s("2026-01-09#2"));
            dynamoDb.batchWriteItem(batch -> batch.requestItems(Map.of(
                    TABLE,
                    List.of(
                            WriteRequest.builder()
                                    .putRequest(put -> put.item(batched))
                                    .build(),
                            WriteRequest.builder()
                                    .deleteRequest(delete -> delete.key(key(20)))
                                    .build()))));
        }
        sequences += compareAll();
        assertTrue(sequences > 200, "compared only " + sequences + " query sequences");
    }

    @Test
    void every_page_of_a_query_of_the_table_itself_is_the_page_moto_itself_gives() {
        List<Map.Entry<String, Map<String, AttributeValue>>> conditions = List.of(
                Map.entry("pk = :pk", Map.of()),
                Map.entry("pk = :pk AND sk BETWEEN :a AND :b", Map.of(":a", s("s1"), ":b", s("s2"))),
                Map.entry("pk = :pk AND sk > :a", Map.of(":a", s("s1"))),
                Map.entry("pk = :pk AND sk <= :a", Map.of(":a", s("s150"))),
                Map.entry("pk = :pk AND begins_with(sk, :a)", Map.of(":a", s("s1"))));
        int sequences = 0;
        for (var condition : conditions) {
            for (String partition : List.of("k000", "k037", "absent")) {
                for (boolean forward : List.of(true, false)) {
                    for (Integer limit : java.util.Arrays.asList(null, 2)) {
                        Map<String, AttributeValue> values = new HashMap<>(condition.getValue());
                        values.put(":pk", s(partition));
                        QueryRequest.Builder request = QueryRequest.builder()
                                .tableName(TABLE)
                                .keyConditionExpression(condition.getKey())
                                .expressionAttributeValues(values)
                                .consistentRead(true)
                                .scanIndexForward(forward)
                                .limit(limit);
                        assertEquals(
                                pages(motoItself, request),
                                pages(patched, request),
                                condition.getKey() + " " + partition + " forward=" + forward + " limit=" + limit);
                        sequences++;
                    }
                }
            }
        }
        assertTrue(sequences == 60, "compared " + sequences + " query sequences");
    }

    private int compareAll() {
        List<Map.Entry<String, Map<String, AttributeValue>>> conditions = List.of(
                Map.entry("project_id = :p", Map.of()),
                Map.entry(
                        "project_id = :p AND created_key BETWEEN :a AND :b",
                        Map.of(":a", s("2026-01-05"), ":b", s("2026-01-19"))),
                Map.entry("project_id = :p AND created_key >= :a", Map.of(":a", s("2026-01-10#1"))),
                Map.entry("project_id = :p AND created_key > :a", Map.of(":a", s("2026-01-10#1"))),
                Map.entry("project_id = :p AND created_key < :a", Map.of(":a", s("2026-01-10#1"))),
                Map.entry("project_id = :p AND created_key <= :a", Map.of(":a", s("2026-01-10#1"))),
                Map.entry("project_id = :p AND created_key = :a", Map.of(":a", s("2026-01-10#1"))),
                Map.entry("project_id = :p AND begins_with(created_key, :a)", Map.of(":a", s("2026-01-1"))),
                Map.entry(
                        "project_id = :p AND created_key BETWEEN :a AND :b", Map.of(":a", s("2027"), ":b", s("2028"))));
        int sequences = 0;
        for (var condition : conditions) {
            for (String project : List.of("0", "5")) {
                for (boolean forward : List.of(true, false)) {
                    for (Integer limit : java.util.Arrays.asList(null, 7)) {
                        for (boolean filtered : List.of(false, true)) {
                            Map<String, AttributeValue> values = new HashMap<>(condition.getValue());
                            values.put(":p", AttributeValue.fromN(project));
                            QueryRequest.Builder request = QueryRequest.builder()
                                    .tableName(TABLE)
                                    .indexName(INDEX)
                                    .keyConditionExpression(condition.getKey())
                                    .scanIndexForward(forward)
                                    .limit(limit);
                            if (filtered) {
                                values.put(":v", AttributeValue.fromN("6"));
                                request.filterExpression("v < :v").projectionExpression("pk, sk, created_key");
                            }
                            request.expressionAttributeValues(values);
                            String what = condition.getKey() + " p=" + project + " forward=" + forward + " limit="
                                    + limit + " filtered=" + filtered;
                            assertEquals(pages(motoItself, request), pages(patched, request), what);
                            sequences++;
                        }
                    }
                }
            }
        }
        return sequences;
    }

    /** Every page to the end: its items, Count, ScannedCount and LastEvaluatedKey. */
    private static List<List<Object>> pages(LocalAwsEndpoint endpoint, QueryRequest.Builder request) {
        List<List<Object>> pages = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page =
                    endpoint.dynamoDb().query(request.exclusiveStartKey(start).build());
            pages.add(List.of(page.items(), page.count(), page.scannedCount(), page.lastEvaluatedKey()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && pages.size() < 400);
        request.exclusiveStartKey(null);
        return pages;
    }

    /** Items i (included) to to (excluded): a few dozen partitions of the table, three projects, shared sort keys. */
    private void write(int from, int to) {
        Random random = new Random(from);
        for (int i = from; i < to; i++) {
            Map<String, AttributeValue> item = new HashMap<>(key(i));
            item.put("v", AttributeValue.fromN(Integer.toString(i % 13)));
            if (i % 17 != 0) {
                item.put("project_id", AttributeValue.fromN(Integer.toString(i % 3)));
            }
            if (i % 11 != 0) {
                item.put("created_key", s(String.format("2026-01-%02d#%d", 1 + random.nextInt(28), random.nextInt(3))));
            }
            patched.dynamoDb().putItem(put -> put.tableName(TABLE).item(item));
            motoItself.dynamoDb().putItem(put -> put.tableName(TABLE).item(item));
        }
    }

    private static Map<String, AttributeValue> key(int i) {
        return Map.of("pk", s(String.format("k%03d", (i * 37) % 100)), "sk", s("s" + i));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(type)
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
