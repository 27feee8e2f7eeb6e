package dev.jetonvoucher.functions.payout;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetonvoucher.aws.lambda.HttpApi;
import dev.jetonvoucher.aws.lambda.HttpFunction;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.gate.Acceptance;
import dev.jetonvoucher.gate.GateRequests;

/** {@code POST /v2/payment/voucher/jeton/payout}: a Gate payout, reserved on the merchant balance. */
public final class PayoutHandler extends HttpFunction {

    private final GateRequests requests;
    private final Acceptance acceptance;

    public PayoutHandler() {
        this(Wiring.fromEnvironment());
    }

    public PayoutHandler(Wiring wiring) {
        this.requests = wiring.gateRequests();
        this.acceptance = wiring.acceptance();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.respond(
                "payout",
                () -> acceptance
                        .acceptPayout(requests.payout(HttpApi.body(event)))
                        .toJson());
    }
}
