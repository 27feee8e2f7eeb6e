package dev.jetonvoucher.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Resource creation and environment resolution, on the JVM's shared endpoint. */
class TemplateResourcesTest {

    private static final String CHAINED_QUEUES = """
            Parameters:
              Stage: {Type: String, Default: test}
              Secret: {Type: String}
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: f.jar
                  Handler: dev.example.Worker::handleRequest
                  Environment:
                    Variables:
                      WORK_URL: !Ref Work
                      WORK_ARN: !GetAtt Work.Arn
                      WORK_NAME: !GetAtt Work.QueueName
                      ITEMS: !Ref Items
                      ITEMS_ARN: !GetAtt Items.Arn
                      STAGE: !Ref Stage
                      SECRET: !Ref Secret
                      PATH_SUB: !Sub "/${Stage}/${Work.QueueName}/${!NotResolved}"
                      REGION_SUB: !Sub ["${AWS::Region}:${q}", {q: !Ref Last}]
                      JOINED: !Join ["|", [!Ref Stage, literal, 7]]
                      PLAIN: plain
              # Declared before their dead-letter queues on purpose: creation must reorder them.
              Work:
                Type: AWS::SQS::Queue
                Properties:
                  VisibilityTimeout: 60
                  DelaySeconds: 1
                  RedrivePolicy: {deadLetterTargetArn: !GetAtt Retry.Arn, maxReceiveCount: 3}
              Retry:
                Type: AWS::SQS::Queue
                Properties:
                  RedrivePolicy: {deadLetterTargetArn: !GetAtt Last.Arn, maxReceiveCount: "2"}
              Last:
                Type: AWS::SQS::Queue
              Items:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                  KeySchema: [{AttributeName: id, KeyType: HASH}]
                  TimeToLiveSpecification: {AttributeName: expires_at, Enabled: true}
            """;

    private final LocalAwsEndpoint endpoint = LocalAwsEndpoint.shared();

    private static SamTemplate template(String yaml) {
        return SamTemplate.parse(Path.of("resources-test-template.yaml"), yaml);
    }

    @Test
    void dead_letter_queues_are_ordered_before_the_queues_that_redrive_to_them() {
        List<String> order = TemplateResources.deadLetterQueuesFirst(template(CHAINED_QUEUES)).stream()
                .map(QueueDef::logicalId)
                .toList();

        assertEquals(List.of("Last", "Retry", "Work"), order);
    }

    @Test
    void redrive_cycle_is_rejected() {
        SamTemplate cyclic = template("""
                Resources:
                  A: {Type: "AWS::SQS::Queue", Properties: {RedrivePolicy: {deadLetterTargetArn: !GetAtt B.Arn, maxReceiveCount: 1}}}
                  B: {Type: "AWS::SQS::Queue", Properties: {RedrivePolicy: {deadLetterTargetArn: !GetAtt A.Arn, maxReceiveCount: 1}}}
                """);

        TemplateException error =
                assertThrows(TemplateException.class, () -> TemplateResources.deadLetterQueuesFirst(cyclic));
        assertEquals("queues redrive in a cycle: A -> B -> A", error.getMessage());
    }

    @Test
    void queues_are_created_with_their_attributes_and_redrive_to_the_real_dead_letter_arn() {
        TemplateResources.Deployed deployed =
                TemplateResources.create(template(CHAINED_QUEUES), endpoint, TemplateResources.uniquePrefix("chain"));

        Map<QueueAttributeName, String> work = endpoint.sqs()
                .getQueueAttributes(r -> r.queueUrl(deployed.queueUrl("Work")).attributeNames(QueueAttributeName.ALL))
                .attributes();
        assertEquals("60", work.get(QueueAttributeName.VISIBILITY_TIMEOUT));
        assertEquals("1", work.get(QueueAttributeName.DELAY_SECONDS));
        assertTrue(work.get(QueueAttributeName.REDRIVE_POLICY).contains(deployed.queueArn("Retry")), work.toString());
        assertTrue(deployed.queueArn("Work").endsWith(":" + deployed.prefix() + "Work"), deployed.queueArn("Work"));
        assertEquals(deployed.prefix() + "Items", deployed.tableName("Items"));
        assertEquals(
                "ENABLED",
                endpoint.dynamoDb()
                        .describeTimeToLive(r -> r.tableName(deployed.tableName("Items")))
                        .timeToLiveDescription()
                        .timeToLiveStatusAsString());
    }

