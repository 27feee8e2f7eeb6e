package dev.jetonvoucher.paymentpage;

import static dev.jetonvoucher.paymentpage.PageLanguage.EN;
import static dev.jetonvoucher.paymentpage.PageLanguage.RU;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** language_code first, then the browser's Accept-Language by its weights, then English. */
class PageLanguageTest {

    @ParameterizedTest(name = "language_code={0}, Accept-Language={1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            ru     | en-US,en;q=0.9  | ru
            en     | ru-RU,ru;q=0.9  | en
            RU     | -               | ru
            ru-RU  | -               | ru
            ru_RU  | -               | ru
            ' ru ' | -               | ru
            de     | ru              | ru
            de     | -               | en
            de     | fr              | en
            zz     | -               | en
            <ru>   | ru              | ru
            ''     | ru              | ru
            -      | -               | en
            -      | ''              | en
            """)
    void language_code_wins_when_the_page_has_it_else_the_browser_else_english(
            String languageCode, String acceptLanguage, String chosen) {
        assertEquals(chosen, PageLanguage.choose(languageCode, acceptLanguage).code());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ru                                      | ru
            ru-RU                                   | ru
            RU-ru                                   | ru
            ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7     | ru
            en-US,en;q=0.9,ru;q=0.8                 | en
            en;q=0.5, ru;q=0.8                      | ru
            en;q=0.8, ru;q=0.8                      | en
            ru;q=0.8, en;q=0.8                      | ru
            de-DE,de;q=0.9,ru;q=0.3                 | ru
            de,fr;q=0.9                             | -
            ru;q=0                                  | -
            ru;q=0, *                               | en
            en;q=0, *                               | ru
            *                                       | en
            *;q=0.5, ru                             | ru
            ru;q=0.1, ru-RU;q=0.9, en;q=0.5         | ru
            'ru ; q = 0.9 , en ; q=0.8'             | ru
            ru;Q=0.9,en;q=0.95                      | en
            ru;q=1.000,en                           | ru
            ru;q=0.001                              | ru
            ru;q=1.5,en;q=0.1                       | en
            ru;q=abc,en;q=0.1                       | en
            ru;q=0.0001,en;q=0.1                    | en
            ru;foo=bar,en;q=0.1                     | en
            ',,, ;q=1, ru'                          | ru
            ru-RU-x-private-tag                     | ru
            russian                                 | -
            r                                       | -
            """)
    void accept_language_is_read_by_q_values_with_malformed_elements_skipped(String header, String chosen) {
        assertEquals(
                chosen.equals("-") ? Optional.empty() : PageLanguage.of(chosen),
                PageLanguage.fromAcceptLanguage(header));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "q=1", ";", "\u0000"})
    void an_empty_or_meaningless_header_chooses_nothing(String header) {
        assertEquals(Optional.empty(), PageLanguage.fromAcceptLanguage(header));
        assertEquals(EN, PageLanguage.choose(null, header));
    }

    @org.junit.jupiter.api.Test
    void a_huge_header_is_read_only_as_far_as_a_browser_would_send_and_costs_nothing() {
        String huge = "de;q=0.5,".repeat(100_000) + "ru";
        assertEquals(Optional.empty(), PageLanguage.fromAcceptLanguage(huge), "ru is far past what is read");
        assertEquals(RU, PageLanguage.choose(null, "ru," + huge));
    }

    @ParameterizedTest
    @CsvSource({"en, en", "EN, en", "ru-RU, ru", "pt_BR, pt", "zh-Hant-TW, zh"})
    void a_requested_code_is_kept_as_its_iso_639_1_part(String languageCode, String requested) {
        assertEquals(Optional.of(requested), PageLanguage.requestedCode(languageCode));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "e", "eng", "<script>", "ru-", "ru--RU", "12", "рус"})
    void a_value_not_shaped_like_a_language_code_is_no_language(String languageCode) {
        assertEquals(Optional.empty(), PageLanguage.requestedCode(languageCode));
    }
}
