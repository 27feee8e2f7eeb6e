package dev.jetonvoucher.functions.sale;

import dev.jetonvoucher.aws.lambda.HttpFunction;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.gate.Acceptance;
import dev.jetonvoucher.gate.GateRequests;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.web.WebRequest;
import dev.jetonvoucher.web.WebResponse;

/** {@code POST /v2/payment/voucher/jeton/sale}: a Gate purchase with the customer's voucher. */
public final class SaleHandler extends HttpFunction {

    private final GateRequests requests;
    private final Acceptance acceptance;

    /** In Lambda: the services of the container's wiring, from its environment. */
    public SaleHandler() {
        this(Wiring.fromEnvironment());
    }

    /** In the sandbox: the services of a function's own wiring. */
    public SaleHandler(Wiring wiring) {
        this(wiring.gateRequests(), wiring.acceptance());
    }

    public SaleHandler(GateRequests requests, Acceptance acceptance) {
        this.requests = requests;
        this.acceptance = acceptance;
    }

    @Override
    protected WebResponse handle(WebRequest request) {
        return WebResponse.json(
                200,
                acceptance
                        .acceptSale(requests.sale(request.body()), Channel.GATE)
                        .toJson());
    }
}
