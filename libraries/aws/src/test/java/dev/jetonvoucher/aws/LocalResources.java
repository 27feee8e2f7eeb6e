package dev.jetonvoucher.aws;

import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.local.TemplateResources;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The tables and queues of the repository's template.yaml on the shared local endpoint, under a prefix of
 * their own: each test class deploys once and never sees another class's items or messages.
 *
 * <p>moto's own server is not atomic per request; the moto that {@link LocalAwsEndpoint} starts serialises
 * DynamoDB requests (see {@code MotoServer}), so concurrent conditional writes race as on DynamoDB.
 */
final class LocalResources {

    private final TemplateResources.Deployed deployed;

    private LocalResources(TemplateResources.Deployed deployed) {
        this.deployed = deployed;
    }

    static LocalResources deploy(Class<?> testClass) {
        return new LocalResources(TemplateResources.create(
                SamTemplate.load(SamTemplate.locate()),
                LocalAwsEndpoint.shared(),
                TemplateResources.uniquePrefix(testClass.getSimpleName())));
    }

    DynamoDbClient dynamoDb() {
        return LocalAwsEndpoint.shared().dynamoDb();
    }

    SqsClient sqs() {
        return LocalAwsEndpoint.shared().sqs();
    }

    String table(String logicalId) {
        return deployed.tableName(logicalId);
    }

    String bucket(String logicalId) {
        return deployed.bucketName(logicalId);
    }

    String queueUrl(String logicalId) {
        return deployed.queueUrl(logicalId);
    }

    Iterable<String> tables() {
        return deployed.tableNames().values();
    }
}
