package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sandbox's request log line and the payment id it names. */
class RequestLogLineTest {

    @Test
    void the_line_names_route_status_latency_and_payment() {
        assertEquals(
                "HTTP POST /v2/payment/status 200 12ms payment=order-17",
                RequestLogLine.format("POST", "/v2/payment/status", 200, 12, Optional.of("order-17")));
        assertEquals("HTTP GET /health 200 0ms", RequestLogLine.format("GET", "/health", 200, 0, Optional.empty()));
    }

    @Test
    void the_payment_id_comes_from_a_gate_request_an_acknowledgement_a_callback_or_the_payment_page_query() {
        assertEquals(
                Optional.of("g-1"), paymentId(null, "{\"general\":{\"project_id\":1,\"payment_id\":\"g-1\"}}", null));
        assertEquals(
                Optional.of("ack-1"),
                paymentId(null, "{not json", "{\"status\":\"success\",\"payment_id\":\"ack-1\"}"));
        assertEquals(
                Optional.of("cb-1"), paymentId(null, "{\"payment\":{\"id\":\"cb-1\",\"status\":\"success\"}}", null));
        assertEquals(
                Optional.of("pp 1"),
                paymentId("project_id=1&payment_id=pp%201", null, null).map(id -> id.replace('_', ' ')));
        assertEquals(Optional.of("42"), paymentId(null, "{\"general\":{\"payment_id\":42}}", null));
    }

    @Test
    void without_a_payment_there_is_none() {
        assertEquals(Optional.empty(), paymentId(null, "", "{\"status\":\"ok\"}"));
        assertEquals(Optional.empty(), paymentId("a=b", "[1,2]", "OK"));
        assertEquals(Optional.empty(), paymentId(null, "{\"general\":{\"payment_id\":\"\"}}", null));
    }

    @Test
    void a_payment_id_cannot_forge_or_split_log_lines() {
        assertEquals(
                Optional.of("x_HTTP_GET_/admin_200_1ms"),
                paymentId(null, "{\"general\":{\"payment_id\":\"x\\nHTTP GET /admin 200 1ms\"}}", null));
        String longId = "a".repeat(300);
        assertEquals(
                81,
                paymentId(null, "{\"general\":{\"payment_id\":\"" + longId + "\"}}", null)
                        .orElseThrow()
                        .length());
    }

    @Test
    void only_json_responses_are_searched_for_a_payment() {
        assertTrue(RequestLogLine.isJson("application/json; charset=utf-8"));
        assertTrue(RequestLogLine.isJson("Application/JSON"));
        assertFalse(RequestLogLine.isJson("text/html; charset=utf-8"));
        assertFalse(RequestLogLine.isJson("text/csv"));
        assertFalse(RequestLogLine.isJson(""));
    }

    private static Optional<String> paymentId(String query, String request, String response) {
        return RequestLogLine.paymentId(query, bytes(request), bytes(response));
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
