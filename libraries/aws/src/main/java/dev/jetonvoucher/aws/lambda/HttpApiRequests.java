package dev.jetonvoucher.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.jetonvoucher.web.WebRequest;

/** The HTTP API (payload 2.0) event as the web pages' {@link WebRequest}: the one place that reads it. */
public final class HttpApiRequests {

    private HttpApiRequests() {}

    /**
     * The method (GET if the event has no request context, as a hand-written test event may not), raw path and
     * query, the query parameters as API Gateway decoded them, the headers, the cookies API Gateway split out,
     * the body with base64 decoded ({@link HttpApi#body}), the client's address and the route that matched.
     */
    public static WebRequest webRequest(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext.Http http = event.getRequestContext() == null
                ? null
                : event.getRequestContext().getHttp();
        String method = http == null || http.getMethod() == null ? "GET" : http.getMethod();
        return new WebRequest(
                method,
                event.getRawPath(),
                event.getRawQueryString(),
                event.getQueryStringParameters(),
                event.getHeaders(),
                event.getCookies(),
                HttpApi.body(event),
                http == null ? null : http.getSourceIp(),
                event.getRouteKey() != null
                        ? event.getRouteKey()
                        : event.getRequestContext() == null
                                ? null
                                : event.getRequestContext().getRouteKey());
    }
}
