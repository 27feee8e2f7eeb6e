package dev.jetonvoucher.templatechecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jetonvoucher.local.FunctionDef;
import dev.jetonvoucher.local.Intrinsic;
import dev.jetonvoucher.local.ParameterDef;
import dev.jetonvoucher.local.QueueDef;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.local.SqsTrigger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What an operator of a deployed stack relies on (docs/deploy.md): an alarm on every dead-letter queue and on each
 * function's errors and throttles, all notifying the AlarmTopicArn topic when one is given; a log group of its own
 * per function with the LogRetentionDays retention; X-Ray tracing chosen by a parameter; throttling on the HTTP API;
 * and outputs naming where to write a project and where to look for work that did not complete.
 */
class OperationsTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load(SamTemplate.locate());
    private static final String ALARM_TYPE = "AWS::CloudWatch::Alarm";
    private static final String LOG_GROUP_TYPE = "AWS::Logs::LogGroup";
    private static final Intrinsic.Ref ALARM_TOPIC = new Intrinsic.Ref("AlarmTopicArn");

    // ------------------------------------------------------------------ alarms

    /** Redrive targets, and queues no function consumes (CompensationDeadLetterQueue is filled by a worker). */
    private static Set<String> deadLetterQueues() {
        Set<String> consumed = TEMPLATE.functions().stream()
                .flatMap(f -> f.sqsTriggers().stream())
                .map(SqsTrigger::queueLogicalId)
                .collect(Collectors.toSet());
        Set<String> deadLetterQueues = new LinkedHashSet<>();
        TEMPLATE.queues().forEach(q -> q.redrive().ifPresent(r -> deadLetterQueues.add(r.deadLetterQueueLogicalId())));
        TEMPLATE.queues().stream()
                .map(QueueDef::logicalId)
                .filter(q -> !consumed.contains(q))
                .forEach(deadLetterQueues::add);
        return deadLetterQueues;
    }

    @Test
    void the_dead_letter_queues_include_the_compensation_queue() {
        assertTrue(deadLetterQueues().contains("CompensationDeadLetterQueue"), deadLetterQueues()::toString);
        assertTrue(deadLetterQueues().contains("MerchantCallbackDeadLetterQueue"), deadLetterQueues()::toString);
    }

    @TestFactory
    Stream<DynamicTest> every_dead_letter_queue_alarms_as_soon_as_one_message_waits() {
        return deadLetterQueues().stream()
                .map(queue -> DynamicTest.dynamicTest(queue + " depth > 0", () -> {
                    Map<String, Object> alarm = alarmOn(
                            "AWS/SQS",
                            "ApproximateNumberOfMessagesVisible",
                            Map.of("Name", "QueueName", "Value", new Intrinsic.GetAtt(queue, "QueueName")));
                    assertAboveZero(alarm);
                }));
    }

    @TestFactory
    Stream<DynamicTest> every_function_alarms_on_its_errors_and_throttles() {
        return TEMPLATE.functions().stream()
                .flatMap(function -> Stream.of("Errors", "Throttles")
                        .map(metric -> DynamicTest.dynamicTest(function.logicalId() + " " + metric + " > 0", () -> {
                            Map<String, Object> alarm = alarmOn(
                                    "AWS/Lambda",
                                    metric,
                                    Map.of("Name", "FunctionName", "Value", new Intrinsic.Ref(function.logicalId())));
                            assertAboveZero(alarm);
                        })));
    }

    @TestFactory
    Stream<DynamicTest> every_alarm_notifies_the_alarm_topic_when_one_is_given() {
        List<String> alarms = TEMPLATE.resourcesOfType(ALARM_TYPE);
        assertFalse(alarms.isEmpty(), "the template has no alarms");
        return alarms.stream()
                .map(alarm -> DynamicTest.dynamicTest(alarm, () -> {
                    Map<String, Object> properties = TEMPLATE.properties(alarm);
                    assertNotifiesTopicWhenGiven(alarm, "AlarmActions", properties.get("AlarmActions"));
                    assertNotifiesTopicWhenGiven(alarm, "OKActions", properties.get("OKActions"));
                }));
    }

    @Test
    void the_alarm_topic_is_optional() {
        ParameterDef topic = TEMPLATE.parameters().get("AlarmTopicArn");
        assertEquals("String", topic.type());
        assertEquals(Optional.of(""), topic.defaultValue(), "without a topic the stack still deploys, alarms and all");
    }

    /** {@code !If [<condition>, [!Ref AlarmTopicArn], !Ref AWS::NoValue]}: the topic when given, nothing otherwise. */
    private static void assertNotifiesTopicWhenGiven(String alarm, String property, Object actions) {
        Intrinsic.Call choice = assertInstanceOf(
                Intrinsic.Call.class,
                actions,
                () -> alarm + " " + property + " must be !If [<topic given>, [!Ref AlarmTopicArn], !Ref AWS::NoValue]");
        assertEquals("If", choice.function(), alarm + " " + property);
        List<?> arguments = assertInstanceOf(List.class, choice.arguments());
        assertEquals(3, arguments.size(), () -> alarm + " " + property + ": " + arguments);
        assertEquals(List.of(ALARM_TOPIC), arguments.get(1), alarm + " " + property + " when a topic is given");
        assertEquals(new Intrinsic.Ref("AWS::NoValue"), arguments.get(2), alarm + " " + property + " without a topic");
    }

    private static Map<String, Object> alarmOn(String namespace, String metric, Map<String, Object> dimension) {
        List<Map<String, Object>> matching = TEMPLATE.resourcesOfType(ALARM_TYPE).stream()
                .map(TEMPLATE::properties)
                .filter(p -> namespace.equals(p.get("Namespace"))
                        && metric.equals(p.get("MetricName"))
                        && List.of(dimension).equals(p.get("Dimensions")))
                .toList();
        if (matching.size() != 1) {
            fail("expected one " + ALARM_TYPE + " on " + namespace + " " + metric + " with the dimension " + dimension
                    + ", found " + matching.size());
        }
        return matching.get(0);
    }

    /** Any datapoint above zero in one period: GreaterThanThreshold 0 (or >= 1), a breach after one period. */
    private static void assertAboveZero(Map<String, Object> alarm) {
        String operator = String.valueOf(alarm.get("ComparisonOperator"));
        double threshold = Double.parseDouble(String.valueOf(alarm.get("Threshold")));
        assertTrue(
                operator.equals("GreaterThanThreshold") && threshold == 0
                        || operator.equals("GreaterThanOrEqualToThreshold") && threshold == 1,
                () -> "the alarm must fire above zero, found " + operator + " " + threshold);
        assertEquals(1, ((Number) alarm.get("EvaluationPeriods")).intValue(), "one period above zero is enough");
        assertEquals(
                "notBreaching",
                alarm.get("TreatMissingData"),
                "no datapoint (an idle function or an empty queue) is not an alarm");
    }

    // ------------------------------------------------------------------ logs and tracing

    @TestFactory
    Stream<DynamicTest> every_function_logs_to_a_group_of_its_own_with_the_retention_parameter() {
        return TEMPLATE.functions().stream()
                .map(function -> DynamicTest.dynamicTest(function.logicalId(), () -> {
                    String group = logGroupOf(function);
                    assertEquals(
                            Optional.of(LOG_GROUP_TYPE),
                            TEMPLATE.resourceType(group),
                            () -> function.logicalId() + " LoggingConfig.LogGroup must !Ref an " + LOG_GROUP_TYPE
                                    + " of the template");
                    assertEquals(
                            new Intrinsic.Ref("LogRetentionDays"),
                            TEMPLATE.properties(group).get("RetentionInDays"),
                            () -> group + " RetentionInDays");
                }));
    }

    @Test
    void no_two_functions_share_a_log_group() {
        List<String> groups =
                TEMPLATE.functions().stream().map(OperationsTest::logGroupOf).toList();
        assertEquals(groups.size(), Set.copyOf(groups).size(), groups::toString);
    }

    @Test
    void logs_are_kept_thirty_days_unless_the_operator_chooses() {
        ParameterDef retention = TEMPLATE.parameters().get("LogRetentionDays");
        assertEquals("Number", retention.type());
        assertEquals(Optional.of("30"), retention.defaultValue());
        assertTrue(retention.allowedValues().contains("30"), retention.allowedValues()::toString);
    }

    @Test
    void every_functions_lines_are_json_for_logs_insights() {
        TEMPLATE.functions()
                .forEach(function -> assertEquals(
                        "json", function.environment().get("LOG_FORMAT"), () -> function.logicalId() + " LOG_FORMAT"));
    }

    @Test
    void tracing_is_a_parameter_of_every_function() {
        assertEquals(
                new Intrinsic.Ref("TracingMode"),
                TEMPLATE.functionGlobals().get("Tracing"),
                "Globals.Function.Tracing");
        TEMPLATE.functions()
                .forEach(function -> assertFalse(
                        TEMPLATE.properties(function.logicalId()).containsKey("Tracing"),
                        () -> function.logicalId()
                                + " sets its own Tracing, out of the TracingMode parameter's reach"));
        ParameterDef mode = TEMPLATE.parameters().get("TracingMode");
        assertEquals(
                List.of("Active", "PassThrough"),
                mode.allowedValues().stream().sorted().toList());
        assertTrue(mode.defaultValue().isPresent(), "TracingMode needs a default");
    }

    private static String logGroupOf(FunctionDef function) {
        Object config = TEMPLATE.properties(function.logicalId()).get("LoggingConfig");
        if (config instanceof Map<?, ?> logging && logging.get("LogGroup") instanceof Intrinsic.Ref ref) {
            return ref.logicalId();
        }
        throw new AssertionError(
                function.logicalId() + " needs LoggingConfig: {LogGroup: !Ref <its log group>}, found: " + config);
    }

    // ------------------------------------------------------------------ the HTTP API

    @TestFactory
    Stream<DynamicTest> every_http_api_throttles_by_parameters() {
        List<String> apis = TEMPLATE.resourcesOfType("AWS::Serverless::HttpApi");
        assertFalse(apis.isEmpty(), "the template has no HTTP API");
        return apis.stream()
                .flatMap(api -> Stream.of("ThrottlingRateLimit", "ThrottlingBurstLimit")
                        .map(setting -> DynamicTest.dynamicTest(api + " " + setting, () -> {
                            Object routeSettings = TEMPLATE.properties(api).get("DefaultRouteSettings");
                            Map<?, ?> settings = assertInstanceOf(
                                    Map.class, routeSettings, () -> api + " has no DefaultRouteSettings");
                            Intrinsic.Ref ref = assertInstanceOf(
                                    Intrinsic.Ref.class,
                                    settings.get(setting),
                                    () -> api + " DefaultRouteSettings." + setting + " must !Ref a parameter");
                            ParameterDef parameter = TEMPLATE.parameters().get(ref.logicalId());
                            assertEquals("Number", parameter.type(), ref.logicalId());
                            assertTrue(
                                    parameter
                                            .defaultValue()
                                            .map(Double::parseDouble)
                                            .filter(v -> v > 0)
                                            .isPresent(),
                                    () -> ref.logicalId() + " needs a positive default");
                        })));
    }

    // ------------------------------------------------------------------ sam build and deploy

    @TestFactory
    Stream<DynamicTest> every_function_is_deployed_from_its_maven_built_jar_without_sam_build() {
        return TEMPLATE.functions().stream()
                .map(function -> DynamicTest.dynamicTest(function.logicalId(), () -> {
                    assertTrue(
                            function.codeUri().endsWith(".jar"),
                            () -> function.logicalId() + " CodeUri " + function.codeUri());
                    assertEquals(
                            true,
                            TEMPLATE.metadata(function.logicalId()).get("SkipBuild"),
                            () -> function.logicalId()
                                    + " needs Metadata: {SkipBuild: true}, or sam build tries to rebuild its jar");
                }));
    }

    // ------------------------------------------------------------------ outputs

    @Test
    void outputs_name_the_api_and_where_a_project_is_registered() {
        assertOutput(
                "GateApiUrl",
                new Intrinsic.Sub("https://${GateApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}", Map.of()));
        assertOutput("ProjectsTableName", new Intrinsic.Ref("ProjectsTable"));
        assertOutput("ProjectSecretsParameterPath", new Intrinsic.Sub("/${ProjectSecretsPath}", Map.of()));
    }

    @TestFactory
    Stream<DynamicTest> every_dead_letter_queue_is_an_output() {
        return deadLetterQueues().stream()
                .map(queue -> DynamicTest.dynamicTest(
                        queue + "Url", () -> assertOutput(queue + "Url", new Intrinsic.Ref(queue))));
    }

    private static void assertOutput(String name, Object value) {
        Object output = TEMPLATE.outputs().get(name);
        Map<?, ?> definition = assertInstanceOf(Map.class, output, () -> "no output " + name);
        assertEquals(value, definition.get("Value"), name);
    }
}
