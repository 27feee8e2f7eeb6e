package dev.jetonvoucher.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * What moto_launcher.py changes in moto's serving fits the installed moto. The answers themselves are the
 * round-trip suite's business ({@link MotoRoundTripTest}: queue counts, transaction rollback), and what the changes
 * are for (speed) is measured by bench/, never asserted here: see bench/analysis.md.
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

    /**
     * moto lists every object of its model classes that it ever made (for its /moto-api/data.json dashboard), and a
     * transaction's backup is a copy of the table holding a copy of its key index: each transaction kept one, and a
     * seed of 14,000 payments took moto to 20 GB. With "untracked-models" a transaction leaves no DynamoDB object
     * behind. The same data.json, counted before and after 40 transactions and their writes.
     */
    @Test
    void a_transaction_leaves_no_object_behind() throws Exception {
        DynamoDbClient dynamoDb = moto.dynamoDb();
        dynamoDb.createTable(table -> table.tableName("retained")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("pk")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName("pk")
                        .keyType(KeyType.HASH)
                        .build()));
        int before = dynamoDbObjects();
        for (int i = 0; i < 40; i++) {
            Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("item-" + i));
            dynamoDb.transactWriteItems(transaction -> transaction.transactItems(
                    TransactWriteItem.builder()
                            .put(put -> put.tableName("retained").item(item))
                            .build(),
                    TransactWriteItem.builder()
                            .update(update -> update.tableName("retained")
                                    .key(Map.of("pk", AttributeValue.fromS("counter")))
                                    .updateExpression("ADD n :one")
                                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))))
                            .build()));
        }
        assertEquals(
                41, dynamoDb.scan(scan -> scan.tableName("retained")).count(), "the transactions were not all written");
        assertEquals(before, dynamoDbObjects(), "moto keeps DynamoDB objects made by the transactions");
    }

    /** How many DynamoDB model objects (tables, items, indexes...) moto lists in its data.json. */
    private int dynamoDbObjects() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(moto.endpoint().resolve("/moto-api/data.json"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode dynamodb =
                JsonNode.parser().parse(response.body()).field("dynamodb").orElse(null);
        if (dynamodb == null) {
            return 0;
        }
        return dynamodb.asObject().values().stream()
                .mapToInt(objects -> objects.asArray().size())
                .sum();
    }

    @Test
    void every_change_fits_the_installed_moto() {
        // A moto release that moves these internals leaves a change out (the launcher still starts): this says which.
        assertEquals(
                Set.of(
                        "module-list",
                        "sqs-scans",
                        "transaction-backup",
                        "untracked-models",
                        "index-query",
                        "simple-updates",
                        "attribute-values",
                        "top-level-projection",
                        "keep-alive",
                        "asked-capacity"),
                moto.motoPatches(),
                "moto_launcher.py could not apply all its changes to this moto; see the lines it printed");
    }
}
