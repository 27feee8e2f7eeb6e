package dev.jetonvoucher.paymentpage;

import dev.jetonvoucher.web.Html;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTML page from the class path with placeholders {@code {{context:name}}}. The context says where the
 * placeholder stands, and the value is escaped for it: {@code text} (between tags), {@code attr} (a quoted
 * attribute), {@code json} (a JSON data block the page script reads). The template is filled in one pass, so
 * a value that looks like a placeholder stays text. There is no unescaped context: pages are built only from
 * these.
 */
public final class PageTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(text|attr|json):([a-z_]+)}}");

    private final String name;
    private final String source;

    private PageTemplate(String name, String source) {
        this.name = name;
        this.source = source;
    }

    /** A template next to this class, e.g. {@code payment-page.html}. */
    public static PageTemplate load(String resourceName) {
        try (InputStream in = PageTemplate.class.getResourceAsStream(resourceName)) {
            if (in == null) {
                throw new IllegalStateException("template " + resourceName + " is not on the class path");
            }
            return new PageTemplate(resourceName, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + resourceName, e);
        }
    }

    /**
     * @param values raw values by placeholder name: strings for every context, any JSON-serialisable value for
     *     {@code json}; null renders as empty text
     * @throws IllegalStateException if the template names a value that was not given (a programming error)
     */
    public String render(Map<String, ?> values) {
        Matcher placeholder = PLACEHOLDER.matcher(source);
        StringBuilder page = new StringBuilder(source.length() + 1024);
        while (placeholder.find()) {
            String context = placeholder.group(1);
            String key = placeholder.group(2);
            if (!values.containsKey(key)) {
                throw new IllegalStateException("template " + name + " needs a value for " + key);
            }
            Object value = values.get(key);
            String escaped = switch (context) {
                case "text" -> Html.text(asText(value));
                case "attr" -> Html.attribute(asText(value));
                case "json" -> Html.jsonInScript(value);
                default -> throw new IllegalStateException("unknown context " + context);
            };
            placeholder.appendReplacement(page, Matcher.quoteReplacement(escaped));
        }
        placeholder.appendTail(page);
        return page.toString();
    }

    private static String asText(Object value) {
        return value == null ? "" : value.toString();
    }
}
