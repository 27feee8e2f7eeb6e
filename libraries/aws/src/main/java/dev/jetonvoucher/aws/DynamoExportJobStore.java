package dev.jetonvoucher.aws;

import static dev.jetonvoucher.aws.Items.instant;
import static dev.jetonvoucher.aws.Items.n;
import static dev.jetonvoucher.aws.Items.names;
import static dev.jetonvoucher.aws.Items.s;

import dev.jetonvoucher.export.ExportJob;
import dev.jetonvoucher.export.ExportJobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link ExportJobStore} on the DashboardSessionsTable, beside the sessions that request the exports: one item per
 * job, key {@code pk} = {@code export#<id>} (sessions are {@code session#<id>}), with {@code expires_at} (the
 * table's TTL attribute) set to when the export bucket's lifecycle rule deletes the file, so a job record and its
 * file go away together. Progress never reopens a finished job (a condition on {@code status}).
 */
public final class DynamoExportJobStore implements ExportJobStore {

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Duration kept;

    /** @param kept how long a job is kept after it is requested (the export bucket's expiry) */
    public DynamoExportJobStore(DynamoDbClient dynamoDb, String table, Duration kept) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.kept = kept;
    }

    @Override
    public void create(ExportJob job) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(key(job.id())));
        item.put("project_id", n(job.projectId()));
        item.put("format", s(job.format()));
        item.put("query", s(job.query()));
        item.put("file_name", s(job.fileName()));
        item.put("status", s(job.status().name()));
        item.put("rows", n(job.rows()));
        Items.putIfPresent(item, "error", job.error());
        item.put("created_at", instant(job.createdAt()));
        item.put("updated_at", instant(job.updatedAt()));
        item.put(DynamoSessionStore.EXPIRES_AT, n(job.createdAt().plus(kept).getEpochSecond()));
        String fresh = "attribute_not_exists(#pk)";
        try {
            dynamoDb.putItem(request -> request.tableName(table)
                    .item(item)
                    .conditionExpression(fresh)
                    .expressionAttributeNames(names(fresh)));
        } catch (ConditionalCheckFailedException exists) {
            throw new IllegalStateException("export job " + job.id() + " exists already", exists);
        }
    }

    @Override
    public Optional<ExportJob> find(String id) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request ->
                        request.tableName(table).key(Map.of("pk", s(key(id)))).consistentRead(true))
                .item();
        return job(id, item);
    }

    @Override
    public Optional<ExportJob> start(String id, Instant at) {
        return running(id, 0, at, ReturnValue.ALL_NEW);
    }

    /** The job of a stored item, empty for no item. */
    private static Optional<ExportJob> job(String id, Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ExportJob(
                id,
                Items.number(item, "project_id"),
                Items.requiredString(item, "format"),
                Items.requiredString(item, "query"),
                Items.requiredString(item, "file_name"),
                ExportJob.Status.valueOf(Items.requiredString(item, "status")),
                Items.numberOrZero(item, "rows"),
                Items.string(item, "error"),
                Items.requiredInstant(item, "created_at"),
                Items.requiredInstant(item, "updated_at")));
    }

    @Override
    public void progress(String id, long rows, Instant at) {
        // a late progress report of a job already done or failed changes nothing
        running(id, rows, at, ReturnValue.NONE);
    }

    /**
     * A queued or running job marked running with {@code rows} written; a finished or absent one is left alone.
     *
     * @return the job as it now is when {@code returned} is ALL_NEW; empty when it was finished or absent
     */
    private Optional<ExportJob> running(String id, long rows, Instant at, ReturnValue returned) {
        return conditionalUpdate(
                id,
                "SET #status = :running, #rows = :rows, #updated_at = :at",
                "#status IN (:queued, :running)",
                Map.of(
                        ":running",
                        s(ExportJob.Status.RUNNING.name()),
                        ":queued",
                        s(ExportJob.Status.QUEUED.name()),
                        ":rows",
                        n(rows),
                        ":at",
                        instant(at)),
                returned);
    }

    @Override
    public Optional<ExportJob> done(String id, long rows, Instant at) {
        return finish(
                id,
                "SET #status = :status, #rows = :rows, #updated_at = :at REMOVE #error",
                Map.of(":status", s(ExportJob.Status.DONE.name()), ":rows", n(rows), ":at", instant(at)));
    }

    @Override
    public Optional<ExportJob> failed(String id, String error, Instant at) {
        return finish(
                id,
                "SET #status = :status, #error = :error, #updated_at = :at",
                Map.of(":status", s(ExportJob.Status.FAILED.name()), ":error", s(error), ":at", instant(at)));
    }

    /** A job that expired meanwhile is left gone: nobody is left to read its outcome. */
    private Optional<ExportJob> finish(String id, String update, Map<String, AttributeValue> values) {
        return conditionalUpdate(id, update, "attribute_exists(#pk)", values, ReturnValue.ALL_NEW);
    }

    /**
     * One UpdateItem of the job under {@code condition}.
     *
     * @return the job as it now is when {@code returned} is ALL_NEW; empty when the condition did not hold
     */
    private Optional<ExportJob> conditionalUpdate(
            String id, String update, String condition, Map<String, AttributeValue> values, ReturnValue returned) {
        try {
            return job(
                    id,
                    dynamoDb.updateItem(request -> request.tableName(table)
                                    .key(Map.of("pk", s(key(id))))
                                    .updateExpression(update)
                                    .conditionExpression(condition)
                                    .expressionAttributeNames(names(update, condition))
                                    .expressionAttributeValues(values)
                                    .returnValues(returned))
                            .attributes());
        } catch (ConditionalCheckFailedException conditionFailed) {
            return Optional.empty();
        }
    }

    private static String key(String id) {
        return "export#" + id;
    }
}
