package dev.jetonvoucher.functions.dataapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.analysis.PaymentSearch;
import dev.jetonvoucher.aws.lambda.HttpFunction;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.web.WebRequest;
import dev.jetonvoucher.web.WebResponse;
import java.util.function.Function;

/**
 * The Data API's routes, each with and without ECommPay's {@code /v1} base path: {@code POST /operations/get},
 * {@code /operations/get-by-payment} and {@code /balance/get} ({@link DataApi}).
 */
public final class OperationsHandler extends HttpFunction {

    private final DataApi api;

    /** In Lambda: the services of the container's wiring, from its environment. */
    public OperationsHandler() {
        this(Wiring.fromEnvironment());
    }

    /** In the sandbox: the services of a function's own wiring. */
    public OperationsHandler(Wiring wiring) {
        this(new DataApi(
                wiring.gateRequests(),
                wiring.apiTokens(),
                wiring.projects(),
                wiring.payments(),
                wiring.balances(),
                new OperationsApi(wiring.gateRequests(), new PaymentSearch(wiring.payments()))));
        wiring.primeAlso("data api requests", () -> DataApiPriming.prime(this));
    }

    public OperationsHandler(DataApi api) {
        this.api = api;
    }

    @Override
    protected WebResponse handle(WebRequest request) {
        String path = routePath(request);
        Function<String, ObjectNode> endpoint = DataApi.endpoint(api, path);
        if (endpoint == null) {
            // Only the template's routes reach this function: another path is a wiring mistake, not a client's.
            throw new IllegalStateException("the Data API has no route " + path);
        }
        return WebResponse.json(200, Json.write(endpoint.apply(request.body())));
    }

    /** The path of the matched route ({@code POST /v1/balance/get}), else the request's own path. */
    private static String routePath(WebRequest request) {
        String routeKey = request.route();
        if (routeKey != null && routeKey.indexOf(' ') > 0) {
            return routeKey.substring(routeKey.indexOf(' ') + 1);
        }
        return request.path();
    }
}
