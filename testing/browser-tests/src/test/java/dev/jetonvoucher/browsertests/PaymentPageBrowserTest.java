package dev.jetonvoucher.browsertests;

import static dev.jetonvoucher.browsertests.PaymentPageSandbox.SHOP_SECRET;
import static dev.jetonvoucher.browsertests.PaymentPageSandbox.VOUCHER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetonvoucher.browsertests.Chromium.Viewport;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.signing.PaymentPageUrl;
import dev.jetonvoucher.signing.Signer;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The Payment Page as a customer uses it, in headless Chromium against the sandbox: the voucher form, the
 * result without a reload, the error page, escaping, keyboard-only use, the merchant's callback and the widget.
 */
@ExtendWith(Chromium.Installed.class)
class PaymentPageBrowserTest {

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

    @BeforeEach
    void desktopUnlessATestSaysOtherwise() {
        chromium.use(Viewport.DESKTOP);
    }

    @ParameterizedTest
    @EnumSource(Viewport.class)
    void a_customer_pays_with_a_voucher_sees_it_processing_then_succeed_and_can_return_to_the_merchant(
            Viewport viewport) {
        chromium.use(viewport);
        String paymentId = uniqueId("paid");
        Map<String, String> params = sandbox.purchase(paymentId, 12_500);
        params.put("payment_description", "Order 1001: two concert tickets");
        params.put("force_payment_method", "jetonVoucher");
        params.put("merchant_success_url", sandbox.merchant.url("/success"));
        params.put("merchant_fail_url", sandbox.merchant.url("/fail"));
        driver.get(sandbox.pageUrl(params));

        assertEquals("voucher", view(), "force_payment_method=jetonVoucher opens the voucher form at once");
        assertEquals("125.00 EUR", text("amount"));
        assertEquals("Order 1001: two concert tickets", text("description"));
        fillVoucher(VOUCHER, EXPIRY, "1234");
        chromium.screenshot("voucher-form-" + name(viewport));
        driver.findElement(By.id("pay")).click();

        chromium.waiting(WAIT).until(d -> "result".equals(view()));
        assertEquals("processing", outcome(), "the page shows the payment processing before its result");
        assertEquals("Processing your payment…", text("result-title"));
        chromium.screenshot("processing-" + name(viewport));
        chromium.waiting(WAIT).until(d -> "success".equals(outcome()));
        assertEquals("Payment successful", text("result-title"));
        assertEquals("125.00 EUR paid with the voucher ending in 0017.", text("result-detail"));
        assertFalse(driver.getPageSource().contains(VOUCHER), "the page shows the voucher only by its last 4 digits");
        WebElement back = driver.findElement(By.id("return-link"));
        assertTrue(back.isDisplayed());
        assertEquals(sandbox.merchant.url("/success"), back.getAttribute("href"));
        chromium.screenshot("success-" + name(viewport));

        back.click();
        chromium.waiting(WAIT).until(d -> d.getCurrentUrl().equals(sandbox.merchant.url("/success")));
        assertEquals("Thank you for your order", text("merchant-page"));
    }

    @ParameterizedTest
    @EnumSource(Viewport.class)
    void an_amount_of_40000_is_declined_with_its_reason_and_the_merchants_fail_url(Viewport viewport) {
        chromium.use(viewport);
        Map<String, String> params = sandbox.purchase(uniqueId("declined"), 40_000);
        params.put("force_payment_method", "jetonVoucher");
        params.put("merchant_success_url", sandbox.merchant.url("/success"));
        params.put("merchant_fail_url", sandbox.merchant.url("/fail"));
        driver.get(sandbox.pageUrl(params));
        fillVoucher(VOUCHER, EXPIRY, "1234");
        driver.findElement(By.id("pay")).click();

        chromium.waiting(WAIT).until(d -> "decline".equals(outcome()));
        assertEquals("Payment declined", text("result-title"));
        assertEquals(
                "Reason: General decline (code 20000). No money was taken from your voucher.", text("result-detail"));
        assertEquals(
                sandbox.merchant.url("/fail"),
                driver.findElement(By.id("return-link")).getAttribute("href"));
        chromium.screenshot("declined-" + name(viewport));
    }

