package dev.jetonvoucher.aws.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetonvoucher.gate.GateRejection;
import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.web.WebErrors;
import dev.jetonvoucher.web.WebRequest;
import dev.jetonvoucher.web.WebResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every HTTP function's edge: the request it is handed, its answer as API Gateway's, and its errors mapped. */
class HttpFunctionTest {

    @Test
    void the_function_gets_the_request_with_its_route_and_its_answer_reaches_api_gateway_whole() {
        WebRequest[] seen = new WebRequest[1];
        APIGatewayV2HTTPResponse answer = function(request -> {
                    seen[0] = request;
                    return new WebResponse(
                            201,
                            Map.of("Content-Type", "text/plain", "Location", "/x"),
                            "made",
                            List.of("a=1; HttpOnly", "b=2"));
                })
                .handleRequest(event("POST /v1/balance/get", "/v1/balance/get", "{\"a\":1}"), null);

        assertEquals("POST /v1/balance/get", seen[0].route());
        assertEquals("POST", seen[0].method());
        assertEquals("{\"a\":1}", seen[0].body());
        assertEquals(201, answer.getStatusCode());
        assertEquals(Map.of("Content-Type", "text/plain", "Location", "/x"), answer.getHeaders());
        assertEquals("made", answer.getBody());
        assertEquals(List.of("a=1; HttpOnly", "b=2"), answer.getCookies());
        assertFalse(answer.getIsBase64Encoded());
    }

    @Test
    void an_answer_without_cookies_sets_none() {
        APIGatewayV2HTTPResponse answer = function(request -> WebResponse.json(200, "{}"))
                .handleRequest(event("GET /health", "/health", null), null);
        assertNull(answer.getCookies());
        assertEquals("application/json; charset=utf-8", answer.getHeaders().get("Content-Type"));
    }

    @Test
    void a_failure_is_answered_by_the_error_mapper_not_thrown_to_the_runtime() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Log.configure(new PrintStream(log, true, StandardCharsets.UTF_8), false);
        APIGatewayV2HTTPResponse failed;
        APIGatewayV2HTTPResponse refused;
        try {
            failed = function(request -> {
                        throw new IllegalStateException("secret internals");
                    })
                    .handleRequest(event("POST /v2/payment/status", "/v2/payment/status", "{}"), null);
            refused = function(request -> {
                        throw GateRejection.of(ResultCode.INVALID_JSON);
                    })
                    .handleRequest(event("POST /v2/payment/status", "/v2/payment/status", "{}"), null);
        } finally {
            Log.configure(System.out, false);
        }

        assertEquals(500, failed.getStatusCode());
        assertEquals("{\"status\":\"error\",\"code\":\"501\",\"message\":\"Internal error\"}", failed.getBody());
        assertFalse(failed.getBody().contains("secret internals"));
        assertEquals(400, refused.getStatusCode());
        assertTrue(refused.getBody().contains("\"code\":\"" + ResultCode.INVALID_JSON.code() + "\""));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("request.failed"));
    }

    @Test
    void a_function_of_pages_answers_errors_with_its_page() {
        HttpFunction pages = new HttpFunction() {
            @Override
            protected WebResponse handle(WebRequest request) {
                throw new IllegalStateException("broken");
            }

            @Override
            protected WebErrors errors() {
                return WebErrors.pages((request, status, error) -> new WebResponse(
                        status,
                        Map.of("Content-Type", "text/plain"),
                        error.code().message()));
            }
        };
        Log.configure(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
        APIGatewayV2HTTPResponse answer;
        try {
            answer = pages.handleRequest(event("GET /dashboard", "/dashboard", null), null);
        } finally {
            Log.configure(System.out, false);
        }
        assertEquals(500, answer.getStatusCode());
        assertEquals("Internal error", answer.getBody());
    }

    private static HttpFunction function(Function<WebRequest, WebResponse> handle) {
        return new HttpFunction() {
            @Override
            protected WebResponse handle(WebRequest request) {
                return handle.apply(request);
            }
        };
    }

    private static APIGatewayV2HTTPEvent event(String routeKey, String path, String body) {
        return APIGatewayV2HTTPEvent.builder()
                .withRouteKey(routeKey)
                .withRawPath(path)
                .withBody(body)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(routeKey.substring(0, routeKey.indexOf(' ')))
                                .withPath(path)
                                .build())
                        .build())
                .build();
    }
}
