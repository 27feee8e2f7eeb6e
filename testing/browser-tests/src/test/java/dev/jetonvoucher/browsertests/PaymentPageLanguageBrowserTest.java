package dev.jetonvoucher.browsertests;

import static dev.jetonvoucher.browsertests.PaymentPageSandbox.SHOP_SECRET;
import static dev.jetonvoucher.browsertests.PaymentPageSandbox.VOUCHER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.browsertests.Chromium.Viewport;
import dev.jetonvoucher.paymentpage.PageLanguage;
import dev.jetonvoucher.paymentpage.PageMessages;
import dev.jetonvoucher.signing.PaymentPageUrl;
import dev.jetonvoucher.signing.Signer;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The Payment Page in each of its languages, in headless Chromium against the sandbox: every view a customer meets
 * (method list, form, checks, processing, success, decline, a refused submission, the error page, the widget) shows
 * the texts of the page's language and none of another's, with a screenshot of each in
 * {@code target/screenshots/<language>-<view>-<viewport>.png}.
 */
@ExtendWith(Chromium.Installed.class)
class PaymentPageLanguageBrowserTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String EXPIRY = String.format(
            Locale.ROOT, "%1$tm/%1$tY", YearMonth.now().plusYears(3).atDay(1));

    static PaymentPageSandbox sandbox;
    static Chromium chromium;
    static ChromeDriver driver;

    @BeforeAll
    static void start() {
        sandbox = new PaymentPageSandbox();
        chromium = new Chromium();
        driver = chromium.driver;
    }

    @AfterAll
    static void stop() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PageLanguage.class)
    void a_customer_chooses_the_method_pays_and_sees_the_result_in_the_pages_language(PageLanguage language) {
        PageMessages texts = PageMessages.of(language);
        chromium.use(Viewport.MOBILE);
        Map<String, String> params = sandbox.purchase(uniqueId(language + "-p"), 12_500);
        params.put("language_code", language.code());
        params.put("merchant_success_url", sandbox.merchant.url("/success"));
        driver.get(sandbox.pageUrl(params));

        assertEquals(language.code(), driver.findElement(By.tagName("html")).getAttribute("lang"));
        String amount = "125" + texts.text("script.decimal_separator") + "00";
        assertEquals(texts.format("page.title", Map.of("amount", amount + " EUR")), driver.getTitle());
        assertEquals(amount + " EUR", text("amount"));
        assertEquals(
                texts.format("summary.payee_named", Map.of("name", PaymentPageSandbox.SHOP_NAME)),
                driver.findElement(By.id("payee")).getAttribute("textContent"),
                "the name as text (shown in capitals by CSS)");
        assertEquals(texts.text("methods.title"), text("methods-title"));
        assertOnlyTextsOf(language);
        chromium.screenshot(language.code() + "-methods-mobile");

        driver.findElement(By.id("method-jetonVoucher")).click();
        assertEquals(
                texts.text("voucher.title"),
                text("voucher-title").replace(texts.text("method.badge"), "").strip());
        assertEquals(
                texts.text("field.number.label"),
                driver.findElement(By.cssSelector("label[for=number]")).getText());
        assertEquals(
                texts.text("field.expiration.placeholder"),
                driver.findElement(By.id("expiration")).getAttribute("placeholder"));
        assertEquals(texts.format("form.pay", Map.of("amount", amount + " EUR")), text("pay"));
        fillVoucher(VOUCHER, EXPIRY, "1234");
        assertOnlyTextsOf(language);
        chromium.screenshot(language.code() + "-voucher-form-mobile");
        driver.findElement(By.id("pay")).click();

        chromium.waiting(WAIT).until(d -> "success".equals(outcome()));
        assertEquals(texts.text("script.success.title"), text("result-title"));
        assertEquals(
                texts.format(
                        "script.success.detail_voucher", Map.of("amount", amount, "currency", "EUR", "last4", "0017")),
                text("result-detail"));
        assertEquals(texts.text("result.return"), text("return-link"));
        assertOnlyTextsOf(language);
        chromium.screenshot(language.code() + "-success-mobile");
    }

    @ParameterizedTest
    @EnumSource(PageLanguage.class)
    void a_decline_names_its_reason_in_the_pages_language(PageLanguage language) {
        PageMessages texts = PageMessages.of(language);
        chromium.use(Viewport.DESKTOP);
        Map<String, String> params = sandbox.purchase(uniqueId(language + "-d"), 40_000);
        params.put("language_code", language.code());
        params.put("force_payment_method", "jetonVoucher");
        params.put("merchant_fail_url", sandbox.merchant.url("/fail"));
        driver.get(sandbox.pageUrl(params));
        fillVoucher(VOUCHER, EXPIRY, "1234");
        driver.findElement(By.id("pay")).click();

        chromium.waiting(WAIT).until(d -> "result".equals(view()));
        assertOnlyTextsOf(language);
        chromium.screenshot(language.code() + "-processing-desktop");
        chromium.waiting(WAIT).until(d -> "decline".equals(outcome()));
        assertEquals(texts.text("script.decline.title"), text("result-title"));
        assertEquals(
                texts.format("script.decline.detail", Map.of("reason", texts.text("code.20000"), "code", "20000")),
                text("result-detail"));
        assertOnlyTextsOf(language);
        chromium.screenshot(language.code() + "-declined-desktop");
    }

    @ParameterizedTest
    @EnumSource(PageLanguage.class)
    void the_pages_own_checks_and_the_servers_refusals_speak_the_pages_language(PageLanguage language) {
        PageMessages texts = PageMessages.of(language);
        chromium.use(Viewport.MOBILE);
        Map<String, String> params = sandbox.purchase(uniqueId(language + "-c"), 10_000);
        params.put("language_code", language.code());
        params.put("force_payment_method", "jetonVoucher");
        params.put("project_id", Long.toString(PaymentPageSandbox.LIVE)); // a live project refuses an expired voucher
        String url = sandbox.pageUrl(params, PaymentPageSandbox.LIVE_SECRET);
        driver.get(url);
        fillVoucher("4619 0000 0000 0000 01", "01/2020", "12a");
        driver.findElement(By.id("pay")).click();

        assertEquals(texts.text("script.number.format"), text("number-error"));
        assertEquals(texts.text("script.expiration.expired"), text("expiration-error"));
        assertEquals(texts.text("script.security_code.format"), text("security_code-error"));
        assertOnlyTextsOf(language);
        chromium.screenshot(language.code() + "-validation-mobile");

        // The same signed request is paid from another tab first: this form's submission is then refused (3041).
        driver.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                var form = document.getElementById('voucher-form');
                fetch('/payment/submit', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                  body: JSON.stringify({ payment_request: form.elements.payment_request.value,
                    form_token: form.elements.form_token.value, number: arguments[0], expiration: arguments[1],
                    security_code: '1234' }) }).then(function (r) { done(r.status); });
                """, VOUCHER, EXPIRY);
        clearAndType("number", VOUCHER);
        clearAndType("expiration", EXPIRY);
        clearAndType("security_code", "1234");
        driver.findElement(By.id("pay")).click();
        chromium.waiting(WAIT).until(d -> d.findElement(By.id("form-error")).isDisplayed());
        assertEquals(
                texts.format("script.refused", Map.of("reason", texts.text("code.3041"), "code", "3041")),
                text("form-error"));
        assertOnlyTextsOf(language);
        chromium.screenshot(language.code() + "-refused-mobile");
    }

    @ParameterizedTest
    @EnumSource(PageLanguage.class)
    void a_refused_request_gets_its_error_page_in_the_requests_language(PageLanguage language) {
        PageMessages texts = PageMessages.of(language);
        chromium.use(Viewport.DESKTOP);
        Map<String, String> params = sandbox.purchase(uniqueId(language + "-f"), 10_000);
        params.put("language_code", language.code());
        String signature = new Signer(SHOP_SECRET).signParams(params);
        params.put("payment_amount", "1000"); // changed after signing
        driver.get(PaymentPageUrl.build(sandbox.baseUrl() + "/payment", params, signature));

        assertEquals(language.code(), driver.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals(texts.text("error.title"), driver.getTitle());
        assertEquals("3261", text("error-code"));
        assertEquals(texts.text("code.3261"), text("error-message"));
        assertOnlyTextsOf(language);
        chromium.screenshot(language.code() + "-error-invalid-signature-desktop");
    }

    @ParameterizedTest
    @EnumSource(PageLanguage.class)
    void the_widgets_frame_and_overlay_follow_language_code(PageLanguage language) {
        PageMessages texts = PageMessages.of(language);
        chromium.use(Viewport.DESKTOP);
        Map<String, String> params = sandbox.purchase(uniqueId(language + "-w"), 4_990);
        params.put("language_code", language.code());
        params.put("force_payment_method", "jetonVoucher");
        sandbox.merchant.sellWithWidget(
                sandbox.baseUrl() + "/payment/widget.js", PaymentPageSandbox.signed(params, SHOP_SECRET));
        driver.get(sandbox.merchant.url("/shop"));
        driver.findElement(By.id("checkout")).click();

        WebElement frame = chromium.waiting(WAIT).until(d -> d.findElement(By.tagName("iframe")));
        assertEquals(texts.text("widget.frame_title"), frame.getAttribute("title"));
        assertEquals(
                texts.text("widget.dialog_label"),
                driver.findElement(By.cssSelector("[role=dialog]")).getAttribute("aria-label"));
        assertEquals(
                texts.text("widget.close"),
                driver.findElement(By.cssSelector("[role=dialog] button")).getAttribute("aria-label"));
        driver.switchTo().frame(frame);
        chromium.waiting(WAIT).until(d -> d.findElement(By.id("number")).isEnabled());
        assertEquals(language.code(), driver.findElement(By.tagName("html")).getAttribute("lang"));
        assertOnlyTextsOf(language);
        driver.switchTo().defaultContent();
        chromium.screenshot(language.code() + "-widget-overlay-desktop");
    }

    @Test
    void without_language_code_the_browsers_language_is_taken() {
        chromium.use(Viewport.DESKTOP);
        String userAgent = (String) driver.executeScript("return navigator.userAgent");
        driver.executeCdpCommand(
                "Emulation.setUserAgentOverride",
                Map.of("userAgent", userAgent, "acceptLanguage", "ru-RU,ru;q=0.9,en;q=0.5"));
        try {
            Map<String, String> params = sandbox.purchase(uniqueId("al"), 10_000);
            params.remove("language_code");
            driver.get(sandbox.pageUrl(params));
            assertEquals("ru", driver.findElement(By.tagName("html")).getAttribute("lang"));
            assertEquals("Выберите способ оплаты", text("methods-title"));
            assertOnlyTextsOf(PageLanguage.RU);

            sandbox.merchant.sellWithWidget(
                    sandbox.baseUrl() + "/payment/widget.js", PaymentPageSandbox.signed(params, SHOP_SECRET));
            driver.get(sandbox.merchant.url("/shop"));
            driver.findElement(By.id("checkout")).click();
            WebElement frame = chromium.waiting(WAIT).until(d -> d.findElement(By.tagName("iframe")));
            assertEquals(
                    "Платёжная страница", frame.getAttribute("title"), "the widget reads the browser's languages too");
        } finally {
            driver.executeCdpCommand(
                    "Emulation.setUserAgentOverride", Map.of("userAgent", userAgent, "acceptLanguage", "en-US,en"));
        }
    }

    /**
     * What the customer can read — the text (hidden parts too), the title and the attributes read aloud or shown in a field —
     * holds no text of another language: no part of another bundle's text that the page's own texts do not share
     * (such as a product name).
     */
    private static void assertOnlyTextsOf(PageLanguage language) {
        String readable = (String) driver.executeScript("""
                // textContent, not innerText: hidden texts too (the other views, the error messages), and as written,
                // not as CSS capitalises them.
                var parts = [document.title, document.body.textContent];
                document.querySelectorAll('[placeholder],[aria-label],[title],[alt]').forEach(function (e) {
                  ['placeholder', 'aria-label', 'title', 'alt'].forEach(function (name) {
                    if (e.hasAttribute(name)) { parts.push(e.getAttribute(name)); }
                  });
                });
                // An element in a language of its own (the protocol's English message on the error page) is left out.
                document.querySelectorAll('[lang]:not(html)').forEach(function (e) {
                  if (e.textContent) {
                    parts = parts.map(function (p) { return p.split(e.textContent).join(' '); });
                  }
                });
                return parts.join('\\n');
                """);
        List<String> ownTexts = new ArrayList<>(PageMessages.of(language).all().values());
        List<String> foreign = new ArrayList<>();
        for (PageLanguage other : PageLanguage.values()) {
            if (other == language) {
                continue;
            }
            for (String text : PageMessages.of(other).all().values()) {
                for (String part : text.split("\\{[a-z_0-9]+}")) {
                    String words = part.strip();
                    boolean shared = ownTexts.stream().anyMatch(own -> own.contains(words));
                    if (words.length() >= 3
                            && Pattern.compile("\\p{L}{2}").matcher(words).find()
                            && !shared
                            && readable.contains(words)) {
                        foreign.add(words);
                    }
                }
            }
        }
        assertEquals(List.of(), foreign, "texts of another language on the " + language.code() + " page:\n" + readable);
        assertTrue(readable.strip().length() > 0);
    }

    private static void fillVoucher(String number, String expiration, String securityCode) {
        chromium.waiting(WAIT).until(d -> d.findElement(By.id("number")).isEnabled());
        driver.findElement(By.id("number")).sendKeys(number);
        driver.findElement(By.id("expiration")).sendKeys(expiration);
        driver.findElement(By.id("security_code")).sendKeys(securityCode);
    }

    private static void clearAndType(String id, String value) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    private static String view() {
        return driver.findElement(By.id("payment-page")).getAttribute("data-view");
    }

    private static String outcome() {
        return driver.findElement(By.id("result-status")).getAttribute("data-outcome");
    }

    private static String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private static String uniqueId(String label) {
        return label.toLowerCase(Locale.ROOT) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
