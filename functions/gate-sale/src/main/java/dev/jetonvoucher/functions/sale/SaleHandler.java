package dev.jetonvoucher.functions.sale;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetonvoucher.aws.lambda.HttpApi;
import dev.jetonvoucher.aws.lambda.HttpFunction;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.gate.Acceptance;
import dev.jetonvoucher.gate.GateRequests;
import dev.jetonvoucher.payment.Channel;

/** {@code POST /v2/payment/voucher/jeton/sale}: a Gate purchase with the customer's voucher. */
public final class SaleHandler extends HttpFunction {

    private final GateRequests requests;
    private final Acceptance acceptance;

    public SaleHandler() {
        this(Wiring.fromEnvironment());
    }

    public SaleHandler(Wiring wiring) {
        this.requests = wiring.gateRequests();
        this.acceptance = wiring.acceptance();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.respond(
                "sale",
                () -> acceptance
                        .acceptSale(requests.sale(HttpApi.body(event)), Channel.GATE)
                        .toJson());
    }
}
