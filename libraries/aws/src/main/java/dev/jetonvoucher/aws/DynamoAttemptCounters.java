package dev.jetonvoucher.aws;

import static dev.jetonvoucher.aws.Items.n;
import static dev.jetonvoucher.aws.Items.names;
import static dev.jetonvoucher.aws.Items.s;
import static dev.jetonvoucher.aws.Items.values;

import dev.jetonvoucher.session.AttemptCounters;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link AttemptCounters} on the DashboardSessionsTable, next to the sessions: one item per counter, key
 * {@code pk} = {@code attempts#<name>}, changed by an atomic {@code ADD} that returns the new value (no read before
 * the write, so concurrent attempts never count the same value twice); {@code expires_at} is the TTL.
 */
public final class DynamoAttemptCounters implements AttemptCounters {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoAttemptCounters(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public long add(String counter, long delta, Instant expiresAt) {
        String update = "ADD #count :delta SET #" + DynamoSessionStore.EXPIRES_AT + " = :expires";
        Map<String, AttributeValue> updated = dynamoDb.updateItem(request -> request.tableName(table)
                        .key(Map.of("pk", s("attempts#" + counter)))
                        .updateExpression(update)
                        .expressionAttributeNames(names(update))
                        .expressionAttributeValues(
                                values(":delta", n(delta), ":expires", n(expiresAt.getEpochSecond())))
                        .returnValues(ReturnValue.ALL_NEW))
                .attributes();
        return Items.number(updated, "count");
    }
}
