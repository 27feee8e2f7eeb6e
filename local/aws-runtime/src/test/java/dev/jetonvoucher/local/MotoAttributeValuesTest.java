package dev.jetonvoucher.local;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * moto_launcher.py's "attribute-values" change writes an item's attribute values as moto keeps them instead of walking
 * botocore's shape of each: every answer must be the one moto itself writes. The same random items (strings with
 * quotes, backslashes and non-ASCII, numbers, booleans, nulls, nested maps and lists, string and number sets, and
 * binary values, which the change leaves to moto) go to a moto with the change and to one without it; then the raw JSON
 * of each read and write that answers items (GetItem, BatchGetItem, Query on the table and an index, Scan,
 * TransactGetItems, UpdateItem and DeleteItem asking for values, a refused condition asking for the old item) must be
 * the same document from both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MotoAttributeValuesTest {

    private static final String TABLE = "attribute-values";
    private static final int ITEMS = 40;

    private LocalAwsEndpoint patched;
    private LocalAwsEndpoint motoItself;

    @BeforeAll
    void start() {
        patched = LocalAwsEndpoint.startMoto();
        motoItself = LocalAwsEndpoint.startMoto(Set.of("attribute-values"));
        assertTrue(patched.motoPatches().contains("attribute-values"), "the change under test did not apply");
        assertTrue(!motoItself.motoPatches().contains("attribute-values"), "the change was not left out");
        String createTable = "{\"TableName\":\"" + TABLE + "\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                + "{\"AttributeName\":\"sk\",\"AttributeType\":\"S\"},"
                + "{\"AttributeName\":\"project_id\",\"AttributeType\":\"N\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
                + "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
                + "\"GlobalSecondaryIndexes\":[{\"IndexName\":\"by-project\","
                + "\"KeySchema\":[{\"AttributeName\":\"project_id\",\"KeyType\":\"HASH\"},"
                + "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
                + "\"Projection\":{\"ProjectionType\":\"ALL\"}}]}";
        SplittableRandom random = new SplittableRandom(16);
        List<String> puts = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            puts.add("{\"TableName\":\"" + TABLE + "\",\"Item\":" + randomItem(random, i) + "}");
        }
        MotoWire.createAndPut(List.of(patched, motoItself), createTable, puts);
    }

    @AfterAll
    void stop() {
        patched.close();
        motoItself.close();
    }

    @Test
    void every_answer_that_holds_items_is_the_one_moto_itself_writes() {
        List<String[]> requests = new ArrayList<>();
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < ITEMS; i++) {
            requests.add(new String[] {"GetItem", "{\"TableName\":\"" + TABLE + "\",\"Key\":" + MotoWire.key(i) + "}"});
            keys.append(i == 0 ? "" : ",").append(MotoWire.key(i));
        }
        requests.add(new String[] {"BatchGetItem", "{\"RequestItems\":{\"" + TABLE + "\":{\"Keys\":[" + keys + "]}}}"});
        requests.add(new String[] {
            "Query",
            "{\"TableName\":\"" + TABLE + "\",\"KeyConditionExpression\":\"pk = :pk\","
                    + "\"ExpressionAttributeValues\":{\":pk\":{\"S\":\"p3\"}}}"
        });
        requests.add(new String[] {
            "Query",
            "{\"TableName\":\"" + TABLE
                    + "\",\"IndexName\":\"by-project\",\"KeyConditionExpression\":\"project_id = :p\","
                    + "\"ExpressionAttributeValues\":{\":p\":{\"N\":\"1\"}},\"Limit\":7}"
        });
        requests.add(new String[] {"Scan", "{\"TableName\":\"" + TABLE + "\"}"});
        requests.add(new String[] {
            "TransactGetItems",
            "{\"TransactItems\":[{\"Get\":{\"TableName\":\"" + TABLE + "\",\"Key\":" + MotoWire.key(1) + "}},"
                    + "{\"Get\":{\"TableName\":\"" + TABLE + "\",\"Key\":" + MotoWire.key(2) + "}}]}"
        });
        requests.add(new String[] {
            "UpdateItem",
            "{\"TableName\":\"" + TABLE + "\",\"Key\":" + MotoWire.key(5) + ",\"UpdateExpression\":\"SET #n = :v\","
                    + "\"ExpressionAttributeNames\":{\"#n\":\"added\"},"
                    + "\"ExpressionAttributeValues\":{\":v\":{\"M\":{\"l\":{\"L\":[{\"S\":\"é\\\"\"},{\"NULL\":true}]}}}},"
                    + "\"ReturnValues\":\"ALL_NEW\"}"
        });
        requests.add(new String[] {
            "PutItem",
            "{\"TableName\":\"" + TABLE + "\",\"Item\":" + randomItem(new SplittableRandom(7), 6)
                    + ",\"ReturnValues\":\"ALL_OLD\"}"
        });
        requests.add(new String[] {
            "UpdateItem",
            "{\"TableName\":\"" + TABLE + "\",\"Key\":" + MotoWire.key(8) + ",\"UpdateExpression\":\"SET #n = :v\","
                    + "\"ConditionExpression\":\"attribute_not_exists(pk)\",\"ExpressionAttributeNames\":{\"#n\":\"x\"},"
                    + "\"ExpressionAttributeValues\":{\":v\":{\"S\":\"y\"}},"
                    + "\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}"
        });
        requests.add(new String[] {
            "DeleteItem",
            "{\"TableName\":\"" + TABLE + "\",\"Key\":" + MotoWire.key(9) + ",\"ReturnValues\":\"ALL_OLD\"}"
        });
        MotoWire.assertSameAnswers(motoItself, patched, requests);
        Object scanned = MotoWire.call(patched, "Scan", "{\"TableName\":\"" + TABLE + "\"}");
        assertTrue(
                scanned.toString().contains("\"B\"") || scanned.toString().contains("B="),
                "binary values were compared too");
    }

    /** An item of the table with random attributes of every kind, as DynamoDB JSON. */
    private static String randomItem(SplittableRandom random, int i) {
        StringBuilder item = MotoWire.itemOfProject(i);
        int attributes = 1 + random.nextInt(8);
        for (int a = 0; a < attributes; a++) {
            item.append(",\"a").append(a).append("\":").append(MotoWire.randomValue(random, 3));
        }
        return item.append("}").toString();
    }
}
