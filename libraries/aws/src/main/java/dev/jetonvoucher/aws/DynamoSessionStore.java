package dev.jetonvoucher.aws;

import static dev.jetonvoucher.aws.Items.n;
import static dev.jetonvoucher.aws.Items.names;
import static dev.jetonvoucher.aws.Items.s;

import dev.jetonvoucher.session.SessionStore;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link SessionStore} on the DashboardSessionsTable: one item per open session, key {@code pk} =
 * {@code session#<id>}, with {@code project_id} and {@code expires_at} (epoch seconds, the table's TTL attribute,
 * so DynamoDB deletes expired sessions by itself). Revoking deletes the item. Checking a session is one consistent
 * GetItem; an expired item that TTL has not deleted yet is still refused by its {@code expires_at}.
 */
public final class DynamoSessionStore implements SessionStore {

    static final String EXPIRES_AT = "expires_at";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoSessionStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void open(String sessionId, long projectId, Instant expiresAt) {
        String fresh = "attribute_not_exists(#pk)";
        dynamoDb.putItem(request -> request.tableName(table)
                .item(Map.of(
                        "pk", s(key(sessionId)), "project_id", n(projectId), EXPIRES_AT, n(expiresAt.getEpochSecond())))
                .conditionExpression(fresh)
                .expressionAttributeNames(names(fresh)));
    }

    @Override
    public boolean isOpen(String sessionId, long projectId, Instant now) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table)
                        .key(Map.of("pk", s(key(sessionId))))
                        .consistentRead(true))
                .item();
        return item != null
                && !item.isEmpty()
                && Items.number(item, "project_id") == projectId
                && now.getEpochSecond() < Items.number(item, EXPIRES_AT);
    }

    @Override
    public void revoke(String sessionId) {
        dynamoDb.deleteItem(request -> request.tableName(table).key(Map.of("pk", s(key(sessionId)))));
    }

    private static String key(String sessionId) {
        return "session#" + sessionId;
    }
}
