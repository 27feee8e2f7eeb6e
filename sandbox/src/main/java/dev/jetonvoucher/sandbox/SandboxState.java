package dev.jetonvoucher.sandbox;

import dev.jetonvoucher.local.LocalAwsEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Where a sandbox's tables, queues and keys live, and so whether a restart resumes.
 * <ul>
 *   <li>Persistent, on an endpoint someone else runs ({@code --aws-endpoint} / {@code AWS_ENDPOINT_URL}): the
 *       template's resources under the stable prefix {@code NAME-}, created only when missing, and the platform
 *       keys (ProviderSigningKey, VoucherTransitKey) generated once and kept in the table {@code NAME-SandboxState}.
 *       A restart, even after {@code kill -9}, finds the same payments, balances, queued work and keys.</li>
 *   <li>Ephemeral, on the sandbox's own endpoint: fresh names and keys, gone when the sandbox stops.</li>
 * </ul>
 */
final class SandboxState {

    /** The state name {@code bin/sandbox} uses unless {@code --state-prefix} says otherwise. */
    static final String DEFAULT_NAME = "sandbox";
    /** The table, next to the template's, that keeps the platform keys of a persistent sandbox. */
    static final String STATE_TABLE = "SandboxState";
    /**
     * Letters, digits, '-' and '_', like every resource name; at most 40, so that the longest queue name
     * (NAME-ProviderNotificationDeadLetterQueue) stays within SQS's 80 characters.
     */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    private static final String KEY_ATTRIBUTE = "name";
    private static final String KEYS_ITEM = "platform-keys";
    private static final String PROVIDER_SIGNING_KEY = "ProviderSigningKey";
    private static final String VOUCHER_TRANSIT_KEY = "VoucherTransitKey";
    private static final Duration TABLE_ACTIVE_TIMEOUT = Duration.ofMinutes(1);

    private final String prefix;
    private final Map<String, String> parameters;
    private final String description;

    private SandboxState(String prefix, Map<String, String> parameters, String description) {
        this.prefix = prefix;
        this.parameters = Map.copyOf(parameters);
        this.description = description;
    }

    /** Persistent on an external endpoint, ephemeral on one this process started. */
    static SandboxState on(LocalAwsEndpoint endpoint, String name) {
        return endpoint.external() ? persistent(endpoint, name) : ephemeral(name);
    }

    /** Fresh names and keys: nothing from an earlier run is found, and nothing outlives this one. */
    static SandboxState ephemeral(String name) {
        return new SandboxState(name + "-" + Instant.now().getEpochSecond() + "-", Sandbox.localParameters(),
                "ephemeral (own endpoint; stops with the sandbox)");
    }

    /** The state named {@code name} on {@code endpoint}: its keys read back, or generated and kept on first use. */
    static SandboxState persistent(LocalAwsEndpoint endpoint, String name) {
        requireValidName(name);
        String prefix = name + "-";
        String table = prefix + STATE_TABLE;
        DynamoDbClient dynamoDb = endpoint.dynamoDb();
        createTableIfMissing(dynamoDb, table);
        return new SandboxState(prefix, keptKeys(dynamoDb, table),
                "persistent on " + endpoint.endpoint() + " (prefix " + prefix + ")");
    }

    /** @throws IllegalArgumentException when {@code name} cannot begin table and queue names ({@link #NAME}) */
    static String requireValidName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a state prefix is 1 to 40 letters, digits, '-' or '_', got \"" + name + "\"");
        }
        return name;
    }

    /** The prefix of the template's tables and queues. */
    String prefix() {
        return prefix;
    }

    /** The template's parameters without a default: the platform keys. Never to be printed. */
    Map<String, String> parameters() {
        return parameters;
    }

    /** For the startup banner: "persistent on URL (prefix NAME-)" or "ephemeral (…)". */
    String description() {
        return description;
    }

    private static void createTableIfMissing(DynamoDbClient dynamoDb, String table) {
        try {
            dynamoDb.createTable(request -> request.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(key -> key.attributeName(KEY_ATTRIBUTE).keyType(KeyType.HASH))
                    .attributeDefinitions(attribute -> attribute.attributeName(KEY_ATTRIBUTE)
                            .attributeType(ScalarAttributeType.S)));
        } catch (ResourceInUseException keptFromAnEarlierRun) {
            // reused as it is
        }
        long deadline = System.nanoTime() + TABLE_ACTIVE_TIMEOUT.toNanos();
        while (dynamoDb.describeTable(request -> request.tableName(table)).table().tableStatus() != TableStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("table " + table + " is not ACTIVE after " + TABLE_ACTIVE_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for table " + table, e);
            }
        }
    }

    /**
     * The keys kept in the state table. Fresh ones are offered on every start but written only if none are
     * kept yet (a conditional put), so two sandboxes starting at once on one prefix still agree on the keys.
     */
    private static Map<String, String> keptKeys(DynamoDbClient dynamoDb, String table) {
        Map<String, String> fresh = Sandbox.localParameters();
        try {
            dynamoDb.putItem(request -> request.tableName(table)
                    .item(Map.of(KEY_ATTRIBUTE, AttributeValue.fromS(KEYS_ITEM),
                            PROVIDER_SIGNING_KEY, AttributeValue.fromS(fresh.get(PROVIDER_SIGNING_KEY)),
                            VOUCHER_TRANSIT_KEY, AttributeValue.fromS(fresh.get(VOUCHER_TRANSIT_KEY))))
                    .conditionExpression("attribute_not_exists(#name)")
                    .expressionAttributeNames(Map.of("#name", KEY_ATTRIBUTE)));
        } catch (ConditionalCheckFailedException alreadyKept) {
            // the keys of an earlier run stand: what was signed and sealed with them is still queued
        }
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table).consistentRead(true)
                .key(Map.of(KEY_ATTRIBUTE, AttributeValue.fromS(KEYS_ITEM)))).item();
        String providerKey = text(item, PROVIDER_SIGNING_KEY);
        String transitKey = text(item, VOUCHER_TRANSIT_KEY);
        if (providerKey == null || transitKey == null) {
            throw new IllegalStateException("the item \"" + KEYS_ITEM + "\" of table " + table + " lacks "
                    + PROVIDER_SIGNING_KEY + " or " + VOUCHER_TRANSIT_KEY
                    + ": delete that table (and the prefix's other tables and queues) or use another --state-prefix");
        }
        return Map.of(PROVIDER_SIGNING_KEY, providerKey, VOUCHER_TRANSIT_KEY, transitKey);
    }

    private static String text(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item == null ? null : item.get(attribute);
        return value == null ? null : value.s();
    }
}
