package dev.jetonvoucher.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebRequestTest {

    private static WebRequest request(Map<String, String> headers, List<String> cookies, String body) {
        return new WebRequest("post", "/dashboard/sign-in", "a=1", Map.of("a", "1"), headers, cookies, body, null);
    }

    @Test
    void reads_cookies_from_the_gateways_list_or_the_header() {
        WebRequest fromList = request(Map.of(), List.of("a=1", "jv_session=v1.2.3.x", "jv_session_old=no"), null);
        assertEquals(Optional.of("v1.2.3.x"), fromList.cookie("jv_session"));
        assertEquals(Optional.empty(), fromList.cookie("jv"));
        WebRequest fromHeader = request(Map.of("cookie", "x=y; jv_csrf=token"), null, null);
        assertEquals(Optional.of("token"), fromHeader.cookie("jv_csrf"));
    }

    @Test
    void decodes_a_form_the_first_value_of_a_name_counting() {
        Map<String, String> fields = request(
                        Map.of(), null, "project_id=239&secret_key=a%2Bb%26c+d&csrf=t&secret_key=second&bad=%zz")
                .form();
        assertEquals("239", fields.get("project_id"));
        assertEquals("a+b&c d", fields.get("secret_key"), "the first value counts");
        assertEquals("", fields.get("bad"), "a malformed escape is an empty value");
        assertEquals(
                Map.of(),
                request(Map.of(), null, "a=" + "x".repeat(WebRequest.MAX_FORM_CHARS))
                        .form(),
                "a body larger than any form of the platform is not read");
        assertEquals(Map.of(), request(Map.of(), null, null).form());
    }

    @Test
    void headers_are_found_by_name_in_any_case() {
        WebRequest request = request(Map.of("Sec-Fetch-Site", "same-origin", "X-Forwarded-Proto", "https"), null, null);
        assertEquals("same-origin", request.header("sec-fetch-site"));
        assertEquals("same-origin", request.header("SEC-FETCH-SITE"));
        assertNull(request.header("origin"));
        assertTrue(request.https());
        assertFalse(request(Map.of(), null, null).https());
    }

    @Test
    void the_method_is_upper_case_and_nothing_secret_is_printed() {
        WebRequest request = request(Map.of("cookie", "jv_session=secret"), null, "secret_key=secret");
        assertEquals("POST", request.method());
        assertEquals("1", request.query("a"));
        assertEquals("a=1", request.rawQuery());
        assertEquals("POST /dashboard/sign-in", request.toString());
    }
}
