package dev.jetonvoucher.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
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
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * moto_launcher.py's "simple-updates" change applies plain UpdateExpressions (SET / REMOVE / ADD of top-level
 * attributes named by placeholders) without moto's expression machinery: every answer must be moto's own. The same
 * random updates go to a moto with the change and to one without it: the same answer (the attributes asked back, or
 * the same error code and message) for each, and the same table at the end. Among them: plain updates with and without
 * conditions that hold or fail, absent items, ADD to a missing, a number or a string attribute, and what the change
 * leaves to moto (a key attribute, an index key, an attribute named twice, a clause twice, a missing placeholder, sets,
 * functions, arithmetic, nested paths).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MotoSimpleUpdatesTest {

    private static final String TABLE = "simple-updates";

    private LocalAwsEndpoint patched;
    private LocalAwsEndpoint motoItself;

    @BeforeAll
    void start() {
        patched = LocalAwsEndpoint.startMoto();
        motoItself = LocalAwsEndpoint.startMoto(java.util.Set.of("simple-updates"));
        assertTrue(patched.motoPatches().contains("simple-updates"), "the change under test did not apply");
        assertTrue(!motoItself.motoPatches().contains("simple-updates"), "the change was not left out");
        for (DynamoDbClient dynamoDb : List.of(patched.dynamoDb(), motoItself.dynamoDb())) {
            dynamoDb.createTable(table -> table.tableName(TABLE)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            attribute("pk", ScalarAttributeType.S),
                            attribute("sk", ScalarAttributeType.S),
                            attribute("project_id", ScalarAttributeType.N))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                            .indexName("by-project")
                            .keySchema(key("project_id", KeyType.HASH), key("sk", KeyType.RANGE))
                            .projection(Projection.builder()
                                    .projectionType(ProjectionType.ALL)
                                    .build())
                            .build()));
        }
    }

    @AfterAll
    void stop() {
        patched.close();
        motoItself.close();
    }

    /** An update expression with the placeholders it uses. */
    private record Shape(String expression, List<String> names, List<String> values) {}

    private static final List<Shape> SHAPES = List.of(
            new Shape("SET #a = :s", List.of("a"), List.of("s")),
            new Shape("SET #a = :s, #b = :n, #c = :map", List.of("a", "b", "c"), List.of("s", "n", "map")),
            new Shape("set #b = :n remove #a", List.of("b", "a"), List.of("n")),
            new Shape("REMOVE #a, #c", List.of("a", "c"), List.of()),
            new Shape("ADD #count :one, #amount :n", List.of("count", "amount"), List.of("one", "n")),
            new Shape("ADD #a :one", List.of("a"), List.of("one")),
            new Shape(
                    "SET #flag = :true, #list = :list ADD #count :minus",
                    List.of("flag", "list", "count"),
                    List.of("true", "list", "minus")),
            new Shape(
                    "ADD #count :one SET #null = :null REMOVE #b",
                    List.of("count", "null", "b"),
                    List.of("one", "null")),
            // what the change leaves to moto
            new Shape("SET #pk = :s", List.of("pk"), List.of("s")),
            new Shape("SET #project_id = :n", List.of("project_id"), List.of("n")),
            new Shape("SET #project_id = :s", List.of("project_id"), List.of("s")),
            new Shape("SET #a = :s, #a = :n", List.of("a"), List.of("s", "n")),
            new Shape("SET #a = :s SET #b = :n", List.of("a", "b"), List.of("s", "n")),
            new Shape("SET #a = :missing", List.of("a"), List.of()),
            new Shape("ADD #tags :set", List.of("tags"), List.of("set")),
            new Shape("ADD #a :s", List.of("a"), List.of("s")),
            new Shape("SET #count = if_not_exists(#count, :one) + :n", List.of("count"), List.of("one", "n")),
            new Shape("SET #c.#a = :s", List.of("c", "a"), List.of("s")),
            new Shape("SET b = :n", List.of(), List.of("n")));

    private static final List<String> CONDITIONS =
            List.of("", "attribute_exists(#pk)", "attribute_not_exists(#pk)", "#count > :zero", "#a = :s");

    @Test
    void every_update_is_answered_as_moto_itself_answers_it() {
        SplittableRandom random = new SplittableRandom(42);
        int compared = 0;
        for (int i = 0; i < 700; i++) {
            UpdateItemRequest request = randomUpdate(random, i);
            assertEquals(answer(motoItself, request), answer(patched, request), "update " + i + ": " + request);
            compared++;
        }
        assertEquals(table(motoItself), table(patched), "the table after " + compared + " updates");
    }

    private static UpdateItemRequest randomUpdate(SplittableRandom random, int i) {
        Shape shape = SHAPES.get(random.nextInt(SHAPES.size()));
        String condition = CONDITIONS.get(random.nextInt(CONDITIONS.size()));
        Map<String, String> names = new LinkedHashMap<>();
        shape.names().forEach(name -> names.put("#" + name, name));
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        shape.values().forEach(value -> values.put(":" + value, value(value, random)));
        if (condition.contains("#pk")) {
            names.put("#pk", "pk");
        }
        if (condition.contains("#count")) {
            names.put("#count", "count");
            values.put(":zero", AttributeValue.fromN("0"));
        }
        if (condition.contains("#a")) {
            names.put("#a", "a");
            values.putIfAbsent(":s", value("s", random));
        }
        UpdateItemRequest.Builder request = UpdateItemRequest.builder()
                .tableName(TABLE)
                .key(Map.of(
                        "pk", AttributeValue.fromS("p" + random.nextInt(12)),
                        "sk", AttributeValue.fromS("s" + random.nextInt(2))))
                .updateExpression(shape.expression())
                .returnValues(
                        List.of(ReturnValue.NONE, ReturnValue.ALL_NEW, ReturnValue.UPDATED_OLD, ReturnValue.ALL_OLD)
                                .get(random.nextInt(4)));
        if (!names.isEmpty()) {
            request.expressionAttributeNames(names);
        }
        if (!values.isEmpty()) {
            request.expressionAttributeValues(values);
        }
        if (!condition.isEmpty()) {
            request.conditionExpression(condition);
            if (random.nextBoolean()) {
                request.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
            }
        }
        return request.build();
    }

    private static AttributeValue value(String name, SplittableRandom random) {
        return switch (name) {
            case "s" -> AttributeValue.fromS(random.nextBoolean() ? "x" : "text " + random.nextInt(5));
            case "n" ->
                AttributeValue.fromN(
                        List.of("7", "-3", "2.50", "1000000000000", "0.1").get(random.nextInt(5)));
            case "one" -> AttributeValue.fromN("1");
            case "minus" -> AttributeValue.fromN("-1");
            case "true" -> AttributeValue.fromBool(true);
            case "null" -> AttributeValue.fromNul(true);
            case "map" -> AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v"), "n", AttributeValue.fromN("1")));
            case "list" -> AttributeValue.fromL(List.of(AttributeValue.fromS("a"), AttributeValue.fromN("2")));
            case "set" -> AttributeValue.fromSs(List.of("red", "blue"));
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The attributes answered, or the error's code and message. */
    private static Object answer(LocalAwsEndpoint endpoint, UpdateItemRequest request) {
        try {
            UpdateItemResponse response = endpoint.dynamoDb().updateItem(request);
            return response.hasAttributes() ? new TreeMap<>(response.attributes()) : "no attributes";
        } catch (DynamoDbException e) {
            Object item =
                    e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            return List.of(
                    String.valueOf(item), String.valueOf(e.awsErrorDetails().errorMessage()));
        }
    }

    private static List<Map<String, AttributeValue>> table(LocalAwsEndpoint endpoint) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        endpoint.dynamoDb()
                .scanPaginator(r -> r.tableName(TABLE))
                .items()
                .forEach(item -> items.add(new TreeMap<>(item)));
        items.sort(Comparator.comparing(
                item -> item.get("pk").s() + "/" + item.get("sk").s()));
        return items;
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
