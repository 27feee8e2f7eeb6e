package dev.jetonvoucher.functions.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetonvoucher.local.HttpRoute;
import dev.jetonvoucher.local.SamTemplate;
import org.junit.jupiter.api.Test;

/** GET /health, and the API's $default route: what API Gateway hands every request no other route takes. */
class HealthHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HealthHandler handler = new HealthHandler(null);

    private static APIGatewayV2HTTPEvent event(String routeKey, String method, String path) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(path)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(routeKey)
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(path)
                                .build())
                        .build())
                .build();
    }

    @Test
    void health_answers_ok() throws Exception {
        APIGatewayV2HTTPResponse answer = handler.handleRequest(event("GET /health", "GET", "/health"), null);
        assertEquals(200, answer.getStatusCode());
        assertEquals("ok", JSON.readTree(answer.getBody()).path("status").asText());
    }

    @Test
    void an_unknown_route_gets_404_with_the_platforms_error_body_and_canonical_headers() throws Exception {
        APIGatewayV2HTTPResponse answer = handler.handleRequest(event("$default", "POST", "/v2/payment/status/"), null);
        assertEquals(404, answer.getStatusCode());
        JsonNode body = JSON.readTree(answer.getBody());
        assertEquals("error", body.path("status").asText());
        assertEquals("702", body.path("code").asText());
        assertEquals(
                "Malformed request: the API has no route POST /v2/payment/status/ (routes have no trailing slash)",
                body.path("message").asText());
        assertTrue(
                answer.getHeaders().get("Content-Type").startsWith("application/json"),
                answer.getHeaders().toString());
    }

    @Test
    void a_long_path_is_not_echoed_whole() throws Exception {
        String path = "/" + "x".repeat(5_000);
        APIGatewayV2HTTPResponse answer = handler.handleRequest(event("$default", "GET", path), null);
        String message = JSON.readTree(answer.getBody()).path("message").asText();
        assertTrue(message.length() < 400, message);
    }

    @Test
    void the_template_gives_this_function_the_default_route() {
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        assertTrue(
                template.function("HealthFunction")
                        .httpRoutes()
                        .contains(new HttpRoute("UnknownRoute", "ANY", "$default")),
                template.function("HealthFunction").httpRoutes().toString());
    }
}
