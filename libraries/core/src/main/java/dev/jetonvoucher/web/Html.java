package dev.jetonvoucher.web;

import dev.jetonvoucher.json.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Escaping for each place a value can land in a page: the one escaper of the Payment Page
 * (the payment-page function's {@code PageTemplate}), the dashboard's pages and the sandbox's callback inbox.
 * Every value a merchant or customer sent goes through exactly one of these on its way out, chosen by where it
 * is written.
 */
public final class Html {

    private Html() {}

    /** For HTML text between tags: the characters that could open a tag or an entity are escaped. */
    public static String text(String value) {
        return escape(value, false);
    }

    /**
     * For a quoted attribute value: additionally both quotes, so the value cannot close the attribute. Safe as
     * HTML text too.
     */
    public static String attribute(String value) {
        return escape(value, true);
    }

    /** For one component of a query string: percent-encoded, UTF-8. */
    public static String queryComponent(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * For a JSON data block ({@code <script type="application/json">}) read with {@code JSON.parse}: JSON,
     * with {@code < > &} and the JavaScript line separators as Unicode escapes, so no value can end the
     * script element or start an HTML comment inside it.
     */
    public static String jsonInScript(Object value) {
        String json;
        try {
            json = Json.writeValue(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "not serialisable as JSON: " + value.getClass().getName(), e);
        }
        StringBuilder out = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** An absolute http or https URL with a host. */
    public static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String escape(String value, boolean attribute) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\'' -> out.append(attribute ? "&#39;" : "'");
                // NUL and other C0 controls but tab/line breaks are never meaningful in a page.
                default -> out.append(Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r' ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
