package dev.jetonvoucher.aws.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jetonvoucher.aws.HttpJetonProvider;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.local.TemplateResources;
import dev.jetonvoucher.provider.sandbox.SandboxJetonProvider;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The provider is chosen by the template parameter ProviderConnector, through the environment the template gives. */
class ProviderConnectorWiringTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load(SamTemplate.locate());
    private static TemplateResources.Deployed resources;
    private static Path projects;

    @BeforeAll
    static void deploy() throws Exception {
        resources = TemplateResources.create(
                TEMPLATE, LocalAwsEndpoint.shared(), TemplateResources.uniquePrefix("connector"));
        projects = Files.createTempFile("projects", ".json");
        Files.writeString(projects, """
                {"projects": [{"project_id": 239, "secret_key": "connector-test-secret", "test": true,
                  "currencies": ["EUR"], "base_time_seconds": 10, "limit_time_seconds": 120}]}
                """);
    }

    private static Wiring wiring(String function, Map<String, String> parameters) {
        Map<String, String> values = new HashMap<>(parameters);
        values.put("ProviderSigningKey", "p".repeat(40));
        values.put("VoucherTransitKey", VoucherTransitCipher.newKey());
        Map<String, String> environment = new HashMap<>(
                resources.localEnvironmentFor(TEMPLATE.function(function), values, LocalAwsEndpoint.shared()));
        environment.put("PROJECTS_FILE", projects.toString());
        return Wiring.of(environment, Clock.systemUTC());
    }

    @Test
    void by_default_every_function_calling_the_provider_runs_the_emulator_in_process() {
        for (String function : new String[] {
            "DispatchFunction", "StatusPollFunction", "ProviderCallbackFunction", "ProviderCallbackApiFunction"
        }) {
            assertInstanceOf(
                    SandboxJetonProvider.class, wiring(function, Map.of()).provider(), function);
        }
    }

    @Test
    void with_http_every_function_calling_the_provider_uses_the_http_connector() {
        for (String function : new String[] {
            "DispatchFunction", "StatusPollFunction", "ProviderCallbackFunction", "ProviderCallbackApiFunction"
        }) {
            assertInstanceOf(
                    HttpJetonProvider.class,
                    wiring(function, Map.of("ProviderConnector", "http")).provider(),
                    function);
        }
    }

    @Test
    void the_http_connector_goes_to_the_stacks_emulator_service_unless_a_base_url_is_given() {
        Map<String, String> environment = new HashMap<>(resources.localEnvironmentFor(
                TEMPLATE.function("DispatchFunction"),
                Map.of("ProviderConnector", "http", TemplateResources.LOCAL_API_URL, "http://127.0.0.1:3999"),
                LocalAwsEndpoint.shared()));
        assertEquals(
                "http://127.0.0.1:3999",
                new dev.jetonvoucher.aws.Environment(environment)
                        .providerBaseUrl()
                        .toString());
        environment.put("PROVIDER_BASE_URL", "https://jeton.example/api");
        assertEquals(
                "https://jeton.example/api",
                new dev.jetonvoucher.aws.Environment(environment)
                        .providerBaseUrl()
                        .toString());
        environment.put("PROVIDER_CONNECTOR", "soap");
        assertThrows(
                IllegalStateException.class,
                () -> new dev.jetonvoucher.aws.Environment(environment).providerConnector());
    }
}
