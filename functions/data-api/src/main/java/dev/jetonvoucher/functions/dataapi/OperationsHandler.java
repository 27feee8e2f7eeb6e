package dev.jetonvoucher.functions.dataapi;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetonvoucher.analysis.PaymentSearch;
import dev.jetonvoucher.aws.lambda.HttpApi;
import dev.jetonvoucher.aws.lambda.HttpFunction;
import dev.jetonvoucher.aws.lambda.Wiring;

/** {@code POST /operations/get}: the Data API's signed list of a project's operations. */
public final class OperationsHandler extends HttpFunction {

    private final OperationsApi operations;

    public OperationsHandler() {
        this(Wiring.fromEnvironment());
    }

    public OperationsHandler(Wiring wiring) {
        this.operations = new OperationsApi(wiring.gateRequests(), new PaymentSearch(wiring.payments()));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.respond("operations", () -> operations.operations(HttpApi.body(event)).toString());
    }
}
