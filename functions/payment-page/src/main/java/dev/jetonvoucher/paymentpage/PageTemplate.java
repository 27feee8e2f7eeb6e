package dev.jetonvoucher.paymentpage;

import dev.jetonvoucher.web.Html;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTML page from the class path with placeholders {@code {{context:name}}}. The context says where the
 * placeholder stands, and the value is escaped for it: {@code text} (between tags), {@code attr} (a quoted
 * attribute), {@code json} (a JSON data block the page script reads). The template is filled in one pass, so
 * a value that looks like a placeholder stays text. There is no unescaped context: pages are built only from
 * these.
 *
 * <p>A page's own texts are {@code {{t:key}}}, a key of {@link PageMessages}: {@link #load(String, PageMessages)}
 * puts in the language's text once, at load, escaped (so a text is never markup), and a text's {@code {name}}
 * becomes the placeholder {@code {{attr:name}}} (escaped for an attribute, which is safe in text too). So one
 * template file gives a template per language, each still filled in one pass per request.
 */
public final class PageTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(text|attr|json):([a-z_]+)}}");
    private static final Pattern MESSAGE = Pattern.compile("\\{\\{t:([a-z0-9_.]+)}}");
    private static final Pattern MESSAGE_ARGUMENT = Pattern.compile("\\{([a-z_]+)}");

    private final String name;
    /** The template split once at load: literal text and placeholders in order, so a request only appends. */
    private final List<Part> parts;

    private final int length;

    private PageTemplate(String name, String source) {
        this.name = name;
        this.parts = split(source);
        this.length = source.length();
    }

    /** A template next to this class, e.g. {@code payment-page.html}, as it is (its {@code {{t:key}}} left as text). */
    public static PageTemplate load(String resourceName) {
        return new PageTemplate(resourceName, PageResources.text(resourceName));
    }

    /**
     * A template next to this class in one language: each {@code {{t:key}}} replaced by its text.
     *
     * @throws java.util.MissingResourceException if the language has no text for a key the template uses
     */
    public static PageTemplate load(String resourceName, PageMessages messages) {
        return new PageTemplate(
                resourceName + " (" + messages.language().code() + ")",
                localize(PageResources.text(resourceName), messages));
    }

    static String localize(String source, PageMessages messages) {
        Matcher key = MESSAGE.matcher(source);
        StringBuilder localized = new StringBuilder(source.length() + 1024);
        while (key.find()) {
            String text = MESSAGE_ARGUMENT
                    .matcher(Html.attribute(messages.text(key.group(1))))
                    .replaceAll("{{attr:$1}}");
            key.appendReplacement(localized, Matcher.quoteReplacement(text));
        }
        key.appendTail(localized);
        return localized.toString();
    }

    /**
     * @param values raw values by placeholder name: strings for every context, any JSON-serialisable value for
     *     {@code json}; null renders as empty text
     * @throws IllegalStateException if the template names a value that was not given (a programming error)
     */
    public String render(Map<String, ?> values) {
        StringBuilder page = new StringBuilder(length + 1024);
        for (Part part : parts) {
            if (part.context() == null) {
                page.append(part.text());
            } else if (!values.containsKey(part.text())) {
                throw new IllegalStateException("template " + name + " needs a value for " + part.text());
            } else {
                page.append(part.context().escape(values.get(part.text())));
            }
        }
        return page.toString();
    }

    private static List<Part> split(String source) {
        List<Part> parts = new ArrayList<>();
        Matcher placeholder = PLACEHOLDER.matcher(source);
        int literalStart = 0;
        while (placeholder.find()) {
            if (placeholder.start() > literalStart) {
                parts.add(new Part(null, source.substring(literalStart, placeholder.start())));
            }
            parts.add(new Part(Context.valueOf(placeholder.group(1).toUpperCase(Locale.ROOT)), placeholder.group(2)));
            literalStart = placeholder.end();
        }
        if (literalStart < source.length()) {
            parts.add(new Part(null, source.substring(literalStart)));
        }
        return List.copyOf(parts);
    }

    /** Where a placeholder stands, and so how its value is escaped. */
    private enum Context {
        TEXT {
            @Override
            String escape(Object value) {
                return Html.text(asText(value));
            }
        },
        ATTR {
            @Override
            String escape(Object value) {
                return Html.attribute(asText(value));
            }
        },
        JSON {
            @Override
            String escape(Object value) {
                return Html.jsonInScript(value);
            }
        };

        abstract String escape(Object value);
    }

    /** Literal text (no context), or a placeholder: its context and the name of its value. */
    private record Part(Context context, String text) {}

    private static String asText(Object value) {
        return value == null ? "" : value.toString();
    }
}
