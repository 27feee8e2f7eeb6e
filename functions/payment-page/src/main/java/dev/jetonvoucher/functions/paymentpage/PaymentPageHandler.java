package dev.jetonvoucher.functions.paymentpage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetonvoucher.aws.lambda.HttpApi;
import dev.jetonvoucher.aws.lambda.HttpFunction;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.paymentpage.PaymentPage;
import dev.jetonvoucher.paymentpage.WebRequest;
import dev.jetonvoucher.paymentpage.WebResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

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
        this.paymentPage = wiring.paymentPage();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        WebResponse response = paymentPage.handle(webRequest(event));
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(false)
                .build();
    }

    private static WebRequest webRequest(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext.Http http = event.getRequestContext().getHttp();
        Map<String, String> headers = new LinkedHashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        }
        return new WebRequest(http.getMethod(), event.getRawPath(), event.getRawQueryString(), headers,
                HttpApi.body(event), http.getSourceIp());
    }
}
