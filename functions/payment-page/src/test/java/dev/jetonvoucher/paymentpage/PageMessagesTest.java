package dev.jetonvoucher.paymentpage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.model.ResultCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every text a customer can see is in every language's bundle, and nowhere else: the templates and the scripts hold
 * none of their own.
 */
class PageMessagesTest {

    static final PageMessages ENGLISH = PageMessages.of(PageLanguage.EN);
    /** Characters of a human language, Latin or Cyrillic or any other. */
    static final Pattern LETTERS = Pattern.compile("\\p{L}");
    /** Texts the same in every language: names of products and companies, the format of a date. */
    static final Set<String> SAME_IN_EVERY_LANGUAGE = Set.of("method.badge", "method.name");

    @ParameterizedTest
    @EnumSource(PageLanguage.class)
    void every_language_has_every_key_with_the_same_arguments_and_no_empty_text(PageLanguage language) {
        PageMessages messages = PageMessages.of(language);
        assertEquals(
                new TreeSet<>(ENGLISH.all().keySet()),
                new TreeSet<>(messages.all().keySet()),
                "messages_" + language.code()
                        + ".properties has the keys of messages_en.properties, no more, no fewer");
        messages.all().forEach((key, text) -> {
            assertFalse(text.isBlank(), language.code() + " " + key + " is empty");
            assertEquals(
                    new TreeSet<>(PageMessages.arguments(ENGLISH.text(key))),
                    new TreeSet<>(PageMessages.arguments(text)),
                    language.code() + " " + key + " names the same {arguments} as English");
        });
    }

    @ParameterizedTest
    @EnumSource(value = PageLanguage.class, names = "EN", mode = EnumSource.Mode.EXCLUDE)
    void another_language_is_translated_not_copied(PageLanguage language) {
        PageMessages messages = PageMessages.of(language);
        List<String> untranslated = new ArrayList<>();
        ENGLISH.all().forEach((key, english) -> {
            boolean copied = english.equals(messages.text(key)) && !SAME_IN_EVERY_LANGUAGE.contains(key);
            if (copied) {
                untranslated.add(key);
            }
        });
        assertEquals(List.of(), untranslated, language.code() + " texts that are still English");
    }

    @ParameterizedTest
    @EnumSource(PageLanguage.class)
    void every_result_code_has_its_text_and_english_is_the_ecommpay_catalogue(PageLanguage language) {
        for (ResultCode code : ResultCode.values()) {
            String text = PageMessages.of(language).text("code." + code.code());
            if (language == PageLanguage.EN) {
                assertEquals(code.message(), text, "code " + code.code());
            }
        }
        assertEquals(
                ResultCode.values().length,
                PageMessages.of(language).withPrefix("code.").size(),
                "no text for a code the platform does not have");
    }

