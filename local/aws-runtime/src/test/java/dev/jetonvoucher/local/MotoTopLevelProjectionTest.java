package dev.jetonvoucher.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * moto_launcher.py's "top-level-projection" change projects an item on just the attributes a projection names when
 * every name is a top-level attribute: every answer must be the one moto itself gives. The same random items (every kind
 * of value, numbers written as DynamoDB takes them but Python would write otherwise) go to a moto with the change and to
 * one without it; then the raw JSON of each projecting read must be the same document from both: queries of a
 * KEYS_ONLY, an INCLUDE and an ALL index, and ProjectionExpressions on GetItem, BatchGetItem, Query and Scan with
 * aliased, repeated and missing names, and with nested paths and list indexes, which the change leaves to moto.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MotoTopLevelProjectionTest {

    private static final String TABLE = "top-level-projection";
    private static final String CHANGE = "top-level-projection";
    private static final int ITEMS = 36;

    private LocalAwsEndpoint patched;
    private LocalAwsEndpoint motoItself;

    @BeforeAll
    void start() {
        patched = LocalAwsEndpoint.startMoto();
        motoItself = LocalAwsEndpoint.startMoto(Set.of(CHANGE));
        assertTrue(patched.motoPatches().contains(CHANGE), "the change under test did not apply");
        assertFalse(motoItself.motoPatches().contains(CHANGE), "the change was not left out");
        String createTable = "{\"TableName\":\"" + TABLE + "\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                + "{\"AttributeName\":\"sk\",\"AttributeType\":\"S\"},"
                + "{\"AttributeName\":\"project_id\",\"AttributeType\":\"N\"},"
                + "{\"AttributeName\":\"created_key\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
                + "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
                + "\"GlobalSecondaryIndexes\":["
                + index("keys-only", "{\"ProjectionType\":\"KEYS_ONLY\"}") + ","
                + index("include", "{\"ProjectionType\":\"INCLUDE\",\"NonKeyAttributes\":[\"a0\",\"a3\",\"n\"]}") + ","
                + index("all", "{\"ProjectionType\":\"ALL\"}") + "]}";
        SplittableRandom random = new SplittableRandom(18);
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
    void every_projected_answer_is_the_one_moto_itself_gives() {
        List<String[]> requests = new ArrayList<>();
        for (String index : List.of("keys-only", "include", "all")) {
            for (int project = 0; project < 3; project++) {
                requests.add(query(index, project, ""));
            }
        }
        requests.add(query("all", 1, ",\"ProjectionExpression\":\"#a, a3, n, pk, missing\""));
        requests.add(query("all", 2, ",\"ProjectionExpression\":\"a0, #a, sk, a0\""));
        requests.add(query("keys-only", 0, ",\"ProjectionExpression\":\"created_key, pk\""));
        requests.add(query("all", 0, ",\"ProjectionExpression\":\"nested.m1, listed[1], sk\""));
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < ITEMS; i++) {
            requests.add(new String[] {
                "GetItem",
                "{\"TableName\":\"" + TABLE + "\",\"Key\":" + MotoWire.key(i)
                        + ",\"ProjectionExpression\":\"n, a1, #b\"," + "\"ExpressionAttributeNames\":{\"#b\":\"a2\"}}"
            });
            requests.add(new String[] {
                "GetItem",
                "{\"TableName\":\"" + TABLE + "\",\"Key\":" + MotoWire.key(i)
                        + ",\"ProjectionExpression\":\"nested.m2, listed[0], n\"}"
            });
            keys.append(i == 0 ? "" : ",").append(MotoWire.key(i));
        }
        requests.add(new String[] {
            "BatchGetItem",
            "{\"RequestItems\":{\"" + TABLE + "\":{\"Keys\":[" + keys + "],\"ProjectionExpression\":\"pk, sk, a4\"}}}"
        });
        requests.add(new String[] {
            "Query",
            "{\"TableName\":\"" + TABLE + "\",\"KeyConditionExpression\":\"pk = :pk\","
                    + "\"ExpressionAttributeValues\":{\":pk\":{\"S\":\"p3\"}},\"ProjectionExpression\":\"a6, sk, n\"}"
        });
        requests.add(new String[] {"Scan", "{\"TableName\":\"" + TABLE + "\",\"ProjectionExpression\":\"a5, n, a7\"}"});
        MotoWire.assertSameAnswers(motoItself, patched, requests);
        String projected = MotoWire.call(patched, "Scan", requests.get(requests.size() - 1)[1])
                .toString();
        assertTrue(projected.contains("SS") && projected.contains("1E+2"), "sets and rewritten numbers were compared");
    }

    private static String index(String name, String projection) {
        return "{\"IndexName\":\"" + name + "\",\"KeySchema\":[{\"AttributeName\":\"project_id\",\"KeyType\":\"HASH\"},"
                + "{\"AttributeName\":\"created_key\",\"KeyType\":\"RANGE\"}],\"Projection\":" + projection + "}";
    }

    private static String[] query(String index, int project, String more) {
        return new String[] {
            "Query",
            "{\"TableName\":\"" + TABLE + "\",\"IndexName\":\"" + index + "\","
                    + "\"KeyConditionExpression\":\"project_id = :p AND created_key BETWEEN :from AND :to\","
                    + "\"ExpressionAttributeValues\":{\":p\":{\"N\":\"" + project + "\"},"
                    + "\":from\":{\"S\":\"2025-01-03\"},\":to\":{\"S\":\"2025-01-09\"}}"
                    + (more.contains("#a") ? ",\"ExpressionAttributeNames\":{\"#a\":\"a0\"}" : "") + more + "}"
        };
    }

    /**
     * An item with random attributes of every kind, and a number "n" that Python's decimals write back otherwise
     * ("1e2" as "1E+2", "-0.10" as it is, a 38-digit one).
     */
    private static String randomItem(SplittableRandom random, int i) {
        StringBuilder item = MotoWire.itemOfProject(i);
        item.append(",\"created_key\":{\"S\":\"2025-01-")
                .append(String.format("%02d", 1 + i % 10))
                .append("#");
        item.append(i).append("\"}");
        item.append(",\"n\":{\"N\":\"")
                .append(List.of("1e2", "-0.10", "12345678901234567890123456789012345678", "7")
                        .get(i % 4))
                .append("\"}");
        // moto answers a nested path only into a map or list it finds there (a string there is an internal error)
        item.append(",\"nested\":{\"M\":{\"m1\":{\"S\":\"x").append(i).append("\"},\"m2\":{\"SS\":[\"b\",\"a\"]}}}");
        item.append(",\"listed\":{\"L\":[{\"N\":\"").append(i).append("\"},{\"BOOL\":true}]}");
        for (int a = 0; a < 8; a++) {
            if (random.nextInt(4) != 0) {
                item.append(",\"a").append(a).append("\":").append(MotoWire.randomValue(random, 3));
            }
        }
        return item.append("}").toString();
    }
}
