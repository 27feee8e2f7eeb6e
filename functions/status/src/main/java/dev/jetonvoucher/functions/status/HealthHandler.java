package dev.jetonvoucher.functions.status;

import dev.jetonvoucher.aws.lambda.HttpFunction;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.gate.GateRejection;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.web.WebErrors;
import dev.jetonvoucher.web.WebRequest;
import dev.jetonvoucher.web.WebResponse;

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

    /** In the sandbox and tests: the function uses no service, so nothing is taken from the wiring (may be null). */
    public HealthHandler(Wiring wiring) {}

    @Override
    protected WebResponse handle(WebRequest request) {
        if (DEFAULT_ROUTE.equals(request.route())) {
            // The API's error body, but 404: the route, not the request, is what is missing.
            return WebErrors.apiError(404, noSuchRoute(request));
        }
        return WebResponse.json(200, "{\"status\":\"ok\"}");
    }

    private static GateRejection noSuchRoute(WebRequest request) {
        String method = request.method();
        String path = request.path();
        if (path.length() > MAX_ECHOED_PATH) {
            path = path.substring(0, MAX_ECHOED_PATH) + "...";
        }
        return new GateRejection(
                ResultCode.MALFORMED_REQUEST,
                null,
                "the API has no route " + method + " " + path + " (routes have no trailing slash)");
    }
}