    @Test
    void
            creating_again_with_the_same_prefix_reuses_tables_and_queues_with_their_content_and_reapplies_queue_attributes() {
        SamTemplate template = template(CHAINED_QUEUES);
        String prefix = TemplateResources.uniquePrefix("again");
        TemplateResources.Deployed first = TemplateResources.create(template, endpoint, prefix);
        endpoint.dynamoDb()
                .putItem(r -> r.tableName(first.tableName("Items")).item(Map.of("id", AttributeValue.fromS("kept"))));
        endpoint.sqs().sendMessage(r -> r.queueUrl(first.queueUrl("Last")).messageBody("still queued"));
        endpoint.sqs()
                .setQueueAttributes(r -> r.queueUrl(first.queueUrl("Work"))
                        .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "5")));

        TemplateResources.Deployed second = TemplateResources.create(template, endpoint, prefix);

        assertEquals(first.queueUrl("Work"), second.queueUrl("Work"));
        assertEquals(first.queueArn("Last"), second.queueArn("Last"));
        assertEquals(first.tableName("Items"), second.tableName("Items"));
        assertEquals(
                "kept",
                endpoint.dynamoDb()
                        .getItem(r ->
                                r.tableName(second.tableName("Items")).key(Map.of("id", AttributeValue.fromS("kept"))))
                        .item()
                        .get("id")
                        .s());
        assertEquals(
                List.of("still queued"),
                endpoint
                        .sqs()
                        .receiveMessage(r -> r.queueUrl(second.queueUrl("Last")).waitTimeSeconds(1))
                        .messages()
                        .stream()
                        .map(message -> message.body())
                        .toList());
        assertEquals(
                "60",
                endpoint.sqs()
                        .getQueueAttributes(r -> r.queueUrl(second.queueUrl("Work"))
                                .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
                        .attributes()
                        .get(QueueAttributeName.VISIBILITY_TIMEOUT),
                "the template's visibility timeout applies again");
        assertEquals(
                "ENABLED",
                endpoint.dynamoDb()
                        .describeTimeToLive(r -> r.tableName(second.tableName("Items")))
                        .timeToLiveDescription()
                        .timeToLiveStatusAsString());
    }

    @Test
    void environment_resolves_references_parameters_sub_and_join() {
        SamTemplate template = template(CHAINED_QUEUES);
        TemplateResources.Deployed deployed =
                TemplateResources.create(template, endpoint, TemplateResources.uniquePrefix("env"));

        Map<String, String> env = deployed.environmentFor(template.function("Worker"), Map.of("Secret", "s3cr3t"));

        String workName = deployed.prefix() + "Work";
        assertEquals(deployed.queueUrl("Work"), env.get("WORK_URL"));
        assertEquals(deployed.queueArn("Work"), env.get("WORK_ARN"));
        assertEquals(workName, env.get("WORK_NAME"));
        assertEquals(deployed.tableName("Items"), env.get("ITEMS"));
        assertTrue(
                env.get("ITEMS_ARN").startsWith("arn:aws:dynamodb:")
                        && env.get("ITEMS_ARN").endsWith("/" + deployed.tableName("Items")),
                env.get("ITEMS_ARN"));
        assertEquals("test", env.get("STAGE"));
        assertEquals("s3cr3t", env.get("SECRET"));
        assertEquals("/test/" + workName + "/${NotResolved}", env.get("PATH_SUB"));
        assertEquals(endpoint.region().id() + ":" + deployed.queueUrl("Last"), env.get("REGION_SUB"));
        assertEquals("test|literal|7", env.get("JOINED"));
        assertEquals("plain", env.get("PLAIN"));
        assertEquals(
                "prod",
                deployed.environmentFor(template.function("Worker"), Map.of("Secret", "x", "Stage", "prod"))
                        .get("STAGE"));
    }

    @Test
    void parameter_without_default_or_value_is_an_error_naming_function_variable_and_parameter() {
        SamTemplate template = template(CHAINED_QUEUES);
        TemplateResources.Deployed deployed =
                TemplateResources.create(template, endpoint, TemplateResources.uniquePrefix("param"));

        TemplateException error =
                assertThrows(TemplateException.class, () -> deployed.environmentFor(template.function("Worker")));

        assertEquals(
                "Worker environment variable SECRET: parameter Secret has no Default; pass its value in parameterValues",
                error.getMessage());
    }

    @Test
    void reference_to_a_resource_that_is_not_a_table_or_queue_is_an_error_naming_it() {
        SamTemplate template = template("""
                Resources:
                  Api: {Type: "AWS::Serverless::HttpApi"}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: f.jar
                      Handler: dev.example.Fn::handleRequest
                      Environment: {Variables: {API: !Ref Api, COND: !If [IsProd, a, b]}}
                """);
        TemplateResources.Deployed deployed =
                TemplateResources.create(template, endpoint, TemplateResources.uniquePrefix("unsupported"));

        TemplateException error =
                assertThrows(TemplateException.class, () -> deployed.environmentFor(template.function("Fn")));

        assertTrue(
                error.getMessage()
                        .startsWith(
                                "Fn environment variable API: !Ref Api (AWS::Serverless::HttpApi) cannot be resolved locally"),
                error.getMessage());
    }

    @Test
    void condition_is_an_error_naming_the_function_and_variable() {
        SamTemplate template = template("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: f.jar
                      Handler: dev.example.Fn::handleRequest
                      Environment: {Variables: {COND: !If [IsProd, a, b]}}
                """);
        TemplateResources.Deployed deployed =
                TemplateResources.create(template, endpoint, TemplateResources.uniquePrefix("condition"));

        TemplateException error =
                assertThrows(TemplateException.class, () -> deployed.environmentFor(template.function("Fn")));

        assertTrue(
                error.getMessage().startsWith("Fn environment variable COND: Fn::If cannot be resolved locally"),
                error.getMessage());
    }

    @Test
    void creating_again_with_the_same_prefix_keeps_existing_tables_and_their_items() {
        SamTemplate template = template(CHAINED_QUEUES);
        String prefix = TemplateResources.uniquePrefix("again");
        TemplateResources.Deployed first = TemplateResources.create(template, endpoint, prefix);
        Map<String, AttributeValue> item = Map.of("id", AttributeValue.fromS("kept"));
        endpoint.dynamoDb().putItem(r -> r.tableName(first.tableName("Items")).item(item));

        TemplateResources.Deployed second = TemplateResources.create(template, endpoint, prefix);

        assertEquals(first.queueUrl("Work"), second.queueUrl("Work"));
        assertEquals(
                item,
                endpoint.dynamoDb()
                        .getItem(r -> r.tableName(second.tableName("Items")).key(item))
                        .item());
    }

    @Test
    void existing_table_with_another_key_schema_is_refused() {
        String prefix = TemplateResources.uniquePrefix("schema");
        TemplateResources.create(template(CHAINED_QUEUES), endpoint, prefix);
        SamTemplate changed = template(CHAINED_QUEUES.replace("AttributeName: id", "AttributeName: key"));

        IllegalStateException error =
                assertThrows(IllegalStateException.class, () -> TemplateResources.create(changed, endpoint, prefix));

        assertTrue(error.getMessage().contains(prefix + "Items already exists with key schema"), error.getMessage());
    }

    @Test
    void prefix_with_characters_sqs_rejects_is_refused_before_creating_anything() {
        IllegalArgumentException error = assertThrows(
                IllegalArgumentException.class,
                () -> TemplateResources.create(template(CHAINED_QUEUES), endpoint, "my prefix/"));

        assertTrue(error.getMessage().contains("my prefix/"), error.getMessage());
    }

    @Test
    void unique_prefixes_differ_and_are_valid() {
        String one = TemplateResources.uniquePrefix("Some Test.Class");
        String two = TemplateResources.uniquePrefix("Some Test.Class");

        assertTrue(one.matches("Some-Test-Class-[0-9a-f]{6}-"), one);
        assertTrue(!one.equals(two), one + " vs " + two);
    }

    @Test
    void a_bucket_is_created_once_under_a_lower_case_name_that_its_ref_resolves_to() {
        SamTemplate withBucket = template("""
                Resources:
                  Writer:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: f.jar
                      Handler: dev.example.Writer::handleRequest
                      Environment:
                        Variables:
                          FILES: !Ref Files
                  Files:
                    Type: AWS::S3::Bucket
                """);
        String prefix = TemplateResources.uniquePrefix("Bucket_Test");

        TemplateResources.Deployed deployed = TemplateResources.create(withBucket, endpoint, prefix);
        TemplateResources.Deployed again = TemplateResources.create(withBucket, endpoint, prefix);

        String name = deployed.bucketName("Files");
        assertEquals((prefix + "files").toLowerCase(java.util.Locale.ROOT).replace('_', '-'), name);
        assertEquals(name, again.bucketName("Files"), "an existing bucket is kept");
        assertEquals(
                name, deployed.environmentFor(withBucket.function("Writer")).get("FILES"));
    }
}
