package dev.jetonvoucher.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.local.LocalAwsEndpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class AwsClientsTest {

    @Test
    void clients_from_an_environment_talk_to_its_endpoint() {
        LocalResources aws = LocalResources.deploy(AwsClientsTest.class);
        Environment environment = new Environment(Map.of(
                Environment.AWS_REGION, LocalAwsEndpoint.shared().region().id(),
                Environment.AWS_ENDPOINT_URL,
                        LocalAwsEndpoint.shared().endpoint().toString()));

        try (DynamoDbClient dynamoDb = AwsClients.newDynamoDb(environment);
                SqsClient sqs = AwsClients.newSqs(environment)) {
            assertTrue(dynamoDb.listTables().tableNames().contains(aws.table("PaymentsTable")));
            assertEquals(
                    aws.queueUrl("StatusPollQueue"),
                    sqs.getQueueUrl(r -> r.queueName(aws.queueUrl("StatusPollQueue")
                                    .substring(aws.queueUrl("StatusPollQueue").lastIndexOf('/') + 1)))
                            .queueUrl());
        }
    }

    @Test
    void a_client_that_sends_nothing_answers_every_request_itself() {
        LocalResources aws = LocalResources.deploy(AwsClientsTest.class);
        Environment environment = new Environment(Map.of(
                Environment.AWS_REGION, LocalAwsEndpoint.shared().region().id(),
                Environment.AWS_ENDPOINT_URL,
                        LocalAwsEndpoint.shared().endpoint().toString()));
        String table = aws.table("PaymentsTable");
        Map<String, AttributeValue> item =
                Map.of("pk", AttributeValue.fromS("P#1#sends-nothing"), "sk", AttributeValue.fromS("PAYMENT"));
        MinimalAnswers answers = new MinimalAnswers();

        try (DynamoDbClient sendsNothing = AwsClients.newDynamoDbThatSendsNothing(environment, answers);
                DynamoDbClient dynamoDb = AwsClients.newDynamoDb(environment)) {
            // DynamoDB's answers to a write that asked for nothing back and to a read of an absent item
            assertFalse(sendsNothing.putItem(r -> r.tableName(table).item(item)).hasAttributes());
            assertFalse(sendsNothing
                    .updateItem(r -> r.tableName(table)
                            .key(item)
                            .updateExpression("SET #n = :n")
                            .expressionAttributeNames(Map.of("#n", "n"))
                            .expressionAttributeValues(Map.of(":n", AttributeValue.fromN("1"))))
                    .hasAttributes());
            assertFalse(sendsNothing.getItem(r -> r.tableName(table).key(item)).hasItem());
            assertEquals(
                    List.of("DynamoDB_20120810.PutItem", "DynamoDB_20120810.UpdateItem", "DynamoDB_20120810.GetItem"),
                    answers.answered());
            assertFalse(
                    dynamoDb.getItem(r -> r.tableName(table).key(item).consistentRead(true))
                            .hasItem(),
                    "the endpoint got a write");
        }
    }

    @Test
    void a_sender_that_sends_nothing_checks_the_answer_it_gives_itself() {
        LocalResources aws = LocalResources.deploy(AwsClientsTest.class);
        Environment environment = new Environment(Map.of(
                Environment.AWS_REGION, LocalAwsEndpoint.shared().region().id(),
                Environment.AWS_ENDPOINT_URL,
                        LocalAwsEndpoint.shared().endpoint().toString()));
        String queue = aws.queueUrl("StatusPollQueue");
        MinimalAnswers answers = new MinimalAnswers();

        // SqsSender checks the answer's MD5 of the body: a wrong one would throw here
        AwsClients.newSqsSender(environment, answers).send(queue, "{\"priming\":\"caf\u00e9\"}", 0);

        assertEquals(List.of("AmazonSQS.SendMessage"), answers.answered());
        try (SqsClient sqs = AwsClients.newSqs(environment)) {
            assertEquals(
                    "0",
                    sqs.getQueueAttributes(r ->
                                    r.queueUrl(queue).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                            .attributes()
                            .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                    "the queue got a message");
        }
    }

    @Test
    void a_region_is_required() {
        IllegalStateException error =
                assertThrows(IllegalStateException.class, () -> AwsClients.newDynamoDb(new Environment(Map.of())));
        assertTrue(error.getMessage().startsWith("AWS_REGION is not set"));
    }
}
