package dev.jetonvoucher.local;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Creates every table, queue and bucket of template.yaml on a local endpoint, named {@code prefix + logicalId},
 * and resolves functions' environment variables to what was created. Resources are defined only in
 * the template; this class never adds or changes one.
 */
public final class TemplateResources {

    /**
     * The parameter value under which the local gateway's URL is given ({@code http://127.0.0.1:PORT}): an HTTP API's
     * URL in the template ({@code !Sub "https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}..."}) resolves to it,
     * since the sandbox serves every HttpApi on one gateway. Without it, the sandbox's default port.
     */
    public static final String LOCAL_API_URL = "LocalApiUrl";

    static final String DEFAULT_LOCAL_API_URL = "http://127.0.0.1:3000";
    private static final java.util.regex.Pattern EXECUTE_API_URL = java.util.regex.Pattern.compile(
            "https://\\$\\{(\\w+)\\}\\.execute-api\\.\\$\\{AWS::Region\\}\\.\\$\\{AWS::URLSuffix\\}(.*)");

    static final String BUCKET_TYPE = "AWS::S3::Bucket";
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_-]*");
    private static final Duration TABLE_ACTIVE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration TABLE_POLL_INTERVAL = Duration.ofMillis(200);
    private static final SecureRandom RANDOM = new SecureRandom();

    private TemplateResources() {}

    /**
     * Creates the template's tables (waiting until ACTIVE) and queues (dead-letter queues first, so
     * a RedrivePolicy can name their real ARN). Idempotent, so a sandbox restarted on a persistent
     * endpoint keeps its data: a table that already exists with the same key schema is reused, and a
     * queue that already exists is reused with the template's attributes applied again.
     *
     * @param prefix letters, digits, '-' and '_' only; a distinct prefix per test class or run isolates it
     */
    public static Deployed create(SamTemplate template, LocalAwsEndpoint endpoint, String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("prefix may hold only letters, digits, '-' and '_': \"" + prefix + "\"");
        }
        Map<String, String> tableNames = new LinkedHashMap<>();
        Map<String, String> tableArns = new LinkedHashMap<>();
        createTables(template, endpoint.dynamoDb(), prefix, tableNames, tableArns);

        Map<String, String> queueUrls = new LinkedHashMap<>();
        Map<String, String> queueArns = new LinkedHashMap<>();
        for (QueueDef queue : deadLetterQueuesFirst(template)) {
            createQueue(queue, endpoint.sqs(), prefix, queueUrls, queueArns);
        }
        Map<String, String> bucketNames = new LinkedHashMap<>();
        for (String bucket : template.resourcesOfType(BUCKET_TYPE)) {
            String name = bucketName(prefix, bucket);
            LocalBuckets.create(endpoint, name);
            bucketNames.put(bucket, name);
        }
        return new Deployed(
                template, prefix, endpoint.region(), tableNames, tableArns, queueUrls, queueArns, bucketNames);
    }

    /** S3 names are lower case letters, digits, '-' and '.', at most 63 characters. */
    static String bucketName(String prefix, String logicalId) {
        String name = (prefix + logicalId).toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return name.substring(0, Math.min(name.length(), 63));
    }

    /** {@code jeton-voucher/<prefix>keys}: the SSM path of the platform keys of resources named {@code prefix}…. */
    public static String localKeysPath(String prefix) {
        return "jeton-voucher/" + prefix + "keys";
    }

    /**
     * The SSM parameter of each platform key ({@code ProviderSigningKey}, {@code VoucherTransitKey}) for resources
     * named {@code prefix}…, as the template's functions name them ({@code !Sub "/${PlatformKeysPath}/…"}).
     */
    public static Map<String, String> platformKeyParameters(SamTemplate template, String prefix) {
        Map<String, String> names = new LinkedHashMap<>();
        for (FunctionDef function : template.functions()) {
            Deployed.PLATFORM_KEYS.forEach((variable, keyName) -> {
                if (function.environment().get(variable) instanceof Intrinsic.Sub sub
                        && sub.variables().isEmpty()) {
                    names.putIfAbsent(
                            keyName,
                            sub.template().replace("${" + Deployed.KEYS_PATH_PARAMETER + "}", localKeysPath(prefix)));
                }
            });
        }
        return names;
    }

    /** "label-1a2b3c-": a prefix no other run on the same endpoint will use. */
    public static String uniquePrefix(String label) {
        String cleaned = label.replaceAll("[^A-Za-z0-9_-]", "-");
        String shortened = cleaned.substring(0, Math.min(cleaned.length(), 24));
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        return shortened + "-" + HexFormat.of().formatHex(random) + "-";
    }

    // ------------------------------------------------------------------ tables

    private static void createTables(
            SamTemplate template,
            DynamoDbClient dynamoDb,
            String prefix,
            Map<String, String> names,
            Map<String, String> arns) {
        // Ask for all tables first and wait afterwards: LocalStack creates them concurrently.
        for (TableDef table : template.tables()) {
            String name = prefix + table.logicalId();
            names.put(table.logicalId(), name);
            try {
                dynamoDb.createTable(createTableRequest(table, name));
            } catch (ResourceInUseException alreadyExists) {
                requireSameKeySchema(
                        table, dynamoDb.describeTable(r -> r.tableName(name)).table());
            }
        }
        for (TableDef table : template.tables()) {
            String name = names.get(table.logicalId());
            TableDescription active = awaitActive(dynamoDb, name);
            arns.put(table.logicalId(), active.tableArn());
            table.timeToLiveAttribute().ifPresent(attribute -> enableTimeToLive(dynamoDb, name, attribute));
        }
    }

    /** Only when not enabled yet: DynamoDB refuses to enable TTL twice, as on a table kept from an earlier run. */
    private static void enableTimeToLive(DynamoDbClient dynamoDb, String table, String attribute) {
        TimeToLiveDescription current =
                dynamoDb.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription();
        boolean enabled = current != null
                && attribute.equals(current.attributeName())
                && (current.timeToLiveStatus() == TimeToLiveStatus.ENABLED
                        || current.timeToLiveStatus() == TimeToLiveStatus.ENABLING);
        if (!enabled) {
            dynamoDb.updateTimeToLive(r -> r.tableName(table)
                    .timeToLiveSpecification(ttl -> ttl.attributeName(attribute).enabled(true)));
        }
    }

    private static CreateTableRequest createTableRequest(TableDef table, String name) {
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.fromValue(table.billingMode()))
                .keySchema(keySchema(table.keySchema()))
                .attributeDefinitions(table.attributeTypes().entrySet().stream()
                        .map(e -> AttributeDefinition.builder()
                                .attributeName(e.getKey())
                                .attributeType(e.getValue())
                                .build())
                        .toList());
        if (!table.payPerRequest()) {
            request.provisionedThroughput(
                    throughput(table.provisionedThroughput().orElse(null), table.logicalId()));
        }
        if (!table.globalSecondaryIndexes().isEmpty()) {
            request.globalSecondaryIndexes(table.globalSecondaryIndexes().stream()
                    .map(index -> {
                        GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder()
                                .indexName(index.name())
                                .keySchema(keySchema(index.keySchema()))
                                .projection(projection(index.projection()));
                        if (!table.payPerRequest()) {
                            gsi.provisionedThroughput(throughput(
                                    index.provisionedThroughput().orElse(null),
                                    table.logicalId() + " index " + index.name()));
                        }
                        return gsi.build();
                    })
                    .toList());
        }
        if (!table.localSecondaryIndexes().isEmpty()) {
            request.localSecondaryIndexes(table.localSecondaryIndexes().stream()
                    .map(index -> LocalSecondaryIndex.builder()
                            .indexName(index.name())
                            .keySchema(keySchema(index.keySchema()))
                            .projection(projection(index.projection()))
                            .build())
                    .toList());
        }
        return request.build();
    }

    private static List<KeySchemaElement> keySchema(List<TableDef.KeyElement> keys) {
        return keys.stream()
                .map(k -> KeySchemaElement.builder()
                        .attributeName(k.attributeName())
                        .keyType(k.keyType())
                        .build())
                .toList();
    }

    private static Projection projection(TableDef.Projection projection) {
        Projection.Builder builder = Projection.builder().projectionType(projection.type());
        if (!projection.nonKeyAttributes().isEmpty()) {
            builder.nonKeyAttributes(projection.nonKeyAttributes());
        }
        return builder.build();
    }

    private static ProvisionedThroughput throughput(TableDef.Throughput throughput, String where) {
        if (throughput == null) {
            throw new TemplateException(where + ": BillingMode PROVISIONED needs ProvisionedThroughput");
        }
        return ProvisionedThroughput.builder()
                .readCapacityUnits(throughput.readCapacityUnits())
                .writeCapacityUnits(throughput.writeCapacityUnits())
                .build();
    }

    private static void requireSameKeySchema(TableDef table, TableDescription existing) {
        List<KeySchemaElement> wanted = keySchema(table.keySchema());
        if (!wanted.equals(existing.keySchema())) {
            throw new IllegalStateException("table " + existing.tableName() + " already exists with key schema "
                    + existing.keySchema() + " but template.yaml's " + table.logicalId() + " has " + wanted
                    + ": use another prefix or delete the table");
        }
    }

    private static TableDescription awaitActive(DynamoDbClient dynamoDb, String name) {
        long deadline = System.nanoTime() + TABLE_ACTIVE_TIMEOUT.toNanos();
        while (true) {
            TableDescription table =
                    dynamoDb.describeTable(r -> r.tableName(name)).table();
            if (table.tableStatus() == TableStatus.ACTIVE) {
                return table;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("table " + name + " is still " + table.tableStatusAsString() + " after "
                        + TABLE_ACTIVE_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(TABLE_POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for table " + name, e);
            }
        }
    }

    // ------------------------------------------------------------------ queues

    /** Queues ordered so that every dead-letter queue comes before the queues redriving to it. */
    static List<QueueDef> deadLetterQueuesFirst(SamTemplate template) {
        List<QueueDef> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (QueueDef queue : template.queues()) {
            place(queue, template, ordered, placed, new ArrayList<>());
        }
        return ordered;
    }

    private static void place(
            QueueDef queue, SamTemplate template, List<QueueDef> ordered, Set<String> placed, List<String> chain) {
        if (placed.contains(queue.logicalId())) {
            return;
        }
        if (chain.contains(queue.logicalId())) {
            throw new TemplateException(
                    "queues redrive in a cycle: " + String.join(" -> ", chain) + " -> " + queue.logicalId());
        }
        chain.add(queue.logicalId());
        if (queue.redrive().isPresent()) {
            String target = queue.redrive().get().deadLetterQueueLogicalId();
            QueueDef deadLetterQueue = template.queues().stream()
                    .filter(q -> q.logicalId().equals(target))
                    .findFirst()
                    .orElseThrow(() -> new TemplateException(queue.logicalId() + ": RedrivePolicy names " + target
                            + ", which is not an AWS::SQS::Queue of the template"));
            place(deadLetterQueue, template, ordered, placed, chain);
        }
        chain.remove(chain.size() - 1);
        ordered.add(queue);
        placed.add(queue.logicalId());
    }

    private static void createQueue(
            QueueDef queue, SqsClient sqs, String prefix, Map<String, String> urls, Map<String, String> arns) {
        Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(queue.visibilityTimeoutSeconds()));
        attributes.put(QueueAttributeName.DELAY_SECONDS, Integer.toString(queue.delaySeconds()));
        attributes.put(
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, Integer.toString(queue.messageRetentionPeriodSeconds()));
        queue.redrive()
                .ifPresent(redrive -> attributes.put(
                        QueueAttributeName.REDRIVE_POLICY,
                        "{\"deadLetterTargetArn\":\"" + arns.get(redrive.deadLetterQueueLogicalId())
                                + "\",\"maxReceiveCount\":" + redrive.maxReceiveCount() + "}"));
        if (queue.fifo()) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        // SQS requires the .fifo suffix on FIFO queue names.
        String name = prefix + queue.logicalId() + (queue.fifo() ? ".fifo" : "");
        String url = existingQueueUrl(sqs, name)
                .map(existing -> reapplyAttributes(sqs, existing, attributes))
                .orElseGet(() -> sqs.createQueue(r -> r.queueName(name).attributes(attributes))
                        .queueUrl());
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        urls.put(queue.logicalId(), url);
        arns.put(queue.logicalId(), arn);
    }

    private static Optional<String> existingQueueUrl(SqsClient sqs, String name) {
        try {
            return Optional.of(sqs.getQueueUrl(r -> r.queueName(name)).queueUrl());
        } catch (QueueDoesNotExistException absent) {
            return Optional.empty();
        }
    }

    /**
     * A queue kept from an earlier run (a persistent endpoint) gets the template's attributes again, so a
     * changed VisibilityTimeout or RedrivePolicy applies; its messages stay. FifoQueue cannot change after creation.
     */
    private static String reapplyAttributes(SqsClient sqs, String url, Map<QueueAttributeName, String> attributes) {
        Map<QueueAttributeName, String> changeable = new LinkedHashMap<>(attributes);
        changeable.remove(QueueAttributeName.FIFO_QUEUE);
        sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(changeable));
        return url;
    }

    /** What {@link #create} made: physical names, URLs and ARNs by logical id. */
    public static final class Deployed {

        private static final Pattern SUB_REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
        /** The template parameter with the SSM path of the platform keys. */
        public static final String KEYS_PATH_PARAMETER = "PlatformKeysPath";
        /** A function's variable naming a key's SSM parameter, and the name its local value is given under. */
        public static final Map<String, String> PLATFORM_KEYS = Map.of(
                "PROVIDER_SIGNING_KEY_PARAMETER", "ProviderSigningKey",
                "VOUCHER_TRANSIT_KEY_PARAMETER", "VoucherTransitKey");

        private final Set<String> publishedKeys = java.util.concurrent.ConcurrentHashMap.newKeySet();

        private final SamTemplate template;
        private final String prefix;
        private final Region region;
        private final Map<String, String> tableNames;
        private final Map<String, String> tableArns;
        private final Map<String, String> queueUrls;
        private final Map<String, String> queueArns;
        private final Map<String, String> bucketNames;

        private Deployed(
                SamTemplate template,
                String prefix,
                Region region,
                Map<String, String> tableNames,
                Map<String, String> tableArns,
                Map<String, String> queueUrls,
                Map<String, String> queueArns,
                Map<String, String> bucketNames) {
            this.template = template;
            this.prefix = prefix;
            this.region = region;
            this.tableNames = Collections.unmodifiableMap(tableNames);
            this.tableArns = Collections.unmodifiableMap(tableArns);
            this.queueUrls = Collections.unmodifiableMap(queueUrls);
            this.queueArns = Collections.unmodifiableMap(queueArns);
            this.bucketNames = Collections.unmodifiableMap(bucketNames);
        }

        public String bucketName(String logicalId) {
            return lookup(bucketNames, logicalId, "bucket");
        }

        public SamTemplate template() {
            return template;
        }

        public String prefix() {
            return prefix;
        }

        /** {@code jeton-voucher/<prefix>keys}: the SSM path of this deployment's platform keys, by default. */
        public String localKeysPath() {
            return TemplateResources.localKeysPath(prefix);
        }

        public String tableName(String logicalId) {
            return lookup(tableNames, logicalId, "table");
        }

        public String queueUrl(String logicalId) {
            return lookup(queueUrls, logicalId, "queue");
        }

        public String queueArn(String logicalId) {
            return lookup(queueArns, logicalId, "queue");
        }

        /** Table logical id to physical name, for every table created. */
        public Map<String, String> tableNames() {
            return tableNames;
        }

        /** Queue logical id to URL, for every queue created. */
        public Map<String, String> queueUrls() {
            return queueUrls;
        }

        /** The function's environment with parameters at their Default; a parameter without one is an error. */
        public Map<String, String> environmentFor(FunctionDef function) {
            return environmentFor(function, Map.of());
        }

        /**
         * The function's environment resolved to this deployment: {@code !Ref Table} → table name,
         * {@code !Ref Queue} → queue URL, {@code !GetAtt Queue.Arn} → ARN, {@code !Ref Parameter} →
         * {@code parameterValues} or the parameter's Default, {@code !Sub} and {@code !Join} over those.
         */
        public Map<String, String> environmentFor(FunctionDef function, Map<String, String> parameterValues) {
            Map<String, String> resolved = new LinkedHashMap<>();
            function.environment()
                    .forEach((variable, value) -> resolved.put(
                            variable,
                            new Resolver(function.logicalId() + " environment variable " + variable, parameterValues)
                                    .resolve(value)));
            return Collections.unmodifiableMap(resolved);
        }

        /**
         * What the function sees when it runs on this machine: its resolved environment plus the local
         * endpoint, region and credentials, as Lambda would hand them to it in AWS.
         *
         * <p>The platform keys live in SSM Parameter Store, where the function's environment names them
         * ({@code *_KEY_PARAMETER}); {@code parameterValues} may carry their values under the names of
         * {@link #PLATFORM_KEYS} ({@code ProviderSigningKey}, {@code VoucherTransitKey}), which are written there as
         * SecureStrings unless a value is there already (a persistent state keeps its keys, rotated or not), as an
         * operator writes them before deploying. Unless {@code PlatformKeysPath} is given, this deployment's keys have
         * a path of their own ({@link #localKeysPath()}), so runs sharing an endpoint never share keys.
         */
        public Map<String, String> localEnvironmentFor(
                FunctionDef function, Map<String, String> parameterValues, LocalAwsEndpoint endpoint) {
            Map<String, String> values = new LinkedHashMap<>(parameterValues);
            if (template.parameters().containsKey(KEYS_PATH_PARAMETER)) {
                values.putIfAbsent(KEYS_PATH_PARAMETER, localKeysPath());
            }
            Map<String, String> environment = new LinkedHashMap<>(environmentFor(function, values));
            PLATFORM_KEYS.forEach((variable, keyName) -> {
                String parameter = environment.get(variable);
                String key = parameterValues.get(keyName);
                if (parameter != null && key != null && publishedKeys.add(parameter)) {
                    new LocalParameterStore(endpoint).putIfAbsent(parameter, key);
                }
            });
            var credentials = endpoint.credentials().resolveCredentials();
            environment.put("AWS_ENDPOINT_URL", endpoint.endpoint().toString());
            environment.put("AWS_REGION", endpoint.region().id());
            environment.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
            environment.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
            environment.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
            return Collections.unmodifiableMap(environment);
        }

        private String lookup(Map<String, String> byLogicalId, String logicalId, String what) {
            String value = byLogicalId.get(logicalId);
            if (value == null) {
                throw new IllegalArgumentException("no " + what + " " + logicalId + " in " + template.path() + "; "
                        + what + "s: " + byLogicalId.keySet());
            }
            return value;
        }

        /** Resolves one value; {@code where} names the function and variable in every error. */
        private final class Resolver {
            private final String where;
            private final Map<String, String> parameterValues;

            Resolver(String where, Map<String, String> parameterValues) {
                this.where = where;
                this.parameterValues = parameterValues;
            }

            String resolve(Object value) {
                if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                    return value.toString();
                }
                if (value instanceof Intrinsic.Ref ref) {
                    return ref(ref.logicalId());
                }
                if (value instanceof Intrinsic.GetAtt getAtt) {
                    return getAtt(getAtt.logicalId(), getAtt.attribute());
                }
                if (value instanceof Intrinsic.Sub sub) {
                    return sub(sub);
                }
                if (value instanceof Intrinsic.Call call && call.function().equals("Join")) {
                    return join(call.arguments());
                }
                throw unsupported(
                        value instanceof Intrinsic.Call call ? "Fn::" + call.function() : String.valueOf(value));
            }

            private String ref(String name) {
                if (tableNames.containsKey(name)) {
                    return tableNames.get(name);
                }
                if (queueUrls.containsKey(name)) {
                    return queueUrls.get(name);
                }
                if (bucketNames.containsKey(name)) {
                    return bucketNames.get(name);
                }
                if (template.parameters().containsKey(name)) {
                    String supplied = parameterValues.get(name);
                    if (supplied != null) {
                        return supplied;
                    }
                    return template.parameters()
                            .get(name)
                            .defaultValue()
                            .orElseThrow(() -> new TemplateException(where + ": parameter " + name
                                    + " has no Default; pass its value in parameterValues"));
                }
                switch (name) {
                    case "AWS::Region":
                        return region.id();
                    case "AWS::Partition":
                        return "aws";
                    case "AWS::URLSuffix":
                        return "amazonaws.com";
                    case "AWS::AccountId":
                        return accountId();
                    default:
                        throw unsupported("!Ref " + name + describe(name));
                }
            }

            private String getAtt(String logicalId, String attribute) {
                if (queueUrls.containsKey(logicalId)) {
                    switch (attribute) {
                        case "Arn":
                            return queueArns.get(logicalId);
                        case "QueueUrl":
                            return queueUrls.get(logicalId);
                        case "QueueName":
                            String arn = queueArns.get(logicalId);
                            return arn.substring(arn.lastIndexOf(':') + 1);
                        default:
                            break;
                    }
                } else if (tableNames.containsKey(logicalId) && attribute.equals("Arn")) {
                    return tableArns.get(logicalId);
                }
                throw unsupported("!GetAtt " + logicalId + "." + attribute + describe(logicalId));
            }

            private String sub(Intrinsic.Sub sub) {
                Matcher api = EXECUTE_API_URL.matcher(sub.template());
                if (api.matches()
                        && template.resourceType(api.group(1))
                                .filter("AWS::Serverless::HttpApi"::equals)
                                .isPresent()) {
                    // An HTTP API's URL: here every API is served by the one local gateway.
                    return parameterValues.getOrDefault(LOCAL_API_URL, DEFAULT_LOCAL_API_URL) + api.group(2);
                }
                Matcher reference = SUB_REFERENCE.matcher(sub.template());
                StringBuilder result = new StringBuilder();
                while (reference.find()) {
                    String name = reference.group(1);
                    String replacement;
                    if (name.startsWith("!")) {
                        replacement =
                                "${" + name.substring(1) + "}"; // ${!Literal} is Sub's escape for a literal ${Literal}
                    } else if (sub.variables().containsKey(name)) {
                        replacement = resolve(sub.variables().get(name));
                    } else if (name.contains(".")) {
                        int dot = name.indexOf('.');
                        replacement = getAtt(name.substring(0, dot), name.substring(dot + 1));
                    } else {
                        replacement = ref(name);
                    }
                    reference.appendReplacement(result, Matcher.quoteReplacement(replacement));
                }
                reference.appendTail(result);
                return result.toString();
            }

            private String join(Object arguments) {
                if (arguments instanceof List<?> list
                        && list.size() == 2
                        && list.get(0) instanceof String delimiter
                        && list.get(1) instanceof List<?> parts) {
                    return parts.stream().map(this::resolve).collect(Collectors.joining(delimiter));
                }
                throw unsupported("Fn::Join with arguments " + arguments);
            }

            private String accountId() {
                // Whatever account the endpoint put the queues and tables in (moto 123456789012, LocalStack
                // 000000000000).
                return queueArns.values().stream()
                        .findFirst()
                        .or(() -> tableArns.values().stream().findFirst())
                        .map(arn -> arn.split(":")[4])
                        .orElseThrow(() -> unsupported("AWS::AccountId (no queue or table to read it from)"));
            }

            private String describe(String logicalId) {
                return template.resourceType(logicalId)
                        .map(type -> " (" + type + ")")
                        .orElse(" (not in the template)");
            }

            private TemplateException unsupported(String construct) {
                return new TemplateException(
                        where + ": " + construct + " cannot be resolved locally;"
                                + " supported: !Ref of a table, queue, bucket, parameter or AWS::Region/AccountId/Partition/URLSuffix,"
                                + " !GetAtt Queue.Arn|QueueUrl|QueueName, !GetAtt Table.Arn, !Sub and !Join over those, literals");
            }
        }
    }
}