    @ParameterizedTest
    @EnumSource(Viewport.class)
    void a_request_whose_signature_does_not_match_shows_the_error_page_and_no_form(Viewport viewport) {
        chromium.use(viewport);
        Map<String, String> params = sandbox.purchase(uniqueId("forged"), 10_000);
        String signature = new Signer(SHOP_SECRET).signParams(params);
        params.put("payment_amount", "1000"); // changed after signing
        driver.get(PaymentPageUrl.build(sandbox.baseUrl() + "/payment", params, signature));

        assertEquals("3261", text("error-code"));
        assertEquals("Invalid signature", text("error-message"));
        assertTrue(driver.findElements(By.tagName("form")).isEmpty(), "an error page has no form");
        assertTrue(driver.findElements(By.tagName("input")).isEmpty(), "an error page has no input");
        chromium.screenshot("error-invalid-signature-" + name(viewport));
    }

    @Test
    void markup_in_the_description_and_the_payment_id_renders_as_inert_text() {
        String description =
                "<script>window.injected = 'description'</script><img src=x onerror=\"window.injected = 'img'\">";
        String paymentId = uniqueId("xss-\"></script><script>window.injected='id'</script>");
        Map<String, String> params = sandbox.purchase(paymentId, 10_000);
        params.put("payment_description", description);
        params.put("force_payment_method", "jetonVoucher");
        driver.get(sandbox.pageUrl(params));

        assertEquals(description, text("description"), "the description is shown as the text it is");
        assertEquals(paymentId, text("payment-id"));
        assertEquals(
                Boolean.TRUE, driver.executeScript("return window.injected === undefined"), "nothing injected ran");
        assertTrue(driver.findElements(By.tagName("img")).isEmpty(), "no element was injected");
        assertEquals(
                1,
                driver.findElements(By.cssSelector("script:not([type='application/json'])"))
                        .size(),
                "the page's own script is the only script");
        assertTrue(
                driver.findElement(By.id("number")).isEnabled(),
                "the page script read its configuration (with the payment id in it) and enabled the form");
        chromium.screenshot("inert-markup-desktop");
    }

    @Test
    void a_customer_chooses_the_method_and_pays_with_the_keyboard_alone() {
        chromium.use(Viewport.MOBILE);
        Map<String, String> params = sandbox.purchase(uniqueId("keyboard"), 2_000);
        params.put("merchant_success_url", sandbox.merchant.url("/success"));
        driver.get(sandbox.pageUrl(params));
        assertEquals("methods", view(), "without force_payment_method the customer picks the method first");
        chromium.screenshot("methods-mobile");

        Actions keyboard = new Actions(driver);
        keyboard.sendKeys(Keys.TAB).perform();
        assertEquals("method-jetonVoucher", focusedId(), "the method list is the first stop");
        keyboard.sendKeys(Keys.ENTER).perform();
        assertEquals("voucher", view());
        assertEquals("number", focusedId(), "choosing the method moves the focus into the form");

        keyboard.sendKeys(VOUCHER)
                .sendKeys(Keys.TAB)
                .sendKeys(EXPIRY)
                .sendKeys(Keys.TAB)
                .sendKeys("1234")
                .sendKeys(Keys.ENTER)
                .perform();
        chromium.waiting(WAIT).until(d -> "success".equals(outcome()));
        assertEquals("result-title", focusedId(), "the focus follows the payment to its result");

        keyboard.sendKeys(Keys.TAB).perform();
        assertEquals("return-link", focusedId());
        keyboard.sendKeys(Keys.ENTER).perform();
        chromium.waiting(WAIT).until(d -> d.getCurrentUrl().equals(sandbox.merchant.url("/success")));
    }

