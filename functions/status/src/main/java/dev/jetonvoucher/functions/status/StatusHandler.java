package dev.jetonvoucher.functions.status;

import dev.jetonvoucher.aws.lambda.HttpFunction;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.gate.StatusQuery;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.web.WebRequest;
import dev.jetonvoucher.web.WebResponse;

/** {@code POST /v2/payment/status}: the signed status request, answered with the signed payment. */
public final class StatusHandler extends HttpFunction {

    private final StatusQuery statusQuery;

    /** In Lambda: the services of the container's wiring, from its environment. */
    public StatusHandler() {
        this(Wiring.fromEnvironment());
    }

    /** In the sandbox: the services of a function's own wiring. */
    public StatusHandler(Wiring wiring) {
        this(wiring.statusQuery());
    }

    public StatusHandler(StatusQuery statusQuery) {
        this.statusQuery = statusQuery;
    }

    @Override
    protected WebResponse handle(WebRequest request) {
        return WebResponse.json(200, Json.write(statusQuery.status(request.body())));
    }
}
