package dev.jetonvoucher.functions.sale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.local.TemplateResources;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;

/** The sale handler with the sample event of events/ (signed for the built-in project 239), on the local endpoint. */
class SaleHandlerTest {

    static final String PROJECT_239 = """
            {"projects": [{"project_id": 239, "secret_key": "sandbox-secret-239", "test": true,
              "currencies": ["EUR", "USD"], "base_time_seconds": 10, "limit_time_seconds": 120,
              "callback_url": "http://127.0.0.1:9/callbacks"}]}
            """;
    static SaleHandler handler;

    @BeforeAll
    static void wire() throws Exception {
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        LocalAwsEndpoint endpoint = LocalAwsEndpoint.shared();
        TemplateResources.Deployed resources =
                TemplateResources.create(template, endpoint, TemplateResources.uniquePrefix("sale-handler"));
        Path projects = Files.createTempFile("projects", ".json");
        Files.writeString(projects, PROJECT_239);
        Map<String, String> environment = new HashMap<>(resources.localEnvironmentFor(
                template.function("GateSaleFunction"),
                Map.of("ProviderSigningKey", "k".repeat(32), "VoucherTransitKey", VoucherTransitCipher.newKey()),
                endpoint));
        environment.put("PROJECTS_FILE", projects.toString());
        handler = new SaleHandler(Wiring.of(environment, Clock.systemUTC()));
    }

    @ParameterizedTest
    @Event(value = "../../events/gate-sale.json", type = APIGatewayV2HTTPEvent.class)
    void the_sample_sale_is_accepted_once_and_then_a_duplicate(APIGatewayV2HTTPEvent event) throws Exception {
        APIGatewayV2HTTPResponse first = handler.handleRequest(event, null);
        assertEquals(200, first.getStatusCode(), first.getBody());
        JsonNode ack = new ObjectMapper().readTree(first.getBody());
        assertEquals("success", ack.path("status").asText());
        assertEquals("EVENT-SALE-0001", ack.path("payment_id").asText());

        APIGatewayV2HTTPResponse again = handler.handleRequest(event, null);
        assertEquals(400, again.getStatusCode());
        assertEquals(
                "3041",
                new ObjectMapper().readTree(again.getBody()).path("code").asText());
    }
}
