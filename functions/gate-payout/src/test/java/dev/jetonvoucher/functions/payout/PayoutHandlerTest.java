package dev.jetonvoucher.functions.payout;

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
 * The payout handler with the sample event of events/ (1,250.00 EUR for the built-in project 239) on the in-memory
 * adapters. The same event through the template's real wiring is the sandbox's InvokeTest.
 */
class PayoutHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Clock clock = Clock.systemUTC();
    private final InMemoryPaymentStore payments = new InMemoryPaymentStore(clock);

    private PayoutHandler handler(long balanceMinor) {
        String projects = """
                {"projects": [{"project_id": 239, "secret_key": "sandbox-secret-239", "test": true,
                  "currencies": ["EUR", "USD"], "base_time_seconds": 10, "limit_time_seconds": 120,
                  "callback_url": "http://127.0.0.1:9/callbacks", "balances": {"EUR": %d}}]}
                """.formatted(balanceMinor);
        return new PayoutHandler(
                new GateRequests(new InMemoryProjectDirectory(ProjectFile.parse(projects)), clock),
                new Acceptance(
                        payments,
                        payments,
                        new InMemoryWorkQueues(clock),
                        new VoucherTransitCipher(VoucherTransitCipher.newKey()),
                        clock));
    }

    @ParameterizedTest
    @Event(value = "../../events/gate-payout.json", type = APIGatewayV2HTTPEvent.class)
    void the_sample_payout_is_accepted_on_a_balance_that_covers_it(APIGatewayV2HTTPEvent event) throws Exception {
        APIGatewayV2HTTPResponse answer = handler(1_000_000).handleRequest(event, null);

        assertEquals(200, answer.getStatusCode(), answer.getBody());
        JsonNode ack = JSON.readTree(answer.getBody());
        assertEquals("success", ack.path("status").asText());
        assertEquals("EVENT-PAYOUT-0001", ack.path("payment_id").asText());
        assertTrue(payments.find(new PaymentKey(239, "EVENT-PAYOUT-0001")).isPresent());
    }

    @ParameterizedTest
    @Event(value = "../../events/gate-payout.json", type = APIGatewayV2HTTPEvent.class)
    void a_body_that_is_not_json_is_refused_with_2003(APIGatewayV2HTTPEvent event) throws Exception {
        event.setBody("{not json");

        APIGatewayV2HTTPResponse answer = handler(1_000_000).handleRequest(event, null);

        assertEquals(400, answer.getStatusCode());
        assertEquals("2003", JSON.readTree(answer.getBody()).path("code").asText());
    }
}
