package dev.jetonvoucher.paymentpage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PageTemplateTest {

    static final String HOSTILE = "</p><script>alert(1)</script>\"' onmouseover='x' &amp; \u2028{{text:payment_id}}";

    @Test
    void text_cannot_open_a_tag_or_an_entity() {
        assertEquals("&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"' onmouseover='x' &amp;amp; \u2028{{text:payment_id}}",
                Html.text(HOSTILE));
    }

    @Test
    void an_attribute_value_cannot_close_its_quotes() {
        String escaped = Html.attribute(HOSTILE);
        assertFalse(escaped.contains("\"") || escaped.contains("'") || escaped.contains("<"), escaped);
        assertTrue(escaped.contains("&quot;&#39; onmouseover=&#39;x&#39;"));
    }

    @Test
    void json_in_a_script_block_cannot_end_the_script_element() {
        String json = Html.jsonInScript(Map.of("paymentId", HOSTILE));
        assertFalse(json.contains("<") || json.contains(">") || json.contains("\u2028"), json);
        assertTrue(json.contains("\\u003c/script\\u003e"), json);
    }

    @Test
    void control_characters_never_reach_the_page() {
        assertEquals("a\uFFFDb\tc", Html.text("a\u0000b\tc"));
    }

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

    @Test
    void only_http_urls_with_a_host_count_as_links() {
        assertTrue(Html.isHttpUrl("https://shop.example/return?order=1"));
        assertTrue(Html.isHttpUrl("HTTP://shop.example"));
        assertFalse(Html.isHttpUrl("javascript:alert(1)"));
        assertFalse(Html.isHttpUrl("data:text/html,x"));
        assertFalse(Html.isHttpUrl("//shop.example"));
        assertFalse(Html.isHttpUrl("https:///nohost"));
    }
}
