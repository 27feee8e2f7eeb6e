package dev.jetonvoucher.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one rule for callback URLs: a project's callback_url and a request's general.merchant_callback_url. */
class CallbackUrlsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://shop.example/callbacks",
                "http://127.0.0.1:8081/callbacks",
                "https://shop.example:8443/orders/17/callback?lang=de"
            })
    void an_absolute_http_or_https_url_with_a_host_is_taken_as_it_is(String url) {
        assertEquals(URI.create(url), CallbackUrls.parse(url));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ftp://shop.example/x                  | must be an absolute http(s) URL
            file:///etc/passwd                    | must be an absolute http(s) URL
            /callbacks                            | must be an absolute http(s) URL
            HTTPS://shop.example/x                | must be an absolute http(s) URL
            http:///x                             | must be an absolute http(s) URL
            https://user:pw@shop.example/x        | must not hold user info (user:password@)
            https://shop.example/a b              | is not a URL: Illegal character in path
            """)
    void anything_else_is_refused_saying_why(String url, String why) {
        assertEquals(
                why,
                assertThrows(IllegalArgumentException.class, () -> CallbackUrls.parse(url))
                        .getMessage());
    }

    @Test
    void an_empty_or_overlong_url_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> CallbackUrls.parse(""));
        assertThrows(IllegalArgumentException.class, () -> CallbackUrls.parse(null));
        String overlong = "https://shop.example/" + "x".repeat(CallbackUrls.MAX_LENGTH);
        assertEquals(
                "must be at most 2048 characters",
                assertThrows(IllegalArgumentException.class, () -> CallbackUrls.parse(overlong))
                        .getMessage());
    }
}
