package dev.jetonvoucher.functions.paymentpage;

import dev.jetonvoucher.aws.lambda.HttpFunction;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.paymentpage.PageTokens;
import dev.jetonvoucher.paymentpage.PaymentPage;
import dev.jetonvoucher.paymentpage.PaymentPageRequests;
import dev.jetonvoucher.web.WebErrors;
import dev.jetonvoucher.web.WebRequest;
import dev.jetonvoucher.web.WebResponse;

/**
 * The hosted Payment Page behind the HTTP API: {@code GET /payment}, {@code POST /payment/submit},
 * {@code GET /payment/status} and the page's static files. Hands the request to {@link PaymentPage}; one function,
 * so the page and its files share one warm container.
 */
public final class PaymentPageHandler extends HttpFunction {

    private final PaymentPage paymentPage;

    /** In Lambda: the services of the container's wiring, from its environment. */
    public PaymentPageHandler() {
        this(Wiring.fromEnvironment());
    }

    /** In the sandbox: the services of a function's own wiring. */
    public PaymentPageHandler(Wiring wiring) {
        this(paymentPageOf(wiring));
        wiring.primeAlso("payment page", () -> PaymentPagePriming.prime(paymentPage));
    }

    public PaymentPageHandler(PaymentPage paymentPage) {
        this.paymentPage = paymentPage;
    }

    /** Its token keys are derived from the voucher transit keys, so the page needs no secret of its own. */
    static PaymentPage paymentPageOf(Wiring wiring) {
        return new PaymentPage(
                new PaymentPageRequests(wiring.projects()),
                wiring.payments(),
                wiring.acceptance(),
                PageTokens.derivedFrom(wiring.transitKeys(), wiring.clock()),
                wiring.clock());
    }

    @Override
    protected WebResponse handle(WebRequest request) {
        return paymentPage.handle(request);
    }

    @Override
    protected WebErrors errors() {
        return PaymentPage.errors();
    }
}
