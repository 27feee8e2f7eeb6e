package dev.jetonvoucher.functions.paymentpage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetonvoucher.aws.lambda.HttpApiRequests;
import dev.jetonvoucher.aws.lambda.HttpFunction;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.paymentpage.PageTokens;
import dev.jetonvoucher.paymentpage.PaymentPage;
import dev.jetonvoucher.paymentpage.PaymentPageRequests;
import dev.jetonvoucher.web.WebResponse;

/**
 * The hosted Payment Page behind the HTTP API: {@code GET /payment}, {@code POST /payment/submit},
 * {@code GET /payment/status} and the page's static files. Translates the API Gateway event and hands it to
 * {@link PaymentPage}; one function, so the page and its files share one warm container.
 */
public final class PaymentPageHandler extends HttpFunction {

    private final PaymentPage paymentPage;

    public PaymentPageHandler() {
        this(Wiring.fromEnvironment());
    }

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
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        WebResponse response = paymentPage.handle(HttpApiRequests.webRequest(event));
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(false)
                .build();
    }
}
