package dev.jetonvoucher.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.gate.GateRejection;
import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.model.ResultCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The one error mapper: what each kind of route answers for a refusal and for a failure, and what is logged. */
class WebErrorsTest {

    private static final WebRequest REQUEST = new WebRequest(
            "POST", "/v2/payment/status", null, null, Map.of(), List.of(), "{}", null, "POST /v2/payment/status");
    private static final Supplier<WebResponse> FAILS = () -> {
        throw new IllegalStateException("table jv-payments is gone (an internal detail)");
    };
    private static final Supplier<WebResponse> REFUSES = () -> {
        throw new GateRejection(ResultCode.REQUIRED_FIELD_NOT_PROVIDED, "general.payment_id", "general.payment_id");
    };

    @Test
    void an_api_failure_is_a_500_with_the_platforms_internal_error_code_and_nothing_of_the_failure() {
        StringBuilder logged = new StringBuilder();
        WebResponse answer = logging(logged, () -> WebErrors.API.answer(REQUEST, FAILS));

        assertEquals(500, answer.status());
        assertEquals("{\"status\":\"error\",\"code\":\"501\",\"message\":\"Internal error\"}", answer.body());
        assertEquals("application/json; charset=utf-8", answer.headers().get("Content-Type"));
        assertTrue(logged.toString().contains("request.failed"), logged.toString());
        assertTrue(logged.toString().contains("POST /v2/payment/status"), "the route is logged: " + logged);
    }

    @Test
    void an_api_refusal_is_a_400_with_its_code_and_field() {
        StringBuilder logged = new StringBuilder();
        WebResponse answer = logging(logged, () -> WebErrors.API.answer(REQUEST, REFUSES));

        assertEquals(400, answer.status());
        assertEquals(
                "{\"status\":\"error\",\"code\":\"2004\",\"message\":\"Required field not provided: general.payment_id\","
                        + "\"field\":\"general.payment_id\"}",
                answer.body());
        assertTrue(logged.toString().contains("request.rejected"), logged.toString());
        assertFalse(logged.toString().contains("request.failed"), logged.toString());
    }

    @Test
    void the_provider_route_answers_a_failure_without_a_code() {
        WebResponse answer = logging(new StringBuilder(), () -> WebErrors.PROVIDER.answer(REQUEST, FAILS));

        assertEquals(500, answer.status());
        assertEquals("{\"status\":\"error\",\"message\":\"Internal error\"}", answer.body());
    }

    @Test
    void a_page_answers_with_its_own_error_page_and_one_that_cannot_still_answers_500() {
        WebErrors page = WebErrors.pages((request, status, error) -> new WebResponse(
                status,
                Map.of("Content-Type", "text/plain"),
                "page: " + error.code().code()));
        assertEquals(
                new WebResponse(500, Map.of("Content-Type", "text/plain"), "page: 501"),
                logging(new StringBuilder(), () -> page.answer(REQUEST, FAILS)));

        WebErrors broken = WebErrors.pages((request, status, error) -> {
            throw new IllegalStateException("the error page's template is missing");
        });
        WebResponse answer = logging(new StringBuilder(), () -> broken.answer(REQUEST, FAILS));
        assertEquals(500, answer.status());
        assertEquals("{\"status\":\"error\",\"code\":\"501\",\"message\":\"Internal error\"}", answer.body());
    }

    @Test
    void an_answer_passes_through_untouched() {
        WebResponse ok = WebResponse.json(200, "{\"status\":\"ok\"}");
        assertEquals(ok, WebErrors.API.answer(REQUEST, () -> ok));
    }

    private static WebResponse logging(StringBuilder logged, Supplier<WebResponse> call) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Log.configure(new PrintStream(out, true, StandardCharsets.UTF_8), false);
        try {
            return call.get();
        } finally {
            Log.configure(System.out, false);
            logged.append(out.toString(StandardCharsets.UTF_8));
        }
    }
}
