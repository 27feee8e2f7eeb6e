package dev.jetonvoucher.aws;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.contract.ProjectDirectoryContract;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.project.ProjectDirectory;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The project directory contract on deployed projects: settings in ProjectsTable, the secret key in SSM Parameter
 * Store (moto serves both).
 */
class DynamoProjectDirectoryTest extends ProjectDirectoryContract {

    static LocalResources resources;
    static String secretsPath;
    static DynamoProjectDirectory directory;

    @BeforeAll
    static void deploy() {
        resources = LocalResources.deploy(DynamoProjectDirectoryTest.class);
        LocalAwsEndpoint endpoint = LocalAwsEndpoint.shared();
        secretsPath = "/jeton-voucher-test-" + UUID.randomUUID() + "/projects";
        var credentials = endpoint.credentials().resolveCredentials();
        Environment environment = new Environment(Map.of(
                "AWS_ENDPOINT_URL",
                endpoint.endpoint().toString(),
                "AWS_REGION",
                endpoint.region().id(),
                "AWS_ACCESS_KEY_ID",
                credentials.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY",
                credentials.secretAccessKey()));
        directory = new DynamoProjectDirectory(
                resources.dynamoDb(),
                resources.table("ProjectsTable"),
                AwsClients.newSsmParameters(environment),
                secretsPath,
                Clock.systemUTC());
        try (SsmClient ssm = SsmClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint.endpoint())
                .region(endpoint.region())
                .credentialsProvider(endpoint.credentials())
                .build()) {
            ssm.putParameter(r -> r.name(secretsPath + "/239/secret_key")
                    .type(ParameterType.SECURE_STRING)
                    .value("s3cr3t-for-239"));
        }
        resources
                .dynamoDb()
                .putItem(r -> r.tableName(resources.table("ProjectsTable"))
                        .item(Map.of(
                                "project_id", AttributeValue.fromN("239"),
                                "name", AttributeValue.fromS("Kino «Oktyabr» <Tickets>"),
                                "callback_url", AttributeValue.fromS("https://merchant.example/callbacks"),
                                "test", AttributeValue.fromBool(true),
                                "currencies", AttributeValue.fromSs(List.of("EUR", "USD")),
                                "base_time_seconds", AttributeValue.fromN("10"),
                                "limit_time_seconds", AttributeValue.fromN("120"),
                                "balances", AttributeValue.fromM(Map.of("EUR", AttributeValue.fromN("500000"))),
                                "sandbox",
                                        AttributeValue.fromM(Map.of(
                                                "provider_notifications",
                                                AttributeValue.fromS("drop"),
                                                "provider_delay_seconds",
                                                AttributeValue.fromN("2"))))));
        resources
                .dynamoDb()
                .putItem(r -> r.tableName(resources.table("ProjectsTable"))
                        .item(Map.of(
                                "project_id", AttributeValue.fromN("240"),
                                "test", AttributeValue.fromBool(false),
                                "currencies", AttributeValue.fromSs(List.of("EUR")),
                                "base_time_seconds", AttributeValue.fromN("10"),
                                "limit_time_seconds", AttributeValue.fromN("120"))));
    }

    @Override
    protected ProjectDirectory directory() {
        return directory;
    }

    @Test
    void a_project_without_a_secret_is_an_error() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> directory.find(240));
        assertTrue(error.getMessage().contains("secret_key"), error.getMessage());
    }
}
