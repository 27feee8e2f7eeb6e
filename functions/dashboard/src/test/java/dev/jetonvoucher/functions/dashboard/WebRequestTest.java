package dev.jetonvoucher.functions.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebRequestTest {

    private static WebRequest request(Map<String, String> headers, List<String> cookies, String body, boolean base64) {
        return new WebRequest(APIGatewayV2HTTPEvent.builder().withHeaders(headers).withCookies(cookies)
                .withBody(base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body)
                .withIsBase64Encoded(base64).build());
    }

    @Test
    void readsCookiesFromTheEventOrTheHeader() {
        WebRequest fromEvent = request(Map.of(), List.of("a=1", "jv_session=v1.2.3.x", "jv_session_old=no"), null, false);
        assertEquals(Optional.of("v1.2.3.x"), fromEvent.cookie("jv_session"));
        assertEquals(Optional.empty(), fromEvent.cookie("jv"));
        WebRequest fromHeader = request(Map.of("cookie", "x=y; jv_csrf=token"), null, null, false);
        assertEquals(Optional.of("token"), fromHeader.cookie("jv_csrf"));
    }

    @Test
    void decodesAFormPostedPlainOrBase64() {
        String form = "project_id=239&secret_key=a%2Bb%26c+d&csrf=t&secret_key=second";
        for (boolean base64 : new boolean[] {false, true}) {
            Map<String, String> fields = request(Map.of(), null, form, base64).form();
            assertEquals("239", fields.get("project_id"));
            assertEquals("a+b&c d", fields.get("secret_key"), "the first value counts");
        }
    }

    @Test
    void aRequestAnotherSiteMadeIsNotSameOrigin() {
        assertTrue(request(Map.of("host", "dash.example"), null, null, false).sameOrigin(), "no Origin: not a browser form");
        assertTrue(request(Map.of("host", "dash.example", "origin", "https://dash.example"), null, null, false).sameOrigin());
        assertTrue(request(Map.of("host", "127.0.0.1:3000", "origin", "http://127.0.0.1:3000",
                "sec-fetch-site", "same-origin"), null, null, false).sameOrigin());
        assertFalse(request(Map.of("host", "dash.example", "origin", "https://evil.example"), null, null, false).sameOrigin());
        assertFalse(request(Map.of("host", "dash.example", "origin", "null"), null, null, false).sameOrigin());
        assertFalse(request(Map.of("host", "dash.example", "sec-fetch-site", "cross-site"), null, null, false).sameOrigin());
    }

    @Test
    void httpsIsWhatTheGatewayForwards() {
        assertTrue(request(Map.of("x-forwarded-proto", "https"), null, null, false).https());
        assertFalse(request(Map.of(), null, null, false).https());
    }
}
