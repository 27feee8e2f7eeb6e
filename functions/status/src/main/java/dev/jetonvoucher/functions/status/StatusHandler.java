package dev.jetonvoucher.functions.status;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetonvoucher.aws.lambda.HttpApi;
import dev.jetonvoucher.aws.lambda.HttpFunction;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.gate.StatusQuery;

/** {@code POST /v2/payment/status}: the signed status request, answered with the signed payment. */
public final class StatusHandler extends HttpFunction {

    private final StatusQuery statusQuery;

    public StatusHandler() {
        this(Wiring.fromEnvironment());
    }

    public StatusHandler(Wiring wiring) {
        this.statusQuery = wiring.statusQuery();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.respond(
                "status", () -> statusQuery.status(HttpApi.body(event)).toString());
    }
}
