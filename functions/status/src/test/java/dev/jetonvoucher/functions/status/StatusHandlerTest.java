package dev.jetonvoucher.functions.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetonvoucher.gate.Acceptance;
import dev.jetonvoucher.gate.GateRequests;
import dev.jetonvoucher.gate.StatusQuery;
import dev.jetonvoucher.memory.InMemoryPaymentStore;
import dev.jetonvoucher.memory.InMemoryWorkQueues;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.project.InMemoryProjectDirectory;
import dev.jetonvoucher.project.ProjectFile;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The status handler with the sample event of events/ (the status of the sample sale) on the in-memory adapters: 3061
 * before the sale exists, its signed status after. The same event through the template's real wiring is the
 * sandbox's InvokeTest.
 */
class StatusHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Clock clock = Clock.systemUTC();
    private final InMemoryPaymentStore payments = new InMemoryPaymentStore(clock);
    private final GateRequests requests = new GateRequests(new InMemoryProjectDirectory(ProjectFile.parse("""
                    {"projects": [{"project_id": 239, "secret_key": "sandbox-secret-239", "test": true,
                      "currencies": ["EUR", "USD"], "base_time_seconds": 10, "limit_time_seconds": 120,
                      "callback_url": "http://127.0.0.1:9/callbacks"}]}
                    """)), clock);
    private final StatusHandler handler = new StatusHandler(new StatusQuery(requests, payments));

    @ParameterizedTest
    @Event(value = "../../events/status.json", type = APIGatewayV2HTTPEvent.class)
    void the_sample_status_is_3061_before_the_sale_and_the_payment_after(APIGatewayV2HTTPEvent event) throws Exception {
        APIGatewayV2HTTPResponse unknown = handler.handleRequest(event, null);
        assertEquals(400, unknown.getStatusCode());
        assertEquals("3061", JSON.readTree(unknown.getBody()).path("code").asText());

        String saleEvent = Files.readString(Path.of("../../events/gate-sale.json"));
        new Acceptance(
                        payments,
                        payments,
                        new InMemoryWorkQueues(clock),
                        new VoucherTransitCipher(VoucherTransitCipher.newKey()),
                        clock)
                .acceptSale(requests.sale(JSON.readTree(saleEvent).path("body").asText()), Channel.GATE);

        APIGatewayV2HTTPResponse found = handler.handleRequest(event, null);
        assertEquals(200, found.getStatusCode(), found.getBody());
        JsonNode status = JSON.readTree(found.getBody());
        assertEquals("EVENT-SALE-0001", status.path("payment").path("id").asText(), status.toString());
        assertEquals("processing", status.path("payment").path("status").asText(), status.toString());
    }
}