    @Test
    void the_bundles_are_read_as_utf_8_and_a_missing_key_fails_instead_of_falling_back() {
        assertEquals("Платёж отклонён", PageMessages.of(PageLanguage.RU).text("script.decline.title"));
        assertEquals("Pay {amount} · Jeton Voucher", ENGLISH.text("page.title"));
        assertThrows(MissingResourceException.class, () -> ENGLISH.text("no.such.key"));
        assertEquals("Pay 10.00 EUR · Jeton Voucher", ENGLISH.format("page.title", Map.of("amount", "10.00 EUR")));
        assertThrows(IllegalArgumentException.class, () -> ENGLISH.format("page.title", Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"messages_en.properties", "messages_ru.properties"})
    void a_bundle_names_no_key_twice(String bundle) throws IOException {
        List<String> keys = new ArrayList<>();
        for (String line : resource(bundle).split("\n")) {
            Matcher key = Pattern.compile("^([a-z0-9_.]+)\\s*=").matcher(line);
            if (key.find()) {
                assertFalse(
                        keys.contains(key.group(1)), bundle + " names " + key.group(1) + " twice (the last would win)");
                keys.add(key.group(1));
            }
        }
        Properties parsed = new Properties();
        parsed.load(new java.io.StringReader(resource(bundle)));
        assertEquals(parsed.size(), keys.size(), "every key is on a line of its own, as the check above reads them");
    }

    /**
     * The templates' words are all {@code {{t:key}}}: with placeholders and markup taken out, no letter is left,
     * neither between tags nor in an attribute a person reads (title, placeholder, aria-label, alt).
     */
    @ParameterizedTest
    @ValueSource(strings = {"payment-page.html", "error-page.html"})
    void a_template_holds_no_text_of_its_own(String template) throws IOException {
        String source = resource(template).replaceAll("\\{\\{[a-z]+:[a-z0-9_.]+}}", "");
        List<String> words = new ArrayList<>();
        Matcher readable = Pattern.compile("\\s(title|placeholder|aria-label|alt|label)=\"([^\"]*)\"")
                .matcher(source);
        while (readable.find()) {
            if (LETTERS.matcher(readable.group(2)).find()) {
                words.add(readable.group(1) + "=\"" + readable.group(2) + "\"");
            }
        }
        String text = source.replaceAll("(?s)<!--.*?-->", "")
                .replaceAll("(?s)<[^>]*>", " ")
                .replace("&nbsp;", " ");
        for (String piece : text.split("\\s+")) {
            if (LETTERS.matcher(piece).find()) {
                words.add(piece);
            }
        }
        assertEquals(List.of(), words, template + " has text outside the bundles");
    }

    /**
     * The scripts' string literals are identifiers, selectors, styles and the like; a literal with two words in a row
     * is a sentence someone would read, and belongs in the bundles. (A thrown error is the merchant developer's, in
     * English, as the protocol's messages are.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"page.js", "widget.js"})
    void a_script_holds_no_sentence_of_its_own(String script) throws IOException {
        Pattern literal = Pattern.compile("'((?:[^'\\\\\\n]|\\\\.)*)'|\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
        Pattern twoWords = Pattern.compile("(?<![\\p{L}\\p{N}])\\p{L}{2,}\\s+\\p{L}{2,}");
        List<String> sentences = new ArrayList<>();
        for (String line : resource(script).split("\n")) {
            String code = line.trim();
            if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//") || code.contains("throw new ")) {
                continue;
            }
            Matcher string = literal.matcher(code.replaceAll("\\s//\\s.*$", ""));
            while (string.find()) {
                String value = string.group(1) != null ? string.group(1) : string.group(2);
                if (twoWords.matcher(value).find() && !value.equals("use strict")) {
                    sentences.add(value);
                }
            }
        }
        assertEquals(List.of(), sentences, script + " has sentences outside the bundles");
    }

    @Test
    void every_text_the_page_script_asks_for_is_in_the_bundles() throws IOException {
        Set<String> asked = new TreeSet<>();
        Matcher call = Pattern.compile("\\bt\\('([a-z_.]+)'").matcher(resource("page.js"));
        while (call.find()) {
            asked.add(call.group(1));
        }
        // Asked for by the name of the field the server refused: t(answer.field + '.rejected').
        for (String field : List.of("number", "expiration", "security_code")) {
            asked.add(field + ".rejected");
        }
        assertTrue(asked.size() > 15, "the check found the script's calls: " + asked);
        for (PageLanguage language : PageLanguage.values()) {
            Map<String, String> script = PageMessages.of(language).withPrefix("script.");
            for (String key : asked) {
                assertTrue(script.containsKey(key), "messages_" + language.code() + " has script." + key);
            }
        }
    }

    @Test
    void the_widget_carries_every_language_and_defaults_as_the_page_does() {
        String widget = PageAssets.widget();
        assertFalse(widget.contains(PageAssets.WIDGET_MESSAGES), "the texts were built in");
        for (PageLanguage language : PageLanguage.values()) {
            for (String text : PageMessages.of(language).withPrefix("widget.").values()) {
                assertTrue(widget.contains(text), language.code() + ": " + text);
            }
        }
        assertTrue(widget.contains("var DEFAULT_LANGUAGE = '" + PageLanguage.DEFAULT.code() + "';"));
        assertNotEquals(
                PageMessages.of(PageLanguage.EN).text("widget.frame_title"),
                PageMessages.of(PageLanguage.RU).text("widget.frame_title"));
    }

    static String resource(String name) throws IOException {
        try (InputStream in = PageMessages.class.getResourceAsStream(name)) {
            assertTrue(in != null, name + " is on the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