    @Test
    void the_page_checks_the_voucher_before_sending_and_points_screen_readers_at_each_problem() {
        chromium.use(Viewport.MOBILE);
        String paymentId = uniqueId("invalid");
        Map<String, String> params = sandbox.purchase(paymentId, 10_000);
        params.put("force_payment_method", "jetonVoucher");
        params.put("project_id", Long.toString(PaymentPageSandbox.LIVE)); // a test project takes an expired voucher
        driver.get(sandbox.pageUrl(params, PaymentPageSandbox.LIVE_SECRET));
        fillVoucher("4619 0000 0000 0000 01", "01/2020", "12a");
        recordRequests();
        driver.findElement(By.id("pay")).click();

        assertFieldError("number", "The voucher number must be exactly 19 digits (0-9).");
        assertFieldError("expiration", "This voucher has expired.");
        assertFieldError("security_code", "The security code must be exactly 4 digits (0-9).");
        assertEquals("number", focusedId(), "the focus goes to the first field to correct");
        chromium.screenshot("validation-mobile");
        // The submit handler has run (the errors above are its work) and sends nothing after it returns: no request
        // was started, the form never went busy, and no payment exists.
        assertEquals(List.of(), requestsMade(), "nothing was sent");
        assertEquals(null, driver.findElement(By.id("voucher-form")).getAttribute("aria-busy"));
        assertTrue(driver.findElement(By.id("pay")).isEnabled());
        assertTrue(
                sandbox.payments()
                        .find(new PaymentKey(PaymentPageSandbox.LIVE, paymentId))
                        .isEmpty(),
                "no payment");

        driver.findElement(By.id("number")).sendKeys("7");
        assertEquals(
                "false",
                driver.findElement(By.id("number")).getAttribute("aria-invalid"),
                "a corrected field is cleared as it is typed");
        assertFalse(driver.findElement(By.id("number"))
                .getAttribute("aria-describedby")
                .contains("number-error"));
        assertFalse(driver.findElement(By.id("number-error")).isDisplayed());
    }

    @Test
    void the_merchant_receives_the_signed_callback_of_a_payment_made_on_the_page() {
        String paymentId = uniqueId("callback");
        Map<String, String> params = sandbox.purchase(paymentId, 7_700);
        params.put("payment_description", "Gift card");
        params.put("force_payment_method", "jetonVoucher");
        driver.get(sandbox.pageUrl(params));
        fillVoucher(VOUCHER, EXPIRY, "9876");
        driver.findElement(By.id("pay")).click();

        JsonNode callback = sandbox.merchant.awaitCallback(paymentId, WAIT);
        assertTrue(sandbox.merchant.signatureValid(callback), "the callback is signed with the project's secret");
        assertEquals(PaymentPageSandbox.SHOP, callback.path("project_id").asLong());
        assertEquals("success", callback.path("payment").path("status").asText());
        assertEquals("purchase", callback.path("payment").path("type").asText());
        assertEquals("Jeton Voucher", callback.path("payment").path("method").asText());
        assertEquals("Gift card", callback.path("payment").path("description").asText());
        assertEquals(7_700, callback.path("payment").path("sum").path("amount").asLong());
        assertEquals(
                "EUR", callback.path("payment").path("sum").path("currency").asText());
        assertEquals("customer-42", callback.path("customer").path("id").asText());
        assertEquals(VOUCHER, callback.path("account").path("number").asText());
        assertEquals("sale", callback.path("operation").path("type").asText());
        assertEquals("0", callback.path("operation").path("code").asText());
        assertEquals(
                1084, callback.path("operation").path("provider").path("id").asInt());
        assertFalse(callback.toString().contains("9876"), "the security code never reaches the merchant");

        Payment payment = sandbox.payments()
                .find(new PaymentKey(PaymentPageSandbox.SHOP, paymentId))
                .orElseThrow();
        assertEquals(Channel.PAYMENT_PAGE, payment.channel(), "the payment came through the Payment Page");
        assertEquals("127.0.0.1", payment.customerIp(), "the customer's address is the browser's");
        chromium.waiting(WAIT).until(d -> "success".equals(outcome()));
    }

