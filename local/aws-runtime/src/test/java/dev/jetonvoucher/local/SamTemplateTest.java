package dev.jetonvoucher.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SamTemplateTest {

    private static final SamTemplate REPOSITORY_TEMPLATE = SamTemplate.load(SamTemplate.locate());

    private static SamTemplate parse(String yaml) {
        return SamTemplate.parse(Path.of("inline-template.yaml"), yaml);
    }

    // ------------------------------------------------------------------ the repository's template.yaml

    @Test
    void locate_finds_the_repository_template_from_a_module_directory() {
        Path located = SamTemplate.locate();

        assertEquals(SamTemplate.FILE_NAME, located.getFileName().toString());
        assertTrue(Files.isDirectory(located.getParent().resolve("local/aws-runtime")), located.toString());
    }

    @Test
    void payments_table_has_its_keys_index_and_billing() {
        TableDef payments = REPOSITORY_TEMPLATE.table("PaymentsTable");

        assertEquals(
                List.of(new TableDef.KeyElement("pk", "HASH"), new TableDef.KeyElement("sk", "RANGE")),
                payments.keySchema());
        assertEquals(Map.of("pk", "S", "sk", "S", "project_id", "N", "created_key", "S"), payments.attributeTypes());
        assertEquals(
                List.of(new TableDef.Index(
                        "by-project-created-keys",
                        List.of(
                                new TableDef.KeyElement("project_id", "HASH"),
                                new TableDef.KeyElement("created_key", "RANGE")),
                        new TableDef.Projection("KEYS_ONLY", List.of()),
                        Optional.empty())),
                payments.globalSecondaryIndexes());
        assertEquals(List.of(), payments.localSecondaryIndexes());
        assertTrue(payments.payPerRequest());
        assertEquals(Optional.empty(), payments.timeToLiveAttribute());
    }

    @Test
    void every_table_of_the_template_is_read() {
        assertEquals(
                List.of(
                        "PaymentsTable",
                        "BalancesTable",
                        "ProjectsTable",
                        "VoucherLedgerTable",
                        "DashboardSessionsTable"),
                REPOSITORY_TEMPLATE.tables().stream().map(TableDef::logicalId).toList());
    }

    @Test
    void queues_carry_their_attributes_redrive_and_sqs_defaults() {
        QueueDef statusPoll = REPOSITORY_TEMPLATE.queue("StatusPollQueue");
        assertEquals(180, statusPoll.visibilityTimeoutSeconds());
        assertEquals(1_209_600, statusPoll.messageRetentionPeriodSeconds());
        assertEquals(0, statusPoll.delaySeconds());
        assertEquals(Optional.of(new QueueDef.Redrive("StatusPollDeadLetterQueue", 5)), statusPoll.redrive());

        QueueDef deadLetterQueue = REPOSITORY_TEMPLATE.queue("StatusPollDeadLetterQueue");
        assertEquals(QueueDef.DEFAULT_VISIBILITY_TIMEOUT_SECONDS, deadLetterQueue.visibilityTimeoutSeconds());
        assertEquals(Optional.empty(), deadLetterQueue.redrive());
        // Counted from the file, so adding a queue to the template does not break this test.
        long declared = readLines(REPOSITORY_TEMPLATE.path()).stream()
                .filter(line -> line.trim().equals("Type: AWS::SQS::Queue"))
                .count();
        assertEquals(declared, REPOSITORY_TEMPLATE.queues().size(), "every queue of the template is read");
        assertTrue(REPOSITORY_TEMPLATE.queues().stream()
                .anyMatch(queue -> queue.logicalId().equals("CompensationDeadLetterQueue")));
    }

    @Test
    void functions_get_globals_unless_they_override_them() {
        FunctionDef dispatch = REPOSITORY_TEMPLATE.function("DispatchFunction");
        assertEquals(30, dispatch.timeoutSeconds(), "own Timeout");
        assertEquals(512, dispatch.memorySizeMb(), "own MemorySize");
        assertEquals(1024, REPOSITORY_TEMPLATE.function("GateSaleFunction").memorySizeMb(), "global MemorySize");

        FunctionDef health = REPOSITORY_TEMPLATE.function("HealthFunction");
        assertEquals(15, health.timeoutSeconds(), "global Timeout");
        assertEquals(256, health.memorySizeMb(), "own MemorySize");
        // Counted from the file, so adding a function to the template does not break this test.
        long declared = readLines(REPOSITORY_TEMPLATE.path()).stream()
                .filter(line -> line.trim().equals("Type: AWS::Serverless::Function"))
                .count();
        assertEquals(declared, REPOSITORY_TEMPLATE.functions().size(), "every function of the template is read");
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void function_handler_code_uri_and_environment_are_read() {
        FunctionDef sale = REPOSITORY_TEMPLATE.function("GateSaleFunction");

        assertEquals("dev.jetonvoucher.functions.sale.SaleHandler", sale.handlerClass());
        assertEquals("handleRequest", sale.handlerMethod());
        assertEquals("functions/gate-sale/target/function.jar", sale.codeUri());
        assertEquals(new Intrinsic.Ref("PaymentsTable"), sale.environment().get("PAYMENTS_TABLE"));
        assertEquals(
                new Intrinsic.Sub("/${ProjectSecretsPath}", Map.of()),
                sale.environment().get("PROJECT_SECRETS_PATH"));
        assertEquals(
                "-XX:+TieredCompilation -XX:TieredStopAtLevel=1",
                sale.environment().get("JAVA_TOOL_OPTIONS"));
        assertEquals(List.of(new HttpRoute("Sale", "POST", "/v2/payment/voucher/jeton/sale")), sale.httpRoutes());
        assertEquals(List.of(), sale.sqsTriggers());
    }

    @Test
    void sqs_triggers_name_their_queue_batch_size_batching_window_concurrency_and_partial_failures() {
        assertEquals(
                List.of(new SqsTrigger("Callbacks", "MerchantCallbackQueue", 1, 0, OptionalInt.of(50), true)),
                REPOSITORY_TEMPLATE.function("MerchantCallbackFunction").sqsTriggers());
        assertEquals(
                List.of(new SqsTrigger("Poll", "StatusPollQueue", 10, 0, OptionalInt.empty(), true)),
                REPOSITORY_TEMPLATE.function("StatusPollFunction").sqsTriggers());
    }

    @Test
    void parameters_keep_their_defaults() {
        assertEquals(
                Optional.of("jeton-voucher/projects"),
                REPOSITORY_TEMPLATE.parameters().get("ProjectSecretsPath").defaultValue());
        assertEquals(
                Optional.of("jeton-voucher/keys"),
                REPOSITORY_TEMPLATE.parameters().get("PlatformKeysPath").defaultValue());
        assertEquals(Optional.of("AWS::Serverless::HttpApi"), REPOSITORY_TEMPLATE.resourceType("GateApi"));
    }

    // ------------------------------------------------------------------ CloudFormation YAML forms

    @Test
    void short_and_long_form_intrinsics_parse_to_the_same_values() {
        SamTemplate template = parse("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: f.jar
                      Handler: a.B::handle
                      Environment:
                        Variables:
                          REF_SHORT: !Ref Queue
                          REF_LONG: {Ref: Queue}
                          ATT_DOTTED: !GetAtt Queue.Arn
                          ATT_LIST: !GetAtt [Queue, Arn]
                          ATT_LONG: {"Fn::GetAtt": [Queue, Arn]}
                          SUB_STRING: !Sub "${AWS::Region}-${Queue.QueueName}"
                          SUB_LIST: !Sub ["${x}/y", {x: !Ref Queue}]
                          SUB_LONG: {"Fn::Sub": ["${x}/y", {x: {Ref: Queue}}]}
                          IF: !If [IsProd, a, !Ref Queue]
                          JOIN: !Join [",", [a, !Ref Queue]]
                          SELECT: !Select [0, !Split [",", "a,b"]]
                          ENDPOINT: !GetAtt Db.Endpoint.Address
                          NUMBER: 42
                  Queue:
                    Type: AWS::SQS::Queue
                """);

        Map<String, Object> env = template.function("Fn").environment();
        Intrinsic.Ref queueRef = new Intrinsic.Ref("Queue");
        Intrinsic.GetAtt queueArn = new Intrinsic.GetAtt("Queue", "Arn");
        assertEquals(queueRef, env.get("REF_SHORT"));
        assertEquals(queueRef, env.get("REF_LONG"));
        assertEquals(queueArn, env.get("ATT_DOTTED"));
        assertEquals(queueArn, env.get("ATT_LIST"));
        assertEquals(queueArn, env.get("ATT_LONG"));
        assertEquals(new Intrinsic.Sub("${AWS::Region}-${Queue.QueueName}", Map.of()), env.get("SUB_STRING"));
        assertEquals(new Intrinsic.Sub("${x}/y", Map.of("x", queueRef)), env.get("SUB_LIST"));
        assertEquals(env.get("SUB_LIST"), env.get("SUB_LONG"));
        assertEquals(new Intrinsic.Call("If", List.of("IsProd", "a", queueRef)), env.get("IF"));
        assertEquals(new Intrinsic.Call("Join", List.of(",", List.of("a", queueRef))), env.get("JOIN"));
        assertEquals(
                new Intrinsic.Call("Select", List.of(0, new Intrinsic.Call("Split", List.of(",", "a,b")))),
                env.get("SELECT"));
        assertEquals(new Intrinsic.GetAtt("Db", "Endpoint.Address"), env.get("ENDPOINT"));
        assertEquals(42, env.get("NUMBER"));
    }

    @Test
    void globals_merge_variables_key_by_key_and_own_values_win() {
        SamTemplate template = parse("""
                Globals:
                  Function:
                    Timeout: 10
                    Handler: global.Handler::handle
                    Environment:
                      Variables: {SHARED: global, OVERRIDDEN: global}
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: f.jar
                      Environment:
                        Variables: {OVERRIDDEN: own, OWN: own}
                """);

        FunctionDef function = template.function("Fn");
        assertEquals(Map.of("SHARED", "global", "OVERRIDDEN", "own", "OWN", "own"), function.environment());
        assertEquals(10, function.timeoutSeconds());
        assertEquals(FunctionDef.DEFAULT_MEMORY_SIZE_MB, function.memorySizeMb());
        assertEquals("global.Handler", function.handlerClass());
    }

    @Test
    void handler_without_method_means_handle_request() {
        FunctionDef function = parse("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties: {CodeUri: f.jar, Handler: a.b.OnlyClass}
                """).function("Fn");

        assertEquals("a.b.OnlyClass", function.handlerClass());
        assertEquals("handleRequest", function.handlerMethod());
    }

    @Test
    void table_with_ttl_local_index_and_provisioned_throughput_is_read() {
        TableDef table = parse("""
                Resources:
                  T:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}, {AttributeName: at, AttributeType: N}]
                      KeySchema: [{AttributeName: id, KeyType: HASH}, {AttributeName: at, KeyType: RANGE}]
                      ProvisionedThroughput: {ReadCapacityUnits: 2, WriteCapacityUnits: "3"}
                      TimeToLiveSpecification: {AttributeName: expires, Enabled: true}
                      LocalSecondaryIndexes:
                        - IndexName: by-at
                          KeySchema: [{AttributeName: id, KeyType: HASH}, {AttributeName: at, KeyType: RANGE}]
                          Projection: {ProjectionType: INCLUDE, NonKeyAttributes: [status]}
                """).table("T");

        assertFalse(table.payPerRequest());
        assertEquals("PROVISIONED", table.billingMode());
        assertEquals(Optional.of(new TableDef.Throughput(2, 3)), table.provisionedThroughput());
        assertEquals(Optional.of("expires"), table.timeToLiveAttribute());
        assertEquals(
                new TableDef.Projection("INCLUDE", List.of("status")),
                table.localSecondaryIndexes().get(0).projection());
    }

    @Test
    void http_api_event_without_method_and_path_is_the_catch_all_route() {
        FunctionDef function = parse("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: f.jar
                      Handler: a.B::handle
                      Events:
                        Everything: {Type: HttpApi}
                        Get: {Type: HttpApi, Properties: {Method: get, Path: /x}}
                """).function("Fn");

        assertEquals(
                List.of(new HttpRoute("Everything", "ANY", "$default"), new HttpRoute("Get", "GET", "/x")),
                function.httpRoutes());
    }

    @Test
    void operations_resources_are_read_as_written_and_create_nothing_locally() {
        SamTemplate template = parse("""
                Parameters:
                  AlarmTopicArn: {Type: String, Default: ""}
                  LogRetentionDays: {Type: Number, Default: 30, AllowedValues: [7, 30]}
                Conditions:
                  NotifiesAlarmTopic: !Not [!Equals [!Ref AlarmTopicArn, ""]]
                Globals:
                  Function: {Tracing: !Ref TracingMode}
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Metadata: {SkipBuild: true}
                    Properties: {CodeUri: f.jar, Handler: a.B::handle, LoggingConfig: {LogGroup: !Ref FnLogGroup}}
                  FnLogGroup:
                    Type: AWS::Logs::LogGroup
                    Properties: {LogGroupName: !Sub "/aws/lambda/${AWS::StackName}/Fn", RetentionInDays: !Ref LogRetentionDays}
                  FnErrorsAlarm:
                    Type: AWS::CloudWatch::Alarm
                    Properties:
                      Namespace: AWS/Lambda
                      MetricName: Errors
                      Dimensions: [{Name: FunctionName, Value: !Ref Fn}]
                      AlarmActions: !If [NotifiesAlarmTopic, [!Ref AlarmTopicArn], !Ref AWS::NoValue]
                  Topic: {Type: AWS::SNS::Topic}
                Outputs:
                  LogGroupName: {Value: !Ref FnLogGroup}
                """);

        assertEquals(List.of(), template.tables());
        assertEquals(List.of(), template.queues());
        assertEquals(
                List.of("Fn"),
                template.functions().stream().map(FunctionDef::logicalId).toList());
        assertEquals(List.of("FnErrorsAlarm"), template.resourcesOfType("AWS::CloudWatch::Alarm"));
        assertEquals(List.of("Topic"), template.resourcesOfType("AWS::SNS::Topic"));
        assertEquals(Map.of(), template.properties("Topic"));
        assertEquals(Map.of("SkipBuild", true), template.metadata("Fn"));
        assertEquals(Map.of(), template.metadata("Topic"));
        assertEquals(
                new Intrinsic.Ref("LogRetentionDays"),
                template.properties("FnLogGroup").get("RetentionInDays"));
        assertEquals(
                Map.of("LogGroup", new Intrinsic.Ref("FnLogGroup")),
                template.properties("Fn").get("LoggingConfig"));
        assertEquals(
                new Intrinsic.Ref("TracingMode"), template.functionGlobals().get("Tracing"));
        assertEquals(
                Map.of("Value", new Intrinsic.Ref("FnLogGroup")),
                template.outputs().get("LogGroupName"));
        assertEquals(
                Optional.of("30"), template.parameters().get("LogRetentionDays").defaultValue());
        assertEquals(
                List.of("7", "30"),
                template.parameters().get("LogRetentionDays").allowedValues());
        assertEquals(List.of(), template.parameters().get("AlarmTopicArn").allowedValues());
    }

    @Test
    void the_repository_templates_alarms_and_log_groups_are_known_but_not_tables_or_queues() {
        assertFalse(
                REPOSITORY_TEMPLATE.resourcesOfType("AWS::CloudWatch::Alarm").isEmpty());
        assertFalse(REPOSITORY_TEMPLATE.resourcesOfType("AWS::Logs::LogGroup").isEmpty());
        assertEquals(
                REPOSITORY_TEMPLATE.resourcesOfType("AWS::SQS::Queue"),
                REPOSITORY_TEMPLATE.queues().stream().map(QueueDef::logicalId).toList());
        assertEquals(
                REPOSITORY_TEMPLATE.resourcesOfType("AWS::DynamoDB::Table"),
                REPOSITORY_TEMPLATE.tables().stream().map(TableDef::logicalId).toList());
    }

    @Test
    void properties_of_a_resource_not_in_the_template_is_an_error_naming_it() {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> REPOSITORY_TEMPLATE.properties("NoSuchResource"));

        assertTrue(error.getMessage().startsWith("no resource NoSuchResource in "), error.getMessage());
    }

    // ------------------------------------------------------------------ what cannot be used locally

    @Test
    void key_schema_computed_by_an_intrinsic_is_rejected_naming_the_table() {
        TemplateException error = assertThrows(TemplateException.class, () -> parse("""
                Resources:
                  Computed:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                      KeySchema: [{AttributeName: !Ref KeyName, KeyType: HASH}]
                """));

        assertTrue(
                error.getMessage().startsWith("Computed: KeySchema.AttributeName must be a literal string"),
                error.getMessage());
    }

    @Test
    void sqs_event_on_a_queue_outside_the_template_is_rejected_naming_the_function() {
        TemplateException error = assertThrows(TemplateException.class, () -> parse("""
                Resources:
                  Consumer:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: f.jar
                      Handler: a.B::handle
                      Events:
                        External: {Type: SQS, Properties: {Queue: "arn:aws:sqs:us-east-1:123456789012:elsewhere"}}
                """));

        assertTrue(
                error.getMessage().startsWith("Consumer: Events.External.Queue must be !GetAtt"), error.getMessage());
    }

    @Test
    void malformed_get_att_is_rejected_with_its_position() {
        TemplateException error = assertThrows(TemplateException.class, () -> parse("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties: {CodeUri: f.jar, Environment: {Variables: {X: !GetAtt NoAttribute}}}
                """));

        assertTrue(error.getMessage().contains("GetAtt needs"), error.getMessage());
        assertTrue(error.getMessage().contains("line 4"), error.getMessage());
    }
}
