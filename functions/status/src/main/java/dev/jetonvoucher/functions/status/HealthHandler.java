package dev.jetonvoucher.functions.status;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetonvoucher.aws.lambda.HttpApi;
import dev.jetonvoucher.aws.lambda.HttpFunction;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.gate.Acknowledgement;
import dev.jetonvoucher.gate.GateRejection;
import dev.jetonvoucher.model.ResultCode;

/**
 * {@code GET /health}: the API answers. Touches nothing else, so it stays cheap and cold-start light. It also serves
 * the API's {@code $default} route, every method and path no other route has (an unknown path, another method, a
 * trailing slash): HTTP 404 with the platform's error body, {@code {"status":"error","code":"702","message"}}, instead
 * of API Gateway's own {@code {"message":"Not Found"}}.
 */
public final class HealthHandler extends HttpFunction {

    /** The route key API Gateway gives the events of the catch-all route. */
    static final String DEFAULT_ROUTE = "$default";
    /** Enough of the path to see what was asked for, without echoing a long one back. */
    private static final int MAX_ECHOED_PATH = 200;

    /**
     * In Lambda: the container's wiring, which builds nothing for this function but registers the SnapStart hook,
     * so the event JSON this function reads and writes is primed before the snapshot.
     */
    public HealthHandler() {
        this(Wiring.fromEnvironment());
    }

    /** In the sandbox and tests: nothing to take from the wiring. */
    public HealthHandler(Wiring wiring) {}

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (DEFAULT_ROUTE.equals(event.getRouteKey())) {
            return HttpApi.json(404, Acknowledgement.errorJson(noSuchRoute(event)));
        }
        return HttpApi.json(200, "{\"status\":\"ok\"}");
    }

    private static GateRejection noSuchRoute(APIGatewayV2HTTPEvent event) {
        String method =
                event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                        ? "?"
                        : event.getRequestContext().getHttp().getMethod();
        String path = event.getRawPath() == null ? "" : event.getRawPath();
        if (path.length() > MAX_ECHOED_PATH) {
            path = path.substring(0, MAX_ECHOED_PATH) + "...";
        }
        return new GateRejection(
                ResultCode.MALFORMED_REQUEST,
                null,
                "the API has no route " + method + " " + path + " (routes have no trailing slash)");
    }
}
