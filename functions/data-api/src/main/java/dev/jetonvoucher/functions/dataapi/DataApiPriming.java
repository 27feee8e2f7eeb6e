package dev.jetonvoucher.functions.dataapi;

import static dev.jetonvoucher.aws.lambda.Priming.expect;
import static dev.jetonvoucher.aws.lambda.Priming.httpEvent;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.aws.SnapshotPriming;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.signing.Signer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The Data API's part of the SnapStart priming (see {@code Wiring.primeForSnapshot}), with the events and checks of
 * the shared {@code Priming}.
 */
final class DataApiPriming {

    private DataApiPriming() {}

    /**
     * An operations query of the project-secret form, signed with a key no project has, for the priming project:
     * through the handler's route and the caller's authentication up to the project lookup, which refuses it (nobody
     * has the project), and the refusal as the answer. Reads only that lookup; the wiring's own steps prime the payment
     * store's queries behind a real answer.
     */
    static void prime(OperationsHandler handler) {
        ObjectNode query;
        try {
            query = (ObjectNode) Json.parse("""
                    {"general": {"project_id": %d},
                     "interval": {"from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z"}, "limit": 100}
                    """.formatted(SnapshotPriming.PROJECT_ID));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String body = Json.write(new Signer("snapstart-priming-key").signInGeneral(query));
        APIGatewayV2HTTPResponse refused = handler.handleRequest(
                httpEvent("POST", "/operations/get", null, Map.of("content-type", "application/json"), body), null);
        expect(
                refused.getStatusCode() >= 400 && refused.getStatusCode() < 500,
                "a query of a project nobody has was not refused but answered " + refused.getStatusCode());
    }
}