    @Test
    void the_widget_opens_the_page_in_a_frame_on_the_merchants_site_and_reports_the_result() {
        String paymentId = uniqueId("widget");
        Map<String, String> params = sandbox.purchase(paymentId, 4_990);
        params.put("force_payment_method", "jetonVoucher");
        sandbox.merchant.sellWithWidget(
                sandbox.baseUrl() + "/payment/widget.js", PaymentPageSandbox.signed(params, SHOP_SECRET));
        driver.get(sandbox.merchant.url("/shop"));
        driver.findElement(By.id("checkout")).click();

        WebElement frame =
                chromium.waiting(WAIT).until(d -> d.findElement(By.cssSelector("iframe[title='Payment page']")));
        driver.switchTo().frame(frame);
        chromium.waiting(WAIT).until(d -> d.findElement(By.id("number")).isEnabled());
        driver.switchTo().defaultContent();
        chromium.screenshot("widget-overlay-desktop");
        driver.switchTo().frame(frame);
        fillVoucher(VOUCHER, EXPIRY, "1234");
        driver.findElement(By.id("pay")).click();
        chromium.waiting(WAIT).until(d -> "success".equals(outcome()));
        assertFalse(driver.findElement(By.id("return-link")).isDisplayed(), "no return URL was given, so no way back");
        driver.switchTo().defaultContent();

        chromium.waiting(WAIT).until(d -> ("paid " + paymentId).equals(text("shop-status")));
        chromium.screenshot("widget-paid-desktop");
    }

    @Test
    void a_project_that_allows_no_other_site_cannot_be_framed_by_the_merchant() {
        Map<String, String> params = sandbox.purchase(uniqueId("not-framed"), 1_000);
        params.put("project_id", Long.toString(PaymentPageSandbox.EURO_ONLY));
        sandbox.merchant.sellWithWidget(
                sandbox.baseUrl() + "/payment/widget.js",
                PaymentPageSandbox.signed(params, PaymentPageSandbox.EURO_ONLY_SECRET));
        driver.get(sandbox.merchant.url("/shop"));
        driver.findElement(By.id("checkout")).click();

        WebElement frame =
                chromium.waiting(WAIT).until(d -> d.findElement(By.cssSelector("iframe[title='Payment page']")));
        // Settled when the frame's navigation has ended: it holds a loaded document other than the initial blank one
        // (the page, had the browser shown it, or the browser's own refusal).
        List<WebElement> pages = chromium.waiting(WAIT).until(d -> {
            d.switchTo().frame(frame);
            try {
                boolean loaded = Boolean.TRUE.equals(driver.executeScript(
                        "return document.readyState === 'complete' && location.href !== 'about:blank'"));
                return loaded ? d.findElements(By.id("payment-page")) : null;
            } finally {
                d.switchTo().defaultContent();
            }
        });
        assertTrue(pages.isEmpty(), "the browser refused to show the page in another site's frame");
    }

    private static void fillVoucher(String number, String expiration, String securityCode) {
        chromium.waiting(WAIT).until(d -> d.findElement(By.id("number")).isEnabled());
        driver.findElement(By.id("number")).sendKeys(number);
        driver.findElement(By.id("expiration")).sendKeys(expiration);
        driver.findElement(By.id("security_code")).sendKeys(securityCode);
    }

    private static void assertFieldError(String field, String message) {
        WebElement input = driver.findElement(By.id(field));
        WebElement error = driver.findElement(By.id(field + "-error"));
        assertEquals("true", input.getAttribute("aria-invalid"), field + " is marked invalid");
        assertTrue(
                List.of(input.getAttribute("aria-describedby").split(" ")).contains(field + "-error"),
                field + " is described by its error");
        assertTrue(error.isDisplayed());
        assertEquals(message, error.getText());
    }

    private static String view() {
        return driver.findElement(By.id("payment-page")).getAttribute("data-view");
    }

    /** From now on the page's {@code fetch} calls are recorded as they start (the page sends with fetch only). */
    private static void recordRequests() {
        driver.executeScript("window.requestsMade = [];"
                + " var send = window.fetch;"
                + " window.fetch = function (url, options) {"
                + "   window.requestsMade.push(((options && options.method) || 'GET') + ' ' + url);"
                + "   return send.apply(this, arguments);"
                + " };");
    }

    private static List<?> requestsMade() {
        return (List<?>) driver.executeScript("return window.requestsMade");
    }

    private static String outcome() {
        return driver.findElement(By.id("result-status")).getAttribute("data-outcome");
    }

    private static String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private static String focusedId() {
        return driver.switchTo().activeElement().getAttribute("id");
    }

    private static String name(Viewport viewport) {
        return viewport.name().toLowerCase(Locale.ROOT);
    }

    private static String uniqueId(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
