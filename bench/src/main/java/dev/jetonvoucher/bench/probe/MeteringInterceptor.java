package dev.jetonvoucher.bench.probe;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The cost benchmark's meter: an SDK execution interceptor, registered globally (the SDK's
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} on the class path of the cost probe's JVM
 * only), that writes one line to {@link CostMeter} for every AWS call any client of that JVM makes.
 *
 * <p>DynamoDB's consumed capacity is computed from item sizes with DynamoDB's own rules, not asked of the endpoint
 * (moto answers {@code ReturnConsumedCapacity} with fixed made-up figures): the size of an item is the sum of its
 * attribute names' and values' lengths (a number: 1 byte per two significant digits plus 1; a list or map: 3 bytes
 * plus 1 per element plus its elements; a boolean or null: 1). A read costs 1 read request unit per 4 KB read (a
 * missing item or an empty query still 1), half of it eventually consistent, twice in a transaction; a write 1
 * write request unit per 1 KB of the larger of the item before and after it (a delete: the item before; a failed
 * condition: the item as it stands), twice in a transaction. The items before and after a write are read by a
 * client of the meter's own, not metered. A write that puts an item into a global secondary index, takes it out, or
 * changes an attribute the index projects (its keys, the table's keys, the projected attributes; every attribute for
 * ALL) also writes that index: 1 unit per 1 KB of the item's projection, 2 when the index key changes. A write that
 * changes only attributes the index does not project does not write it.
 */
public final class MeteringInterceptor implements ExecutionInterceptor {

    private static final ExecutionAttribute<List<Written>> WRITES = new ExecutionAttribute<>("cost.writes");
    private static final ExecutionAttribute<Long> SENT = new ExecutionAttribute<>("cost.sent");
    private static final ExecutionAttribute<Long> WIRE = new ExecutionAttribute<>("cost.wire");
    private static final ThreadLocal<Boolean> SIDE_CALL = ThreadLocal.withInitial(() -> false);
    private static final ThreadLocal<long[]> SPENT = ThreadLocal.withInitial(() -> new long[2]);
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
    private static volatile DynamoDbClient side;

    /** One item a write touches: its table, key, size before, and how a write of it is billed. */
    private static final class Written {
        final String table;
        final Map<String, AttributeValue> key;
        final boolean transactional;
        final boolean conditionOnly;
        Map<String, AttributeValue> before;

        Written(String table, Map<String, AttributeValue> key, boolean transactional, boolean conditionOnly) {
            this.table = table;
            this.key = key;
            this.transactional = transactional;
            this.conditionOnly = conditionOnly;
        }
    }

    /** An index: its key, and the attributes it projects beyond the keys (null: ALL). */
    private record Index(List<String> key, List<String> projected) {}

