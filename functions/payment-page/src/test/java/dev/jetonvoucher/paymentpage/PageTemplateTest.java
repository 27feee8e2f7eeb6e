package dev.jetonvoucher.paymentpage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.web.Html;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageTemplateTest {

    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(text|attr|json):([a-z_]+)}}");
    static final String HOSTILE = "</p><script>alert(1)</script>\"' onmouseover='x' &amp; \u2028{{text:payment_id}}";

    @Test
    void a_value_is_escaped_for_the_place_of_its_placeholder_and_is_never_rendered_again() {
        String page = PageTemplate.load("error-page.html")
                .render(Map.of(
                        "code", "{{text:message}}", "message", HOSTILE, "language", "en", "field", "", "detail", ""));
        assertTrue(page.contains("<span id=\"error-code\">{{text:message}}</span>"), "a value is not a placeholder");
        assertTrue(page.contains("<p id=\"error-message\">&lt;/p&gt;&lt;script&gt;"), page);
        assertFalse(page.contains("<script>alert"));
    }

    @ParameterizedTest
    // edge-template.html (a test resource) starts and ends with placeholders, has them side by side and nested.
    @ValueSource(strings = {"payment-page.html", "error-page.html", "edge-template.html"})
    void the_template_split_at_load_renders_byte_for_byte_what_one_pass_of_the_placeholder_pattern_renders(String name)
            throws Exception {
        String source;
        try (InputStream in = PageTemplate.class.getResourceAsStream(name)) {
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, Object> values = new HashMap<>();
        Matcher placeholder = PLACEHOLDER.matcher(source);
        while (placeholder.find()) {
            values.put(
                    placeholder.group(2),
                    placeholder.group(1).equals("json")
                            ? Map.of("value", HOSTILE, "none", "")
                            : HOSTILE + placeholder.group(2));
        }
        assertTrue(values.size() > 1, "the template has placeholders");

        assertEquals(onePass(source, values), PageTemplate.load(name).render(values));
        values.replaceAll((key, value) -> null);
        assertEquals(onePass(source, values), PageTemplate.load(name).render(values), "null renders as empty text");
    }

    /** The renderer as it was before the template was split at load: the reference for identical output. */
    private static String onePass(String source, Map<String, ?> values) {
        Matcher placeholder = PLACEHOLDER.matcher(source);
        StringBuilder page = new StringBuilder();
        while (placeholder.find()) {
            Object value = values.get(placeholder.group(2));
            String text = value == null ? "" : value.toString();
            String escaped = switch (placeholder.group(1)) {
                case "text" -> Html.text(text);
                case "attr" -> Html.attribute(text);
                default -> Html.jsonInScript(value);
            };
            placeholder.appendReplacement(page, Matcher.quoteReplacement(escaped));
        }
        placeholder.appendTail(page);
        return page.toString();
    }

    @Test
    void a_missing_value_is_a_programming_error_not_an_empty_spot() {
        assertThrows(
                IllegalStateException.class,
                () -> PageTemplate.load("error-page.html").render(Map.of("code", "1")));
    }
}
