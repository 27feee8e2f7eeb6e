package dev.jetonvoucher.aws;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.contract.ApiTokensContract;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.project.ApiTokens;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** The token contract on deployed tokens: Parameter Store next to the project secrets (moto serves it). */
class SsmApiTokensTest extends ApiTokensContract {

    static SsmApiTokens tokens;

    @BeforeAll
    static void deploy() {
        LocalAwsEndpoint endpoint = LocalAwsEndpoint.shared();
        String secretsPath = "/jeton-voucher-test-" + UUID.randomUUID() + "/projects";
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
        tokens = new SsmApiTokens(AwsClients.newSsmParameters(environment), secretsPath, Clock.systemUTC());
        String folder = secretsPath + "/" + SsmApiTokens.FOLDER;
        try (SsmClient ssm = SsmClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint.endpoint())
                .region(endpoint.region())
                .credentialsProvider(endpoint.credentials())
                .build()) {
            ssm.putParameter(r -> r.name(folder + "/tok-analyst-1/secret_key")
                    .type(ParameterType.SECURE_STRING)
                    .value("token-secret-1"));
            ssm.putParameter(r -> r.name(folder + "/tok-analyst-1/projects")
                    .type(ParameterType.STRING)
                    .value("240, 239"));
            ssm.putParameter(r -> r.name(folder + "/tok-broken/secret_key")
                    .type(ParameterType.SECURE_STRING)
                    .value("s"));
            ssm.putParameter(r -> r.name(folder + "/tok-broken/projects")
                    .type(ParameterType.STRING)
                    .value("239,all"));
        }
    }

    @Override
    protected ApiTokens tokens() {
        return tokens;
    }

    @Test
    void a_token_whose_projects_are_not_ids_is_an_operators_error() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> tokens.find("tok-broken"));
        assertTrue(error.getMessage().contains("all"), error.getMessage());
    }
}
