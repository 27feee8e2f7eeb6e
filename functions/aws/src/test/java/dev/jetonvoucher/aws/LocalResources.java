package dev.jetonvoucher.aws;

import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.local.TemplateResources;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.HttpURLConnection;
import java.net.URI;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The tables and queues of the repository's template.yaml on the shared local endpoint, under a prefix of
 * their own: each test class deploys once and never sees another class's items or messages.
 *
 * <p>moto's server handles requests on parallel threads without any locking, so its conditional writes and
 * transactions are not atomic (two racing {@code attribute_not_exists} puts can both succeed; a cancelled
 * transaction restores a snapshot of the whole table, undoing writes that happened meanwhile). DynamoDB
 * guarantees that atomicity, and these adapters rely on it. Against moto, the tests therefore send their
 * DynamoDB calls one at a time: the threads still race, in any interleaving of whole requests, which is what
 * DynamoDB itself provides. LocalStack (DynamoDB Local) and real DynamoDB get the calls concurrently.
 */
final class LocalResources {

    private static final Object MOTO_LOCK = new Object();
    private static volatile DynamoDbClient dynamoDb;

    private final TemplateResources.Deployed deployed;

    private LocalResources(TemplateResources.Deployed deployed) {
        this.deployed = deployed;
    }

    static LocalResources deploy(Class<?> testClass) {
        return new LocalResources(TemplateResources.create(SamTemplate.load(SamTemplate.locate()),
                LocalAwsEndpoint.shared(), TemplateResources.uniquePrefix(testClass.getSimpleName())));
    }

    DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            synchronized (LocalResources.class) {
                if (dynamoDb == null) {
                    LocalAwsEndpoint endpoint = LocalAwsEndpoint.shared();
                    dynamoDb = isMoto(endpoint) ? oneCallAtATime(endpoint.dynamoDb()) : endpoint.dynamoDb();
                }
            }
        }
        return dynamoDb;
    }

    SqsClient sqs() {
        return LocalAwsEndpoint.shared().sqs();
    }

    String table(String logicalId) {
        return deployed.tableName(logicalId);
    }

    String queueUrl(String logicalId) {
        return deployed.queueUrl(logicalId);
    }

    Iterable<String> tables() {
        return deployed.tableNames().values();
    }

    /** moto started by the endpoint, or one it was pointed at (moto answers its own /moto-api/). */
    private static boolean isMoto(LocalAwsEndpoint endpoint) {
        if ("moto".equals(endpoint.kind())) {
            return true;
        }
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint.endpoint() + "/moto-api/")
                    .toURL().openConnection();
            connection.setConnectTimeout(2_000);
            connection.setReadTimeout(2_000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    private static DynamoDbClient oneCallAtATime(DynamoDbClient client) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    synchronized (MOTO_LOCK) {
                        try {
                            return method.invoke(client, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
    }
}
