package dev.jetonvoucher.paymentpage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.project.ProjectDirectory;
import dev.jetonvoucher.web.Html;
import dev.jetonvoucher.web.WebRequest;
import dev.jetonvoucher.web.WebResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Payment Page whose storage fails: the one error mapper answers the opened page with the error page in the
 * customer's language and the page script's routes with the platform's JSON error, both 500 with code 501, and never
 * the failure's text.
 */
class PaymentPageFailureTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final String DETAIL = "table jv-payments is gone";

    private final PageTokens tokens =
            new PageTokens("page-test-key-0123456789abcdefghijklmnop".getBytes(StandardCharsets.UTF_8), CLOCK);
    private final PaymentPage page = new PaymentPage(
            new PaymentPageRequests(failing(ProjectDirectory.class)), failing(PaymentStore.class), null, tokens, CLOCK);
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void captureLog() {
        Log.configure(new PrintStream(log, true, StandardCharsets.UTF_8), false);
    }

    @AfterEach
    void restoreLog() {
        Log.configure(System.out, false);
    }

    @Test
    void the_opened_page_fails_with_the_error_page_in_the_requests_language() {
        WebResponse answer = page.handle(get(PaymentPage.PAGE_PATH, "project_id=239&payment_id=p-1&language_code=ru"));

        assertEquals(500, answer.status());
        assertTrue(
                answer.headers().get("Content-Type").startsWith("text/html"),
                answer.headers().toString());
        assertEquals("ru", answer.headers().get("Content-Language"));
        assertTrue(answer.body().contains("501"), "the platform's code is shown");
        assertFalse(answer.body().contains(DETAIL));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("request.failed"));
    }

    @Test
    void the_scripts_status_route_fails_with_the_platforms_json_error() {
        String token = tokens.statusToken(new PaymentKey(239, "p-1"));
        WebResponse answer = page.handle(get(PaymentPage.STATUS_PATH, "token=" + Html.queryComponent(token)));

        assertEquals(500, answer.status());
        assertEquals(PageHeaders.json(), answer.headers());
        assertEquals("{\"status\":\"error\",\"code\":\"501\",\"message\":\"Internal error\"}", answer.body());
    }

    private static WebRequest get(String path, String query) {
        return new WebRequest("GET", path, query, null, Map.of("host", "localhost"), List.of(), null, null);
    }

    /** A port whose every call fails, as a storage that is unreachable does. */
    private static <T> T failing(Class<T> port) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            throw new IllegalStateException(DETAIL);
        }));
    }
}
