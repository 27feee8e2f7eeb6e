package dev.jetonvoucher.paymentpage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.web.WebResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageHeadersTest {

    @Test
    void json_answers_share_one_immutable_map_that_a_response_keeps_without_copying() {
        Map<String, String> headers = PageHeaders.json();
        assertEquals(
                Map.of(
                        "Content-Type",
                        "application/json; charset=utf-8",
                        "Cache-Control",
                        "no-store",
                        "X-Content-Type-Options",
                        "nosniff",
                        "Content-Security-Policy",
                        "default-src 'none'; frame-ancestors 'none'"),
                headers);
        assertSame(headers, PageHeaders.json());
        assertThrows(UnsupportedOperationException.class, () -> headers.put("X-Frame-Options", "ALLOW"));
        assertSame(headers, new WebResponse(200, headers, "{}").headers());
    }

    @Test
    void a_page_file_missing_from_the_class_path_fails_loudly() {
        IllegalStateException missing =
                assertThrows(IllegalStateException.class, () -> PageTemplate.load("no-such-page.html"));
        assertTrue(missing.getMessage().contains("no-such-page.html"), missing.getMessage());
    }
}
