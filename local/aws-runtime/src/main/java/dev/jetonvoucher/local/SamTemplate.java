package dev.jetonvoucher.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml read as data: tables, queues, functions (Globals merged) and parameters. It is the
 * single source of truth for resources; nothing here or elsewhere restates them in Java.
 */
public final class SamTemplate {

    public static final String FILE_NAME = "template.yaml";

    private static final String FUNCTION_TYPE = "AWS::Serverless::Function";
    private static final String TABLE_TYPE = "AWS::DynamoDB::Table";
    private static final String QUEUE_TYPE = "AWS::SQS::Queue";

    private final Path path;
    private final Map<String, ParameterDef> parameters;
    private final Map<String, String> resourceTypes;
    private final Map<String, Map<String, Object>> resourceProperties;
    private final Map<String, Map<String, Object>> resourceMetadata;
    private final Map<String, Object> functionGlobals;
    private final Map<String, Object> outputs;
    private final List<TableDef> tables;
    private final List<QueueDef> queues;
    private final List<FunctionDef> functions;

    private SamTemplate(Path path, Map<String, Object> root) {
        this.path = path;
        this.parameters = parseParameters(map(root.get("Parameters"), "Parameters"));
        Map<String, Object> resources = map(root.get("Resources"), "Resources");
        Map<String, Object> functionGlobals =
                map(map(root.get("Globals"), "Globals").get("Function"), "Globals.Function");

        Map<String, String> types = new LinkedHashMap<>();
        Map<String, Map<String, Object>> propertiesById = new LinkedHashMap<>();
        Map<String, Map<String, Object>> metadataById = new LinkedHashMap<>();
        List<TableDef> tableDefs = new ArrayList<>();
        List<QueueDef> queueDefs = new ArrayList<>();
        List<FunctionDef> functionDefs = new ArrayList<>();
        resources.forEach((logicalId, value) -> {
            Map<String, Object> resource = map(value, logicalId);
            String type = string(resource.get("Type"), logicalId, "Type");
            types.put(logicalId, type);
            Map<String, Object> properties = map(resource.get("Properties"), logicalId + ".Properties");
            propertiesById.put(logicalId, Collections.unmodifiableMap(properties));
            metadataById.put(
                    logicalId, Collections.unmodifiableMap(map(resource.get("Metadata"), logicalId + ".Metadata")));
            switch (type) {
                case TABLE_TYPE -> tableDefs.add(parseTable(logicalId, properties));
                case QUEUE_TYPE -> queueDefs.add(parseQueue(logicalId, properties));
                case FUNCTION_TYPE ->
                    functionDefs.add(parseFunction(logicalId, mergeGlobals(functionGlobals, properties)));
                default -> {} // APIs, alarms, log groups, topics, ...: nothing to create locally
            }
        });
        this.resourceTypes = Collections.unmodifiableMap(types);
        this.resourceProperties = Collections.unmodifiableMap(propertiesById);
        this.resourceMetadata = Collections.unmodifiableMap(metadataById);
        this.functionGlobals = Collections.unmodifiableMap(functionGlobals);
        this.outputs = Collections.unmodifiableMap(map(root.get("Outputs"), "Outputs"));
        this.tables = List.copyOf(tableDefs);
        this.queues = List.copyOf(queueDefs);
        this.functions = List.copyOf(functionDefs);
    }

    public static SamTemplate load(Path templateFile) {
        String text;
        try {
            text = Files.readString(templateFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + templateFile, e);
        }
        return parse(templateFile.toAbsolutePath(), text);
    }