    private record Schema(List<String> key, List<Index> indexes) {}

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (SIDE_CALL.get()) {
            return;
        }
        List<Written> writes = writes(context.request());
        if (!writes.isEmpty()) {
            for (Written write : writes) {
                write.before = read(write.table, write.key);
            }
            attributes.putAttribute(WRITES, writes);
        }
    }

    /** The time on the wire: the request sent, the endpoint's answer received (side reads excluded). */
    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (!SIDE_CALL.get()) {
            attributes.putAttribute(SENT, System.nanoTime());
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        Long sent = attributes.getAttribute(SENT);
        if (!SIDE_CALL.get() && sent != null) {
            Long before = attributes.getAttribute(WIRE);
            attributes.putAttribute(WIRE, (before == null ? 0 : before) + System.nanoTime() - sent);
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (SIDE_CALL.get()) {
            return;
        }
        record(context.request(), context.response(), attributes, true);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (SIDE_CALL.get()) {
            return;
        }
        record(context.request(), null, attributes, false);
    }

    private void record(SdkRequest request, SdkResponse response, ExecutionAttributes attributes, boolean succeeded) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String thread = Thread.currentThread().getName();
        Long wireNanos = attributes.getAttribute(WIRE);
        String wire = Long.toString(wireNanos == null ? 0 : wireNanos);
        try {
            if ("DynamoDb".equals(service)) {
                double[] units = dynamoUnits(request, response, attributes.getAttribute(WRITES), succeeded);
                CostMeter.line(
                        "DDB", thread, operation, table(request), fmt(units[0]), fmt(units[1]), fmt(units[2]), wire);
            } else if ("Sqs".equals(service)) {
                String queue = queue(request);
                long bytes = 0;
                int messages = 0;
                if (request instanceof SendMessageRequest send) {
                    bytes = utf8(send.messageBody());
                    messages = 1;
                } else if (request instanceof SendMessageBatchRequest batch) {
                    bytes = batch.entries().stream()
                            .mapToLong(e -> utf8(e.messageBody()))
                            .sum();
                    messages = batch.entries().size();
                } else if (response instanceof ReceiveMessageResponse received) {
                    bytes = received.messages().stream()
                            .mapToLong(m -> utf8(m.body()))
                            .sum();
                    messages = received.messages().size();
                }
                long chunks = Math.max(1, (bytes + 65_535) / 65_536);
                CostMeter.line(
                        "SQS", thread, operation, queue, Long.toString(chunks), Integer.toString(messages), wire);
            } else {
                CostMeter.line("AWS", thread, service + "." + operation, "-");
            }
        } catch (RuntimeException e) {
            CostMeter.line("ERR", thread, service + "." + operation, e.toString());
        }
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static long utf8(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String queue(SdkRequest request) {
        return request.getValueForField("QueueUrl", String.class)
                .map(url -> url.substring(url.lastIndexOf('/') + 1))
                .orElse("-");
    }

    private static String table(SdkRequest request) {
        if (request instanceof TransactWriteItemsRequest transaction) {
            return transaction.transactItems().stream()
                    .map(MeteringInterceptor::tableOf)
                    .distinct()
                    .reduce((a, b) -> a + "+" + b)
                    .orElse("-");
        }
        if (request instanceof BatchGetItemRequest batch) {
            return String.join("+", batch.requestItems().keySet());
        }
        if (request instanceof BatchWriteItemRequest batch) {
            return String.join("+", batch.requestItems().keySet());
        }
        return request.getValueForField("TableName", String.class).orElse("-");
    }

    private static String tableOf(TransactWriteItem item) {
        if (item.put() != null) {
            return item.put().tableName();
        }
        if (item.update() != null) {
            return item.update().tableName();
        }
        if (item.delete() != null) {
            return item.delete().tableName();
        }
        return item.conditionCheck().tableName();
    }

    // ------------------------------------------------------------------ capacity

    /** @return read request units, write request units (table), write request units (indexes) */
    private static double[] dynamoUnits(
            SdkRequest request, SdkResponse response, List<Written> writes, boolean succeeded) {
        double read = 0;
        if (request instanceof GetItemRequest get) {
            long size = response instanceof GetItemResponse got && got.hasItem() ? size(got.item()) : 0;
            read = readUnits(size, Boolean.TRUE.equals(get.consistentRead()));
        } else if (request instanceof QueryRequest query) {
            long size = response instanceof QueryResponse answer
                    ? answer.items().stream()
                            .mapToLong(MeteringInterceptor::size)
                            .sum()
                    : 0;
            read = readUnits(size, Boolean.TRUE.equals(query.consistentRead()));
        } else if (request instanceof ScanRequest scan) {
            long size = response instanceof ScanResponse answer
                    ? answer.items().stream()
                            .mapToLong(MeteringInterceptor::size)
                            .sum()
                    : 0;
            read = readUnits(size, Boolean.TRUE.equals(scan.consistentRead()));
        } else if (request instanceof BatchGetItemRequest batch && response instanceof BatchGetItemResponse answer) {
            for (var entry : answer.responses().entrySet()) {
                boolean consistent = Boolean.TRUE.equals(
                        batch.requestItems().get(entry.getKey()).consistentRead());
                for (var item : entry.getValue()) {
                    read += readUnits(size(item), consistent);
                }
            }
        } else if (request instanceof TransactGetItemsRequest && response instanceof TransactGetItemsResponse got) {
            for (var item : got.responses()) {
                read += 2 * readUnits(item.hasItem() ? size(item.item()) : 0, true);
            }
        }
        double write = 0;
        double index = 0;
        if (writes != null) {
            for (Written written : writes) {
                Map<String, AttributeValue> after = read(written.table, written.key);
                long before = written.before == null ? 0 : size(written.before);
                long now = after == null ? 0 : size(after);
                if (written.conditionOnly) {
                    write += 2 * readUnits(before, true); // a transaction's condition check reads as a transaction
                    continue;
                }
                double units = Math.max(1, Math.ceil(Math.max(before, now) / 1024.0));
                write += written.transactional ? 2 * units : units;
                if (succeeded && !Objects.equals(written.before, after)) {
                    index += indexUnits(written.table, written.before, after);
                }
            }
        }
        return new double[] {read, write, index};
    }

    private static double readUnits(long bytes, boolean consistent) {
        double units = Math.max(1, Math.ceil(bytes / 4096.0));
        return consistent ? units : units / 2;
    }

    private static double indexUnits(
            String table, Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
        double units = 0;
        Schema schema = schema(table);
        for (Index index : schema.indexes()) {
            boolean wasIndexed = before != null && before.keySet().containsAll(index.key());
            boolean isIndexed = after != null && after.keySet().containsAll(index.key());
            if (!wasIndexed && !isIndexed) {
                continue;
            }
            Map<String, AttributeValue> projectedBefore = wasIndexed ? projection(schema, index, before) : null;
            Map<String, AttributeValue> projectedAfter = isIndexed ? projection(schema, index, after) : null;
            if (Objects.equals(projectedBefore, projectedAfter)) {
                continue; // only attributes the index does not hold changed
            }
            boolean keyChanged = wasIndexed
                    && isIndexed
                    && !index.key().stream().allMatch(name -> before.get(name).equals(after.get(name)));
            long size = size(isIndexed ? projectedAfter : projectedBefore);
            double entry = Math.max(1, Math.ceil(size / 1024.0));
            units += keyChanged ? 2 * entry : entry; // a changed index key: the old entry deleted, a new one put
        }
        return units;
    }

    /** What the index holds of an item: every attribute (ALL), or the table's and index's keys and its projection. */
    private static Map<String, AttributeValue> projection(
            Schema schema, Index index, Map<String, AttributeValue> item) {
        if (index.projected() == null) {
            return item;
        }
        Map<String, AttributeValue> projected = new HashMap<>();
        for (List<String> names : List.of(schema.key(), index.key(), index.projected())) {
            for (String name : names) {
                if (item.containsKey(name)) {
                    projected.put(name, item.get(name));
                }
            }
        }
        return projected;
    }

    private static List<Written> writes(SdkRequest request) {
        List<Written> writes = new ArrayList<>();
        if (request instanceof PutItemRequest put) {
            writes.add(new Written(put.tableName(), keyOf(put.tableName(), put.item()), false, false));
        } else if (request instanceof UpdateItemRequest update) {
            writes.add(new Written(update.tableName(), update.key(), false, false));
        } else if (request instanceof DeleteItemRequest delete) {
            writes.add(new Written(delete.tableName(), delete.key(), false, false));
        } else if (request instanceof BatchWriteItemRequest batch) {
            for (var entry : batch.requestItems().entrySet()) {
                for (WriteRequest write : entry.getValue()) {
                    Map<String, AttributeValue> key = write.putRequest() != null
                            ? keyOf(entry.getKey(), write.putRequest().item())
                            : write.deleteRequest().key();
                    writes.add(new Written(entry.getKey(), key, false, false));
                }
            }
        } else if (request instanceof TransactWriteItemsRequest transaction) {
            for (TransactWriteItem item : transaction.transactItems()) {
                if (item.put() != null) {
                    writes.add(new Written(
                            item.put().tableName(),
                            keyOf(item.put().tableName(), item.put().item()),
                            true,
                            false));
                } else if (item.update() != null) {
                    writes.add(
                            new Written(item.update().tableName(), item.update().key(), true, false));
                } else if (item.delete() != null) {
                    writes.add(
                            new Written(item.delete().tableName(), item.delete().key(), true, false));
                } else {
                    writes.add(new Written(
                            item.conditionCheck().tableName(),
                            item.conditionCheck().key(),
                            true,
                            true));
                }
            }
        }
        return writes;
    }

    private static Map<String, AttributeValue> keyOf(String table, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new HashMap<>();
        for (String name : schema(table).key()) {
            key.put(name, item.get(name));
        }
        return key;
    }

    private static Schema schema(String table) {
        return SCHEMAS.computeIfAbsent(
                table,
                name -> sideCall(() -> {
                    TableDescription description =
                            side().describeTable(r -> r.tableName(name)).table();
                    List<String> key = description.keySchema().stream()
                            .map(KeySchemaElement::attributeName)
                            .toList();
                    List<Index> indexes = new ArrayList<>();
                    if (description.hasGlobalSecondaryIndexes()) {
                        for (GlobalSecondaryIndexDescription index : description.globalSecondaryIndexes()) {
                            List<String> indexKey = index.keySchema().stream()
                                    .map(KeySchemaElement::attributeName)
                                    .toList();
                            ProjectionType type = index.projection() == null
                                    ? ProjectionType.ALL
                                    : index.projection().projectionType();
                            List<String> projected = type == ProjectionType.KEYS_ONLY
                                    ? List.of()
                                    : type == ProjectionType.INCLUDE
                                            ? index.projection().nonKeyAttributes()
                                            : null;
                            indexes.add(new Index(indexKey, projected));
                        }
                    }
                    return new Schema(key, indexes);
                }));
    }

    /** The item as it stands, read by the meter's own client (not metered); null when there is none. */
    private static Map<String, AttributeValue> read(String table, Map<String, AttributeValue> key) {
        return sideCall(() -> {
            var item = side().getItem(r -> r.tableName(table).key(key).consistentRead(true));
            return item.hasItem() && !item.item().isEmpty() ? item.item() : null;
        });
    }

    private static <T> T sideCall(java.util.function.Supplier<T> call) {
        boolean was = SIDE_CALL.get();
        SIDE_CALL.set(true);
        long started = System.nanoTime();
        long cpuStarted = THREADS.getCurrentThreadCpuTime();
        try {
            return call.get();
        } finally {
            SIDE_CALL.set(was);
            if (!was) {
                long[] spent = SPENT.get();
                spent[0] += System.nanoTime() - started;
                spent[1] += THREADS.getCurrentThreadCpuTime() - cpuStarted;
            }
        }
    }

    /**
     * The wall and CPU time this thread spent in the meter's own reads since it last asked: not the function's, so
     * {@link CostProbe} takes them off the invocation's time.
     */
    static long[] takeSpent() {
        long[] spent = SPENT.get();
        long[] taken = spent.clone();
        spent[0] = 0;
        spent[1] = 0;
        return taken;
    }

    private static DynamoDbClient side() {
        DynamoDbClient client = side;
        if (client == null) {
            synchronized (MeteringInterceptor.class) {
                if (side == null) {
                    side = sideCall(() -> DynamoDbClient.builder()
                            .httpClientBuilder(UrlConnectionHttpClient.builder())
                            .region(Region.US_EAST_1)
                            .endpointOverride(URI.create(System.getProperty("cost.endpoint")))
                            .credentialsProvider(
                                    StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                            .build());
                }
                client = side;
            }
        }
        return client;
    }

    /** An item's size as DynamoDB bills it (see the class comment). */
    static long size(Map<String, AttributeValue> item) {
        long size = 0;
        for (var attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + size(attribute.getValue());
        }
        return size;
    }

    static long size(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            return numberSize(value.n());
        }
        if (value.b() != null) {
            return value.b().asByteArray().length;
        }
        if (value.bool() != null || Boolean.TRUE.equals(value.nul())) {
            return 1;
        }
        if (value.hasL()) {
            long size = 3;
            for (AttributeValue element : value.l()) {
                size += 1 + size(element);
            }
            return size;
        }
        if (value.hasM()) {
            long size = 3;
            for (var entry : value.m().entrySet()) {
                size += 1 + utf8(entry.getKey()) + size(entry.getValue());
            }
            return size;
        }
        if (value.hasSs()) {
            return value.ss().stream().mapToLong(MeteringInterceptor::utf8).sum();
        }
        if (value.hasNs()) {
            return value.ns().stream()
                    .mapToLong(MeteringInterceptor::numberSize)
                    .sum();
        }
        if (value.hasBs()) {
            return value.bs().stream().mapToLong(b -> b.asByteArray().length).sum();
        }
        return 0;
    }

    private static long numberSize(String number) {
        String digits = number.replace("-", "").replace(".", "");
        digits = digits.replaceFirst("^0+", "").replaceFirst("0+$", "");
        return Math.max(1, (digits.length() + 1) / 2) + 1;
    }
}
