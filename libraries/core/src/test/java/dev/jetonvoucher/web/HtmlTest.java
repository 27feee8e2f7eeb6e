package dev.jetonvoucher.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlTest {

    static final String HOSTILE = "</p><script>alert(1)</script>\"' onmouseover='x' &amp; \u2028{{text:payment_id}}";

    @Test
    void text_cannot_open_a_tag_or_an_entity() {
        assertEquals(
                "&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"' onmouseover='x' &amp;amp; \u2028{{text:payment_id}}",
                Html.text(HOSTILE));
        assertEquals("", Html.text(null));
    }

    @Test
    void an_attribute_value_cannot_close_its_quotes() {
        String escaped = Html.attribute(HOSTILE);
        assertFalse(escaped.contains("\"") || escaped.contains("'") || escaped.contains("<"), escaped);
        assertTrue(escaped.contains("&quot;&#39; onmouseover=&#39;x&#39;"));
        assertEquals(
                "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;",
                Html.attribute("<script>alert(\"x\")</script> & '"));
        assertEquals("", Html.attribute(null));
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
        assertEquals("a\uFFFDb\tc", Html.attribute("a\u0000b\tc"));
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