    /** template.yaml of this repository: the nearest one in the working directory or any parent. */
    public static Path locate() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(FILE_NAME + " not found in " + start + " or any parent directory");
    }

    static SamTemplate parse(Path path, String yamlText) {
        Object root;
        try {
            root = new Yaml(new CloudFormationConstructor()).load(yamlText);
        } catch (YAMLException e) {
            throw new TemplateException(path + " is not valid YAML: " + e.getMessage(), e);
        }
        return new SamTemplate(path, map(normalizeLongForms(root), "template root"));
    }

    /** The template file; CodeUri paths are relative to its directory. */
    public Path path() {
        return path;
    }

    public List<TableDef> tables() {
        return tables;
    }

    public List<QueueDef> queues() {
        return queues;
    }

    public List<FunctionDef> functions() {
        return functions;
    }

    public Map<String, ParameterDef> parameters() {
        return parameters;
    }

    /** The CloudFormation type of any resource, e.g. "AWS::Serverless::HttpApi"; empty if there is no such resource. */
    public Optional<String> resourceType(String logicalId) {
        return Optional.ofNullable(resourceTypes.get(logicalId));
    }

    /** The logical ids of every resource of a CloudFormation type, in template order. */
    public List<String> resourcesOfType(String type) {
        return resourceTypes.entrySet().stream()
                .filter(e -> e.getValue().equals(type))
                .map(Map.Entry::getKey)
                .toList();
    }

    /**
     * A resource's Properties as written, of any type (alarms, log groups, APIs): literals as parsed, intrinsics as
     * {@link Intrinsic} values, unresolved; Globals not merged.
     */
    public Map<String, Object> properties(String logicalId) {
        Map<String, Object> properties = resourceProperties.get(logicalId);
        if (properties == null) {
            throw new IllegalArgumentException("no resource " + logicalId + " in " + path);
        }
        return properties;
    }

    /** A resource's Metadata as written (e.g. a function's {@code SkipBuild}); empty when it has none. */
    public Map<String, Object> metadata(String logicalId) {
        properties(logicalId); // the same error for an unknown resource
        return resourceMetadata.get(logicalId);
    }

    /** Globals.Function as written: what every function inherits unless it sets its own value. */
    public Map<String, Object> functionGlobals() {
        return functionGlobals;
    }

    /** The Outputs section as written: output name to its Description and Value. */
    public Map<String, Object> outputs() {
        return outputs;
    }

    public TableDef table(String logicalId) {
        return tables.stream()
                .filter(t -> t.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table " + logicalId + " in " + path));
    }

    public QueueDef queue(String logicalId) {
        return queues.stream()
                .filter(q -> q.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no queue " + logicalId + " in " + path));
    }

    public FunctionDef function(String logicalId) {
        return functions.stream()
                .filter(f -> f.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function " + logicalId + " in " + path));
    }

    // ------------------------------------------------------------------ parameters

    private static Map<String, ParameterDef> parseParameters(Map<String, Object> section) {
        Map<String, ParameterDef> result = new LinkedHashMap<>();
        section.forEach((name, value) -> {
            Map<String, Object> parameter = map(value, "Parameters." + name);
            Object defaultValue = parameter.get("Default");
            List<String> allowedValues = new ArrayList<>();
            if (parameter.get("AllowedValues") != null) {
                for (Object allowed : list(parameter.get("AllowedValues"), name, "AllowedValues")) {
                    allowedValues.add(scalar(allowed, name, "AllowedValues"));
                }
            }
            result.put(
                    name,
                    new ParameterDef(
                            name,
                            string(parameter.get("Type"), name, "Type"),
                            Optional.ofNullable(defaultValue).map(v -> scalar(v, name, "Default")),
                            allowedValues));
        });
        return Collections.unmodifiableMap(result);
    }

    // ------------------------------------------------------------------ tables

    private static TableDef parseTable(String logicalId, Map<String, Object> properties) {
        Map<String, String> attributeTypes = new LinkedHashMap<>();
        for (Object definition : list(properties.get("AttributeDefinitions"), logicalId, "AttributeDefinitions")) {
            Map<String, Object> attribute = map(definition, logicalId + ".AttributeDefinitions");
            attributeTypes.put(
                    string(attribute.get("AttributeName"), logicalId, "AttributeDefinitions.AttributeName"),
                    string(attribute.get("AttributeType"), logicalId, "AttributeDefinitions.AttributeType"));
        }
        Optional<String> ttlAttribute = Optional.empty();
        if (properties.get("TimeToLiveSpecification") != null) {
            Map<String, Object> ttl =
                    map(properties.get("TimeToLiveSpecification"), logicalId + ".TimeToLiveSpecification");
            if (bool(ttl.get("Enabled"), logicalId, "TimeToLiveSpecification.Enabled")) {
                ttlAttribute = Optional.of(
                        string(ttl.get("AttributeName"), logicalId, "TimeToLiveSpecification.AttributeName"));
            }
        }
        String billingMode = properties.get("BillingMode") == null
                ? "PROVISIONED"
                : string(properties.get("BillingMode"), logicalId, "BillingMode");
        return new TableDef(
                logicalId,
                keySchema(properties.get("KeySchema"), logicalId, "KeySchema"),
                attributeTypes,
                indexes(properties.get("GlobalSecondaryIndexes"), logicalId, "GlobalSecondaryIndexes"),
                indexes(properties.get("LocalSecondaryIndexes"), logicalId, "LocalSecondaryIndexes"),
                billingMode,
                throughput(properties.get("ProvisionedThroughput"), logicalId, "ProvisionedThroughput"),
                ttlAttribute);
    }

    private static List<TableDef.KeyElement> keySchema(Object value, String logicalId, String property) {
        List<TableDef.KeyElement> keys = new ArrayList<>();
        for (Object element : list(value, logicalId, property)) {
            Map<String, Object> key = map(element, logicalId + "." + property);
            keys.add(new TableDef.KeyElement(
                    string(key.get("AttributeName"), logicalId, property + ".AttributeName"),
                    string(key.get("KeyType"), logicalId, property + ".KeyType")));
        }
        if (keys.isEmpty()) {
            throw new TemplateException(logicalId + ": " + property + " is empty");
        }
        return keys;
    }

    private static List<TableDef.Index> indexes(Object value, String logicalId, String property) {
        if (value == null) {
            return List.of();
        }
        List<TableDef.Index> result = new ArrayList<>();
        for (Object element : list(value, logicalId, property)) {
            Map<String, Object> index = map(element, logicalId + "." + property);
            String name = string(index.get("IndexName"), logicalId, property + ".IndexName");
            String where = property + "[" + name + "]";
            Map<String, Object> projection = map(index.get("Projection"), logicalId + "." + where + ".Projection");
            List<String> nonKeyAttributes = new ArrayList<>();
            if (projection.get("NonKeyAttributes") != null) {
                for (Object attribute :
                        list(projection.get("NonKeyAttributes"), logicalId, where + ".NonKeyAttributes")) {
                    nonKeyAttributes.add(string(attribute, logicalId, where + ".NonKeyAttributes"));
                }
            }
            result.add(new TableDef.Index(
                    name,
                    keySchema(index.get("KeySchema"), logicalId, where + ".KeySchema"),
                    new TableDef.Projection(
                            string(projection.get("ProjectionType"), logicalId, where + ".Projection.ProjectionType"),
                            nonKeyAttributes),
                    throughput(index.get("ProvisionedThroughput"), logicalId, where + ".ProvisionedThroughput")));
        }
        return result;
    }

    private static Optional<TableDef.Throughput> throughput(Object value, String logicalId, String property) {
        if (value == null) {
            return Optional.empty();
        }
        Map<String, Object> throughput = map(value, logicalId + "." + property);
        return Optional.of(new TableDef.Throughput(
                integer(throughput.get("ReadCapacityUnits"), logicalId, property + ".ReadCapacityUnits"),
                integer(throughput.get("WriteCapacityUnits"), logicalId, property + ".WriteCapacityUnits")));
    }

    // ------------------------------------------------------------------ queues

    private static QueueDef parseQueue(String logicalId, Map<String, Object> properties) {
        Optional<QueueDef.Redrive> redrive = Optional.empty();
        Object policyValue = properties.get("RedrivePolicy");
        if (policyValue != null) {
            Map<String, Object> policy = map(policyValue, logicalId + ".RedrivePolicy");
            Object target = policy.get("deadLetterTargetArn");
            if (!(target instanceof Intrinsic.GetAtt getAtt
                    && getAtt.attribute().equals("Arn"))) {
                throw new TemplateException(
                        logicalId + ": RedrivePolicy.deadLetterTargetArn must be !GetAtt <QueueInThisTemplate>.Arn"
                                + " to be reproduced locally, found: " + target);
            }
            redrive = Optional.of(new QueueDef.Redrive(getAtt.logicalId(), (int)
                    integer(policy.get("maxReceiveCount"), logicalId, "RedrivePolicy.maxReceiveCount")));
        }
        return new QueueDef(
                logicalId,
                optionalInt(
                        properties.get("VisibilityTimeout"),
                        QueueDef.DEFAULT_VISIBILITY_TIMEOUT_SECONDS,
                        logicalId,
                        "VisibilityTimeout"),
                optionalInt(properties.get("DelaySeconds"), QueueDef.DEFAULT_DELAY_SECONDS, logicalId, "DelaySeconds"),
                optionalInt(
                        properties.get("MessageRetentionPeriod"),
                        QueueDef.DEFAULT_MESSAGE_RETENTION_PERIOD_SECONDS,
                        logicalId,
                        "MessageRetentionPeriod"),
                redrive,
                properties.get("FifoQueue") != null && bool(properties.get("FifoQueue"), logicalId, "FifoQueue"));
    }

    // ------------------------------------------------------------------ functions

    /**
     * SAM's Globals rules: a function's own value wins; maps (Environment.Variables) merge key by
     * key; lists are concatenated, globals first.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mergeGlobals(Map<String, Object> globals, Map<String, Object> own) {
        Map<String, Object> merged = new LinkedHashMap<>(globals);
        own.forEach((key, ownValue) -> {
            Object globalValue = merged.get(key);
            if (globalValue instanceof Map<?, ?> globalMap && ownValue instanceof Map<?, ?> ownMap) {
                merged.put(key, mergeGlobals((Map<String, Object>) globalMap, (Map<String, Object>) ownMap));
            } else if (globalValue instanceof List<?> globalList && ownValue instanceof List<?> ownList) {
                List<Object> both = new ArrayList<>(globalList);
                both.addAll(ownList);
                merged.put(key, both);
            } else {
                merged.put(key, ownValue);
            }
        });
        return merged;
    }

    private static FunctionDef parseFunction(String logicalId, Map<String, Object> properties) {
        Object codeUri = properties.get("CodeUri");
        if (!(codeUri instanceof String codePath)) {
            throw new TemplateException(
                    logicalId + ": CodeUri must be a local path to the built jar, found: " + codeUri);
        }
        Map<String, Object> environment = Map.of();
        if (properties.get("Environment") != null) {
            Map<String, Object> section = map(properties.get("Environment"), logicalId + ".Environment");
            environment = map(section.get("Variables"), logicalId + ".Environment.Variables");
        }
        List<HttpRoute> httpRoutes = new ArrayList<>();
        List<SqsTrigger> sqsTriggers = new ArrayList<>();
        map(properties.get("Events"), logicalId + ".Events").forEach((eventName, value) -> {
            Map<String, Object> event = map(value, logicalId + ".Events." + eventName);
            Map<String, Object> eventProperties =
                    map(event.get("Properties"), logicalId + ".Events." + eventName + ".Properties");
            String where = "Events." + eventName;
            switch (string(event.get("Type"), logicalId, where + ".Type")) {
                case "HttpApi" -> httpRoutes.add(httpRoute(logicalId, eventName, eventProperties));
                case "SQS" -> sqsTriggers.add(sqsTrigger(logicalId, eventName, eventProperties));
                default -> {} // schedules and others: not driven by this module
            }
        });
        return new FunctionDef(
                logicalId,
                Optional.ofNullable(properties.get("Handler")).map(h -> string(h, logicalId, "Handler")),
                codePath,
                optionalInt(properties.get("Timeout"), FunctionDef.DEFAULT_TIMEOUT_SECONDS, logicalId, "Timeout"),
                optionalInt(properties.get("MemorySize"), FunctionDef.DEFAULT_MEMORY_SIZE_MB, logicalId, "MemorySize"),
                environment,
                httpRoutes,
                sqsTriggers);
    }

    private static HttpRoute httpRoute(String logicalId, String eventName, Map<String, Object> properties) {
        String where = "Events." + eventName;
        Object method = properties.get("Method");
        Object path = properties.get("Path");
        if (method == null && path == null) {
            return new HttpRoute(eventName, "ANY", "$default");
        }
        return new HttpRoute(
                eventName,
                method == null
                        ? "ANY"
                        : string(method, logicalId, where + ".Method").toUpperCase(Locale.ROOT),
                string(path, logicalId, where + ".Path"));
    }

    private static SqsTrigger sqsTrigger(String logicalId, String eventName, Map<String, Object> properties) {
        String where = "Events." + eventName;
        Object queue = properties.get("Queue");
        if (!(queue instanceof Intrinsic.GetAtt getAtt && getAtt.attribute().equals("Arn"))) {
            throw new TemplateException(
                    logicalId + ": " + where + ".Queue must be !GetAtt <QueueInThisTemplate>.Arn, found: " + queue);
        }
        boolean reportsBatchItemFailures = false;
        if (properties.get("FunctionResponseTypes") != null) {
            reportsBatchItemFailures = list(
                            properties.get("FunctionResponseTypes"), logicalId, where + ".FunctionResponseTypes")
                    .contains("ReportBatchItemFailures");
        }
        OptionalInt maximumConcurrency = OptionalInt.empty();
        if (properties.get("ScalingConfig") != null) {
            Object value = map(properties.get("ScalingConfig"), logicalId + "." + where + ".ScalingConfig")
                    .get("MaximumConcurrency");
            if (value != null) {
                maximumConcurrency = OptionalInt.of(
                        Math.toIntExact(integer(value, logicalId, where + ".ScalingConfig.MaximumConcurrency")));
            }
        }
        return new SqsTrigger(
                eventName,
                getAtt.logicalId(),
                optionalInt(
                        properties.get("BatchSize"), SqsTrigger.DEFAULT_BATCH_SIZE, logicalId, where + ".BatchSize"),
                optionalInt(
                        properties.get("MaximumBatchingWindowInSeconds"),
                        SqsTrigger.DEFAULT_MAXIMUM_BATCHING_WINDOW_SECONDS,
                        logicalId,
                        where + ".MaximumBatchingWindowInSeconds"),
                maximumConcurrency,
                reportsBatchItemFailures);
    }

    // ------------------------------------------------------------------ typed reads with clear errors

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String where) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new TemplateException(where + " must be a mapping, found: " + value);
    }

    private static List<?> list(Object value, String logicalId, String property) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new TemplateException(logicalId + ": " + property + " must be a list of literal values, found: " + value);
    }

    private static String string(Object value, String logicalId, String property) {
        if (value instanceof String text) {
            return text;
        }
        throw new TemplateException(logicalId + ": " + property + " must be a literal string, found: " + value);
    }

    /** A literal scalar of any YAML type (string, number, boolean) as a string. */
    private static String scalar(Object value, String logicalId, String property) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new TemplateException(logicalId + ": " + property + " must be a literal value, found: " + value);
    }

    private static long integer(Object value, String logicalId, String property) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                // fall through to the common message
            }
        }
        throw new TemplateException(logicalId + ": " + property + " must be a literal integer, found: " + value);
    }

    private static int optionalInt(Object value, int defaultValue, String logicalId, String property) {
        return value == null ? defaultValue : Math.toIntExact(integer(value, logicalId, property));
    }

    private static boolean bool(Object value, String logicalId, String property) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        if ("true".equalsIgnoreCase(String.valueOf(value)) || "false".equalsIgnoreCase(String.valueOf(value))) {
            return Boolean.parseBoolean(String.valueOf(value));
        }
        throw new TemplateException(logicalId + ": " + property + " must be true or false, found: " + value);
    }

    // ------------------------------------------------------------------ YAML with CloudFormation tags

    /** Replaces long-form intrinsics ({@code {Ref: X}}, {@code {"Fn::Sub": ...}}) by {@link Intrinsic} values. */
    private static Object normalizeLongForms(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Map.Entry<?, ?> only = map.entrySet().iterator().next();
                if (only.getKey() instanceof String key && (key.equals("Ref") || key.startsWith("Fn::"))) {
                    String function = key.equals("Ref") ? key : key.substring("Fn::".length());
                    return Intrinsic.of(function, normalizeLongForms(only.getValue()));
                }
            }
            Map<Object, Object> normalized = new LinkedHashMap<>();
            map.forEach((k, v) -> normalized.put(k, normalizeLongForms(v)));
            return normalized;
        }
        if (value instanceof List<?> list) {
            List<Object> normalized = new ArrayList<>(list.size());
            list.forEach(element -> normalized.add(normalizeLongForms(element)));
            return normalized;
        }
        if (value instanceof Intrinsic.Sub sub) {
            Map<String, Object> variables = new LinkedHashMap<>();
            sub.variables().forEach((k, v) -> variables.put(k, normalizeLongForms(v)));
            return new Intrinsic.Sub(sub.template(), variables);
        }
        if (value instanceof Intrinsic.Call call) {
            return new Intrinsic.Call(call.function(), normalizeLongForms(call.arguments()));
        }
        return value;
    }

    /** SnakeYAML's safe constructor plus CloudFormation's short-form tags ({@code !Ref}, {@code !GetAtt}, ...). */
    private static final class CloudFormationConstructor extends SafeConstructor {

        private static final List<String> SHORT_FORM_FUNCTIONS = List.of(
                "Ref",
                "GetAtt",
                "Sub",
                "If",
                "Join",
                "Select",
                "Split",
                "Equals",
                "And",
                "Or",
                "Not",
                "FindInMap",
                "Base64",
                "Cidr",
                "GetAZs",
                "ImportValue",
                "Condition",
                "Transform",
                "Length",
                "ToJsonString");

        CloudFormationConstructor() {
            super(new LoaderOptions());
            for (String function : SHORT_FORM_FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + function), new ConstructIntrinsic(function));
            }
        }

        private final class ConstructIntrinsic extends AbstractConstruct {
            private final String function;

            ConstructIntrinsic(String function) {
                this.function = function;
            }

            @Override
            public Object construct(Node node) {
                Object argument;
                if (node instanceof ScalarNode scalar) {
                    argument = constructScalar(scalar);
                } else if (node instanceof SequenceNode sequence) {
                    argument = constructSequence(sequence);
                } else {
                    argument = constructMapping((MappingNode) node);
                }
                try {
                    return Intrinsic.of(function, argument);
                } catch (TemplateException e) {
                    throw new TemplateException(e.getMessage() + " at " + node.getStartMark(), e);
                }
            }
        }
    }
}
