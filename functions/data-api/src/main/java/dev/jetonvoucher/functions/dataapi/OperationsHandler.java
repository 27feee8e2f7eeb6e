package dev.jetonvoucher.functions.dataapi;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.analysis.PaymentSearch;
import dev.jetonvoucher.aws.lambda.HttpApi;
import dev.jetonvoucher.aws.lambda.HttpFunction;
import dev.jetonvoucher.aws.lambda.Wiring;
import java.util.function.Function;

/**
 * The Data API's routes, each with and without ECommPay's {@code /v1} base path: {@code POST /operations/get},
 * {@code /operations/get-by-payment} and {@code /balance/get} ({@link DataApi}).
 */
public final class OperationsHandler extends HttpFunction {

    private final DataApi api;

    public OperationsHandler() {
        this(Wiring.fromEnvironment());
    }

    public OperationsHandler(Wiring wiring) {
        this.api = new DataApi(
                wiring.gateRequests(),
                wiring.apiTokens(),
                wiring.projects(),
                wiring.payments(),
                wiring.balances(),
                new OperationsApi(wiring.gateRequests(), new PaymentSearch(wiring.payments())));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String path = routePath(event);
        Function<String, ObjectNode> endpoint = DataApi.endpoint(api, path);
        String label = path != null && path.endsWith("/operations/get")
                ? "operations"
                : path != null && path.endsWith("/get-by-payment") ? "operations-by-payment" : "balance";
        return HttpApi.respond(label, () -> {
            if (endpoint == null) {
                // Only the template's routes reach this function: another path is a wiring mistake, not a client's.
                throw new IllegalStateException("the Data API has no route " + path);
            }
            return endpoint.apply(HttpApi.body(event)).toString();
        });
    }

    /** The path of the matched route ({@code POST /v1/balance/get}), else the request's own path. */
    private static String routePath(APIGatewayV2HTTPEvent event) {
        String routeKey = event.getRouteKey();
        if (routeKey != null && routeKey.indexOf(' ') > 0) {
            return routeKey.substring(routeKey.indexOf(' ') + 1);
        }
        return event.getRawPath();
    }
}
