package dev.jetonvoucher.paymentpage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Payment Page's texts in one language, from the resource bundle {@code messages_<language>.properties} next to
 * this class (UTF-8). Bundles are read without fallback: not to the JVM's default locale, and not from one language
 * to another, so a key missing from a bundle fails where it is used (and in the tests) instead of showing a text in
 * another language. A text may name values as {@code {name}}.
 */
public final class PageMessages {

    static final String BUNDLE = "dev.jetonvoucher.paymentpage.messages";
    private static final Pattern ARGUMENT = Pattern.compile("\\{([a-z_0-9]+)}");
    private static final Map<PageLanguage, PageMessages> ALL = load();

    private final PageLanguage language;
    /** Sorted by key, so a page's configuration is the same bytes every time. */
    private final Map<String, String> texts;

    private PageMessages(PageLanguage language, Map<String, String> texts) {
        this.language = language;
        this.texts = Collections.unmodifiableMap(texts);
    }

    public static PageMessages of(PageLanguage language) {
        return ALL.get(language);
    }

    public PageLanguage language() {
        return language;
    }

    /** The text of a key, its arguments unfilled. */
    public String text(String key) {
        String text = texts.get(key);
        if (text == null) {
            throw new MissingResourceException(
                    "messages_" + language.code() + ".properties has no " + key, BUNDLE, key);
        }
        return text;
    }

    /** The text with each {@code {name}} replaced by its argument, as plain text (the caller escapes the result). */
    public String format(String key, Map<String, String> arguments) {
        Matcher argument = ARGUMENT.matcher(text(key));
        StringBuilder out = new StringBuilder();
        while (argument.find()) {
            String value = arguments.get(argument.group(1));
            if (value == null) {
                throw new IllegalArgumentException(key + " needs the argument " + argument.group(1));
            }
            argument.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        argument.appendTail(out);
        return out.toString();
    }

    /** The texts whose keys start with {@code prefix}, by key without it, e.g. the page script's {@code script.*}. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> selected = new LinkedHashMap<>();
        texts.forEach((key, text) -> {
            if (key.startsWith(prefix)) {
                selected.put(key.substring(prefix.length()), text);
            }
        });
        return Collections.unmodifiableMap(selected);
    }

    /** Every key and text of the bundle. */
    public Map<String, String> all() {
        return texts;
    }

    /** The names of a text's {@code {name}} arguments, in order. */
    static List<String> arguments(String text) {
        List<String> names = new ArrayList<>();
        Matcher argument = ARGUMENT.matcher(text);
        while (argument.find()) {
            names.add(argument.group(1));
        }
        return names;
    }

    private static Map<PageLanguage, PageMessages> load() {
        Map<PageLanguage, PageMessages> all = new EnumMap<>(PageLanguage.class);
        ResourceBundle.Control noFallback =
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
        for (PageLanguage language : PageLanguage.values()) {
            ResourceBundle bundle = ResourceBundle.getBundle(
                    BUNDLE, Locale.forLanguageTag(language.code()), PageMessages.class.getClassLoader(), noFallback);
            if (!bundle.getLocale().getLanguage().equals(language.code())) {
                throw new IllegalStateException("no messages_" + language.code() + ".properties on the class path");
            }
            Map<String, String> texts = new TreeMap<>();
            for (String key : bundle.keySet()) {
                texts.put(key, bundle.getString(key));
            }
            all.put(language, new PageMessages(language, texts));
        }
        return all;
    }
}
