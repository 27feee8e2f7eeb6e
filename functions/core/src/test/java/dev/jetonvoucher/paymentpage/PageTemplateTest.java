package dev.jetonvoucher.paymentpage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PageTemplateTest {

    static final String HOSTILE = "</p><script>alert(1)</script>\"' onmouseover='x' &amp; \u2028{{text:payment_id}}";

    @Test
    void a_value_is_escaped_for_the_place_of_its_placeholder_and_is_never_rendered_again() {
        String page = PageTemplate.load("error-page.html").render(Map.of("code", "{{text:message}}", "message", HOSTILE));
        assertTrue(page.contains("<span id=\"error-code\">{{text:message}}</span>"), "a value is not a placeholder");
        assertTrue(page.contains("<p id=\"error-message\">&lt;/p&gt;&lt;script&gt;"), page);
        assertFalse(page.contains("<script>alert"));
    }

    @Test
    void a_missing_value_is_a_programming_error_not_an_empty_spot() {
        assertThrows(IllegalStateException.class, () -> PageTemplate.load("error-page.html").render(Map.of("code", "1")));
    }
}
