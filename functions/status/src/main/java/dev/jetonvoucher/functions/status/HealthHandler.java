package dev.jetonvoucher.functions.status;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetonvoucher.aws.lambda.HttpApi;
import dev.jetonvoucher.aws.lambda.HttpFunction;
import dev.jetonvoucher.aws.lambda.Wiring;

/** {@code GET /health}: the API answers. Touches nothing else, so it stays cheap and cold-start light. */
public final class HealthHandler extends HttpFunction {

    /**
     * In Lambda: the container's wiring, which builds nothing for this function but registers the SnapStart hook,
     * so the event JSON this function reads and writes is primed before the snapshot.
     */
    public HealthHandler() {
        this(Wiring.fromEnvironment());
    }

    /** In the sandbox and tests: nothing to take from the wiring. */
    public HealthHandler(Wiring wiring) {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.json(200, "{\"status\":\"ok\"}");
    }
}
