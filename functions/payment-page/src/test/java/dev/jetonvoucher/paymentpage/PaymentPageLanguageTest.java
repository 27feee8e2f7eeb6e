package dev.jetonvoucher.paymentpage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.project.InMemoryProjectDirectory;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.SandboxSettings;
import dev.jetonvoucher.signing.PaymentPageUrl;
import dev.jetonvoucher.signing.Signer;
import dev.jetonvoucher.web.Html;
import dev.jetonvoucher.web.WebRequest;
import dev.jetonvoucher.web.WebResponse;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The page and its error page in the customer's language (language_code, then Accept-Language, then English), with
 * the project's display name; rendered by the page itself, as the function serves them.
 */
class PaymentPageLanguageTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    static final String NAMED_SECRET = "named-project-secret";
    static final String UNNAMED_SECRET = "unnamed-project-secret";
    static final String NAME = "Café <b>&</b> \"Tickets\"";
    static final Project NAMED = project(7001, NAMED_SECRET).withName(NAME);
    static final Project UNNAMED = project(7002, UNNAMED_SECRET);

    final PaymentPage page = new PaymentPage(
            new PaymentPageRequests(new InMemoryProjectDirectory(List.of(NAMED, UNNAMED))),
            noPayments(),
            null,
            new PageTokens("page-test-key-0123456789abcdefghijklmnop".getBytes(StandardCharsets.UTF_8), CLOCK),
            CLOCK);

    @ParameterizedTest
    @EnumSource(PageLanguage.class)
    void language_code_gives_the_page_in_that_language_with_its_html_lang_and_content_language(PageLanguage language) {
        WebResponse answer = open(purchase(UNNAMED, language.code()), UNNAMED_SECRET, "de-DE,de;q=0.9");

        assertEquals(200, answer.status(), answer.body());
        assertPageIn(language, answer);
        PageMessages messages = PageMessages.of(language);
        assertTrue(
                answer.body()
                        .contains("<button type=\"submit\" class=\"pay\" id=\"pay\">"
                                + messages.format(
                                        "form.pay",
                                        Map.of("amount", language == PageLanguage.RU ? "100,00 EUR" : "100.00 EUR"))
                                + "</button>"),
                answer.body());
        assertTrue(
                answer.body()
                        .contains("<p class=\"eyebrow\" id=\"payee\">"
                                + messages.format("summary.payee_project", Map.of("project_id", "7002")) + "</p>"),
                "a project without a name is named by its id, in the page's language");
        assertTrue(
                answer.body().contains(Html.jsonInScript(messages.withPrefix("script."))),
                "the page script gets its texts in the page's language");
    }

    @Test
    void the_russian_page_has_no_english_left_and_the_english_page_no_russian() {
        assertNoTextOfAnotherLanguage(
                PageLanguage.RU, open(purchase(NAMED, "ru"), NAMED_SECRET, null).body());
        assertNoTextOfAnotherLanguage(
                PageLanguage.EN, open(purchase(NAMED, "en"), NAMED_SECRET, null).body());
        Map<String, String> forged = purchase(NAMED, "ru");
        String signature = new Signer(NAMED_SECRET).signParams(forged);
        forged.put("payment_amount", "20000");
        WebResponse refused = get(PaymentPageUrl.build("https://pp.example/payment", forged, signature), null);
        assertNoTextOfAnotherLanguage(PageLanguage.RU, withoutProtocolDetail(refused.body()));
    }

    @Test
    void without_language_code_the_browsers_preferred_language_is_taken_by_its_q_values() {
        assertPageIn(
                PageLanguage.RU, open(purchase(UNNAMED, null), UNNAMED_SECRET, "ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7"));
        assertPageIn(PageLanguage.RU, open(purchase(UNNAMED, null), UNNAMED_SECRET, "de;q=0.9, en;q=0.2, ru;q=0.5"));
        assertPageIn(PageLanguage.EN, open(purchase(UNNAMED, null), UNNAMED_SECRET, "ru;q=0.4, en-GB;q=0.6"));
        assertPageIn(PageLanguage.EN, open(purchase(UNNAMED, null), UNNAMED_SECRET, null));
    }

    @Test
    void a_language_the_page_has_not_is_no_error_the_browser_then_english_decide() {
        WebResponse german = open(purchase(UNNAMED, "de"), UNNAMED_SECRET, "de-DE, ru;q=0.5");
        assertEquals(200, german.status(), german.body());
        assertPageIn(PageLanguage.RU, german);
        assertPageIn(PageLanguage.EN, open(purchase(UNNAMED, "de"), UNNAMED_SECRET, "de-DE"));
        assertPageIn(PageLanguage.EN, open(purchase(UNNAMED, "not a language"), UNNAMED_SECRET, null));
    }

    @Test
    void an_error_page_speaks_the_language_of_the_request_it_refuses() {
        Map<String, String> params = purchase(UNNAMED, "ru");
        String signature = new Signer(UNNAMED_SECRET).signParams(params);
        params.put("payment_amount", "20000"); // changed after signing
        WebResponse refused = get(PaymentPageUrl.build("https://pp.example/payment", params, signature), "en");

        assertEquals(400, refused.status());
        assertPageIn(PageLanguage.RU, refused);
        assertTrue(refused.body().contains("<span id=\"error-code\">3261</span>"), refused.body());
        assertTrue(refused.body().contains("<p id=\"error-message\">Неверная подпись</p>"), refused.body());
        assertTrue(
                refused.body().contains("<p id=\"error-detail\" lang=\"en\">Invalid signature</p>"),
                "the protocol's own message stays, for the merchant, marked as English");

        Map<String, String> noCustomer = purchase(UNNAMED, "ru");
        noCustomer.remove("customer_id");
        WebResponse missing = open(noCustomer, UNNAMED_SECRET, null);
        assertTrue(missing.body().contains("<p id=\"error-message\">Не указано обязательное поле</p>"), missing.body());
        assertTrue(
                missing.body().contains("<p class=\"hint\" id=\"error-field\">Параметр: customer_id</p>"),
                missing.body());
    }

    @Test
    void a_request_too_broken_to_read_gets_its_error_page_in_the_browsers_language() {
        WebResponse unreadable =
                get("https://pp.example/payment?project_id=7002&project_id=7001&language_code=en", "ru, en;q=0.1");
        assertEquals(400, unreadable.status());
        assertPageIn(PageLanguage.RU, unreadable);
        assertTrue(unreadable.body().contains("<span id=\"error-code\">502</span>"));
    }

    @Test
    void the_projects_display_name_is_shown_escaped_instead_of_its_id() {
        for (PageLanguage language : PageLanguage.values()) {
            String body =
                    open(purchase(NAMED, language.code()), NAMED_SECRET, null).body();
            String payee = PageMessages.of(language).format("summary.payee_named", Map.of("name", NAME));
            assertTrue(body.contains("<p class=\"eyebrow\" id=\"payee\">" + Html.text(payee) + "</p>"), body);
            assertFalse(body.contains("<b>&</b>"), "the name is text, never markup");
            assertFalse(body.contains("7001</p>"), "the id gives way to the name");
        }
    }

    private static void assertPageIn(PageLanguage language, WebResponse answer) {
        assertTrue(
                answer.body().startsWith("<!DOCTYPE html>\n<html lang=\"" + language.code() + "\">"),
                answer.body().substring(0, 60));
        assertEquals(language.code(), answer.headers().get("Content-Language"));
        assertEquals("Accept-Language", answer.headers().get("Vary"));
    }

    /**
     * No text of another language's bundle is in the page: for each text, its parts between {arguments} that have
     * words in them, unless the page's own language uses the same words (a product name, say).
     */
    private static void assertNoTextOfAnotherLanguage(PageLanguage language, String body) {
        Texts own = new Texts(PageMessages.of(language).all().values());
        List<String> foreign = new ArrayList<>();
        for (PageLanguage other : PageLanguage.values()) {
            if (other == language) {
                continue;
            }
            for (String text : PageMessages.of(other).all().values()) {
                for (String part : text.split("\\{[a-z_0-9]+}")) {
                    String words = part.strip();
                    if (words.length() >= 3
                            && Pattern.compile("\\p{L}{2}").matcher(words).find()
                            && !own.contains(words)
                            && (body.contains(words)
                                    || body.contains(Html.text(words))
                                    || body.contains(Html.attribute(words)))) {
                        foreign.add(words);
                    }
                }
            }
        }
        assertEquals(List.of(), foreign, "texts of another language in the " + language.code() + " page");
    }

    /** The texts of one language, to tell words the languages share from words of another. */
    private record Texts(Collection<String> texts) {
        boolean contains(String words) {
            return texts.stream().anyMatch(text -> text.contains(words));
        }
    }

    private static String withoutProtocolDetail(String errorPage) {
        return errorPage.replaceAll("<p id=\"error-detail\" lang=\"en\">[^<]*</p>", "");
    }

    private WebResponse open(Map<String, String> params, String secret, String acceptLanguage) {
        return get(
                PaymentPageUrl.build("https://pp.example/payment", params, new Signer(secret).signParams(params)),
                acceptLanguage);
    }

    private WebResponse get(String url, String acceptLanguage) {
        String rawQuery = url.substring(url.indexOf('?') + 1);
        Map<String, String> headers = new HashMap<>();
        if (acceptLanguage != null) {
            headers.put("Accept-Language", acceptLanguage);
        }
        return page.handle(
                new WebRequest("GET", PaymentPage.PAGE_PATH, rawQuery, null, headers, List.of(), null, null));
    }

    private static Map<String, String> purchase(Project project, String languageCode) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("project_id", Long.toString(project.projectId()));
        params.put("payment_id", "order-1");
        params.put("payment_amount", "10000");
        params.put("payment_currency", "EUR");
        params.put("customer_id", "customer-1");
        params.put("payment_description", "Order 1");
        params.put("force_payment_method", "jetonVoucher");
        if (languageCode != null) {
            params.put("language_code", languageCode);
        }
        return params;
    }

    private static Project project(long id, String secret) {
        return new Project(
                id,
                secret,
                Optional.empty(),
                true,
                Set.of(CurrencyUnit.of("EUR")),
                Duration.ofSeconds(10),
                Duration.ofMinutes(2),
                Map.of(),
                SandboxSettings.NORMAL);
    }

    /** A store with no payment in it, that cannot be written: opening a page only looks. */
    private static PaymentStore noPayments() {
        return (PaymentStore) Proxy.newProxyInstance(
                PaymentStore.class.getClassLoader(), new Class<?>[] {PaymentStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("find")) {
                        return Optional.empty();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
