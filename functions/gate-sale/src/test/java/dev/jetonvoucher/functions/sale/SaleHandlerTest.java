package dev.jetonvoucher.functions.sale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetonvoucher.gate.Acceptance;
import dev.jetonvoucher.gate.GateRequests;
import dev.jetonvoucher.memory.InMemoryPaymentStore;
import dev.jetonvoucher.memory.InMemoryWorkQueues;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.project.InMemoryProjectDirectory;
import dev.jetonvoucher.project.ProjectFile;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import java.time.Clock;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The sale handler with the sample event of events/ (signed for the built-in project 239), on the in-memory adapters:
 * the handler's own part (the event's body to the Gate, the answer and the refusals as HTTP). The same event through
 * the template's real wiring on the local endpoint is the sandbox's InvokeTest (every events/ file through its
 * function).
 */
class SaleHandlerTest {

    static final String PROJECT_239 = """
            {"projects": [{"project_id": 239, "secret_key": "sandbox-secret-239", "test": true,
              "currencies": ["EUR", "USD"], "base_time_seconds": 10, "limit_time_seconds": 120,
              "callback_url": "http://127.0.0.1:9/callbacks"}]}
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock = Clock.systemUTC();
    private final InMemoryPaymentStore payments = new InMemoryPaymentStore(clock);
    private final InMemoryWorkQueues queues = new InMemoryWorkQueues(clock);
    private final SaleHandler handler = new SaleHandler(
            new GateRequests(new InMemoryProjectDirectory(ProjectFile.parse(PROJECT_239)), clock),
            new Acceptance(payments, payments, queues, new VoucherTransitCipher(VoucherTransitCipher.newKey()), clock));

    @ParameterizedTest
    @Event(value = "../../events/gate-sale.json", type = APIGatewayV2HTTPEvent.class)
    void the_sample_sale_is_accepted_once_and_then_a_duplicate(APIGatewayV2HTTPEvent event) throws Exception {
        APIGatewayV2HTTPResponse first = handler.handleRequest(event, null);
        assertEquals(200, first.getStatusCode(), first.getBody());
        assertEquals("application/json; charset=utf-8", first.getHeaders().get("Content-Type"));
        JsonNode ack = JSON.readTree(first.getBody());
        assertEquals("success", ack.path("status").asText());
        assertEquals("EVENT-SALE-0001", ack.path("payment_id").asText());
        assertTrue(payments.find(new PaymentKey(239, "EVENT-SALE-0001")).isPresent(), "the payment is stored");
        assertEquals(
                1, queues.messages(InMemoryWorkQueues.Queue.DISPATCH).size(), "and handed to the provider's queue");

        APIGatewayV2HTTPResponse again = handler.handleRequest(event, null);
        assertEquals(400, again.getStatusCode());
        assertEquals("3041", JSON.readTree(again.getBody()).path("code").asText());
    }

    @ParameterizedTest
    @Event(value = "../../events/gate-sale.json", type = APIGatewayV2HTTPEvent.class)
    void a_body_that_does_not_match_its_signature_is_refused_with_3261(APIGatewayV2HTTPEvent event) throws Exception {
        event.setBody(event.getBody().replace("EVENT-SALE-0001", "EVENT-SALE-0002"));

        APIGatewayV2HTTPResponse refused = handler.handleRequest(event, null);

        assertEquals(400, refused.getStatusCode());
        assertEquals("3261", JSON.readTree(refused.getBody()).path("code").asText());
        assertTrue(payments.find(new PaymentKey(239, "EVENT-SALE-0002")).isEmpty());
    }
}
