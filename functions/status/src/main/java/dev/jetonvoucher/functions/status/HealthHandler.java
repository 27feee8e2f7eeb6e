package dev.jetonvoucher.functions.status;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetonvoucher.aws.lambda.HttpApi;
import dev.jetonvoucher.aws.lambda.HttpFunction;

/** {@code GET /health}: the API answers. Touches nothing else, so it stays cheap and cold-start light. */
public final class HealthHandler extends HttpFunction {

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.json(200, "{\"status\":\"ok\"}");
    }
}
