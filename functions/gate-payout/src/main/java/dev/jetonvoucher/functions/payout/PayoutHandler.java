package dev.jetonvoucher.functions.payout;

import dev.jetonvoucher.aws.lambda.HttpFunction;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.gate.Acceptance;
import dev.jetonvoucher.gate.GateRequests;
import dev.jetonvoucher.web.WebRequest;
import dev.jetonvoucher.web.WebResponse;

/** {@code POST /v2/payment/voucher/jeton/payout}: a Gate payout, reserved on the merchant balance. */
public final class PayoutHandler extends HttpFunction {

    private final GateRequests requests;
    private final Acceptance acceptance;

    /** In Lambda: the services of the container's wiring, from its environment. */
    public PayoutHandler() {
        this(Wiring.fromEnvironment());
    }

    /** In the sandbox: the services of a function's own wiring. */
    public PayoutHandler(Wiring wiring) {
        this(wiring.gateRequests(), wiring.acceptance());
    }

    public PayoutHandler(GateRequests requests, Acceptance acceptance) {
        this.requests = requests;
        this.acceptance = acceptance;
    }

    @Override
    protected WebResponse handle(WebRequest request) {
        return WebResponse.json(
                200, acceptance.acceptPayout(requests.payout(request.body())).toJson());
    }
}
