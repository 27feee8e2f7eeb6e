package dev.jetonvoucher.browsertests;

import static dev.jetonvoucher.browsertests.PaymentPageSandbox.SHOP;
import static dev.jetonvoucher.browsertests.PaymentPageSandbox.VOUCHER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.fixtures.GateClient;
import dev.jetonvoucher.payment.PaymentKey;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Payment Page's HTTP contract as a browser (or an attacker) meets it: the error codes of the opening
 * request, the security headers, and what a submission must carry to be accepted. No browser needed.
 */
class PaymentPageHttpTest {

    static final String EXPIRY = String.format(
            Locale.ROOT, "%1$tm/%1$tY", YearMonth.now().plusYears(2).atDay(1));
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static PaymentPageSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = new PaymentPageSandbox();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void the_page_comes_with_a_strict_content_security_policy_and_the_projects_frame_ancestors() {
        HttpResponse<String> page = get(sandbox.pageUrl(sandbox.purchase(uniqueId("headers"), 10_000)));
        assertEquals(200, page.statusCode());
        String policy = header(page, "content-security-policy");
        assertTrue(policy.contains("script-src 'self';"), policy);
        assertTrue(policy.contains("style-src 'self';"), policy);
        assertTrue(policy.contains("default-src 'none';"), policy);
        assertFalse(policy.contains("unsafe-inline") || policy.contains("unsafe-eval"), policy);
        assertTrue(policy.endsWith("frame-ancestors 'self' " + sandbox.merchant.origin()), policy);
        assertEquals("SAMEORIGIN", header(page, "x-frame-options"));
        assertEquals("nosniff", header(page, "x-content-type-options"));
        assertEquals("no-store", header(page, "cache-control"));
        assertTrue(page.headers().firstValue("set-cookie").isEmpty(), "the page sets no cookie");
        assertFalse(
                page.body().contains(" style=") || page.body().matches("(?s).*<script>.*"),
                "no inline style or script that the policy would have to allow");

        Map<String, String> otherProject = sandbox.purchase(uniqueId("headers"), 10_000);
        otherProject.put("project_id", Long.toString(PaymentPageSandbox.EURO_ONLY));
        HttpResponse<String> unframeable = get(sandbox.pageUrl(otherProject, PaymentPageSandbox.EURO_ONLY_SECRET));
        assertTrue(header(unframeable, "content-security-policy").endsWith("frame-ancestors 'self'"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            no signature                       | 3262 | Empty signature
            a changed amount                   | 3261 | Invalid signature
            an unknown project                 | 2442 | Project ID not found: project 9999 is not known
            no project                         | 2004 | Required field not provided: project_id
            no customer                        | 2004 | Required field not provided: customer_id
            a currency the project has not     | 3121 | Invalid currency: USD is not enabled for project 7002
            a currency that does not exist     | 3121 | Invalid currency: currency code "EUX" is not a known ISO-4217 currency
            less than 10.00                    | 3358 | Operation amount is less than limit: the minimum is 10.00 EUR
            more than one voucher's 500.00     | 2642 | Operation amount is greater than limit: a voucher holds at most 500.00 EUR
            an amount with decimals            | 502  | Validation error: payment_amount must be a positive integer in minor units
            a javascript: return URL           | 502  | Validation error: merchant_success_url must be an absolute http(s) URL
            """)
    void a_request_the_platform_refuses_gets_an_error_page_with_its_code_and_no_form(
            String what, String code, String message) {
        Map<String, String> params = sandbox.purchase(uniqueId("refused"), 10_000);
        params.put("project_id", Long.toString(PaymentPageSandbox.EURO_ONLY));
        String secret = PaymentPageSandbox.EURO_ONLY_SECRET;
        String url = switch (what.trim()) {
            case "no signature" -> sandbox.baseUrl() + "/payment?" + query(params);
            case "a changed amount" ->
                sandbox.pageUrl(params, secret).replace("payment_amount=10000", "payment_amount=1000");
            case "an unknown project" -> sandbox.pageUrl(with(params, p -> p.put("project_id", "9999")), secret);
            case "no project" -> sandbox.pageUrl(with(params, p -> p.remove("project_id")), secret);
            case "no customer" -> sandbox.pageUrl(with(params, p -> p.remove("customer_id")), secret);
            case "a currency the project has not" ->
                sandbox.pageUrl(with(params, p -> p.put("payment_currency", "USD")), secret);
            case "a currency that does not exist" ->
                sandbox.pageUrl(with(params, p -> p.put("payment_currency", "EUX")), secret);
            case "less than 10.00" -> sandbox.pageUrl(with(params, p -> p.put("payment_amount", "999")), secret);
            case "more than one voucher's 500.00" ->
                sandbox.pageUrl(with(params, p -> p.put("payment_amount", "50001")), secret);
            case "an amount with decimals" ->
                sandbox.pageUrl(with(params, p -> p.put("payment_amount", "100.50")), secret);
            case "a javascript: return URL" ->
                sandbox.pageUrl(with(params, p -> p.put("merchant_success_url", "javascript:alert(1)")), secret);
            default -> throw new IllegalArgumentException(what);
        };
        HttpResponse<String> page = get(url);
        assertEquals(400, page.statusCode());
        assertErrorPage(page.body(), code.trim(), message.trim());
    }

    @Test
    void frame_mode_is_not_signed_and_interface_type_is_a_signed_json_string() {
        Map<String, String> params = sandbox.purchase(uniqueId("frame-mode"), 10_000);
        assertEquals("{\"id\": 21}", params.get("interface_type"));
        HttpResponse<String> page = get(sandbox.pageUrl(params) + "&frame_mode=iframe");
        assertEquals(200, page.statusCode(), page.body());
    }

    @Test
    void a_payment_id_that_exists_gets_3041_before_the_form_is_shown_and_on_a_replayed_submission() {
        String paymentId = uniqueId("replay");
        Form form = Form.of(get(sandbox.pageUrl(sandbox.purchase(paymentId, 10_000))));
        ObjectNode submission = form.submission(VOUCHER, EXPIRY, "1234");
        assertEquals(200, submit(submission.toString()).statusCode());

        HttpResponse<String> replay = submit(submission.toString());
        assertEquals(400, replay.statusCode());
        assertEquals("3041", json(replay).path("code").asText(), "the payment's conditional create refuses a replay");

        HttpResponse<String> reopened = get(sandbox.pageUrl(sandbox.purchase(paymentId, 10_000)));
        assertEquals(400, reopened.statusCode());
        assertErrorPage(
                reopened.body(),
                "3041",
                "Payment ID already exists: payment " + paymentId + " already exists in project " + SHOP);
    }

    @Test
    void a_submission_from_another_site_or_not_as_json_is_refused_before_it_is_read() {
        String paymentId = uniqueId("cross-site");
        Form form = Form.of(get(sandbox.pageUrl(sandbox.purchase(paymentId, 10_000))));
        String body = form.submission(VOUCHER, EXPIRY, "1234").toString();

        assertRefused(post(body, "application/json", Map.of("Origin", "http://attacker.example")), 403, "cross_site");
        assertRefused(
                post(body, "application/json", Map.of("Origin", sandbox.baseUrl(), "Sec-Fetch-Site", "cross-site")),
                403,
                "cross_site");
        assertRefused(post(body, "application/json", Map.of()), 403, "cross_site");
        assertRefused(post(body, "text/plain", Map.of("Origin", sandbox.baseUrl())), 415, "unsupported_media_type");
        assertTrue(sandbox.payments().find(new PaymentKey(SHOP, paymentId)).isEmpty(), "nothing was accepted");
    }

    @Test
    void a_submission_needs_the_form_token_of_its_own_signed_request() {
        Form first = Form.of(get(sandbox.pageUrl(sandbox.purchase(uniqueId("token-a"), 10_000))));
        Form second = Form.of(get(sandbox.pageUrl(sandbox.purchase(uniqueId("token-b"), 10_000))));

        ObjectNode swapped = second.submission(VOUCHER, EXPIRY, "1234").put("form_token", first.token);
        assertRefused(submit(swapped.toString()), 403, "form_expired");
        ObjectNode tampered =
                first.submission(VOUCHER, EXPIRY, "1234").put("form_token", first.token.replace('.', 'x'));
        assertRefused(submit(tampered.toString()), 403, "form_expired");
        ObjectNode missing = first.submission(VOUCHER, EXPIRY, "1234");
        missing.remove("form_token");
        assertRefused(submit(missing.toString()), 403, "form_expired");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            461900000000000001  | EXPIRY  | 1234 | number        | Validation error: the voucher number must be exactly 19 digits (0-9)
            4619000000000000017 | EXPIRY  | 12345| security_code | Validation error: the security code must be exactly 4 digits (0-9)
            4619000000000000017 | 13/2030 | 1234 | expiration    | Validation error: the expiration month must be 01-12
            """)
    void the_server_checks_the_voucher_again_and_never_echoes_it(
            String number, String expiry, String code, String field, String message) {
        Form form = Form.of(get(sandbox.pageUrl(sandbox.purchase(uniqueId("server-check"), 10_000))));
        String expiration = expiry.equals("EXPIRY") ? EXPIRY : expiry;
        HttpResponse<String> answer =
                submit(form.submission(number, expiration, code).toString());
        assertEquals(400, answer.statusCode());
        JsonNode error = json(answer);
        assertEquals("502", error.path("code").asText());
        assertEquals(field, error.path("field").asText());
        assertEquals(message, error.path("message").asText());
        assertFalse(
                answer.body().contains(number) || answer.body().contains("\"" + code + "\""),
                "the input is not echoed");
    }

    @Test
    void a_live_project_refuses_an_expired_voucher_and_a_test_project_takes_it() {
        Map<String, String> live = sandbox.purchase(uniqueId("live-expired"), 10_000);
        live.put("project_id", Long.toString(PaymentPageSandbox.LIVE));
        Form liveForm = Form.of(get(sandbox.pageUrl(live, PaymentPageSandbox.LIVE_SECRET)));
        HttpResponse<String> refused =
                submit(liveForm.submission(VOUCHER, "07/2019", "1234").toString());
        assertEquals(400, refused.statusCode());
        assertEquals("502", json(refused).path("code").asText());
        assertEquals("expiration", json(refused).path("field").asText());
        assertEquals(
                "Validation error: the voucher has expired",
                json(refused).path("message").asText());

        Form testForm = Form.of(get(sandbox.pageUrl(sandbox.purchase(uniqueId("test-expired"), 10_000))));
        HttpResponse<String> accepted =
                submit(testForm.submission(VOUCHER, "07/2019", "1234").toString());
        assertEquals(200, accepted.statusCode(), accepted.body());
        assertEquals("processing", json(accepted).path("status").asText());
    }

    @Test
    void the_status_is_read_with_the_token_of_the_accepted_submission_and_shows_only_the_last_four_digits() {
        String paymentId = uniqueId("status");
        Form form = Form.of(get(sandbox.pageUrl(sandbox.purchase(paymentId, 10_000))));
        JsonNode accepted = json(submit(form.submission(VOUCHER, EXPIRY, "1234").toString()));
        assertEquals("processing", accepted.path("status").asText());
        String statusUrl = sandbox.baseUrl() + accepted.path("status_url").asText();

        HttpResponse<String> status = get(statusUrl);
        assertEquals(200, status.statusCode());
        assertEquals(paymentId, json(status).path("payment_id").asText());
        assertEquals("0017", json(status).path("voucher_last4").asText());
        assertFalse(status.body().contains(VOUCHER));
        assertEquals(403, get(statusUrl.replace("token=", "token=x")).statusCode());
        assertEquals(
                403,
                get(sandbox.baseUrl() + "/payment/status?token=" + form.token).statusCode(),
                "a form token is no status token");
    }

    @Test
    void the_widget_and_the_pages_own_files_are_served_by_the_function() {
        HttpResponse<String> widget = get(sandbox.baseUrl() + "/payment/widget.js");
        assertEquals(200, widget.statusCode());
        assertTrue(header(widget, "content-type").startsWith("text/javascript"));
        assertEquals(
                "cross-origin", header(widget, "cross-origin-resource-policy"), "merchants' pages load the widget");
        assertTrue(widget.body().contains("global.EPayWidget = { run: run };"));
        HttpResponse<String> script = get(sandbox.baseUrl() + "/payment/page.js");
        assertEquals("same-origin", header(script, "cross-origin-resource-policy"));
        assertTrue(header(get(sandbox.baseUrl() + "/payment/page.css"), "content-type")
                .startsWith("text/css"));
    }

    @Test
    void the_page_speaks_the_language_of_language_code_else_of_accept_language_else_english() {
        Map<String, String> russian = sandbox.purchase(uniqueId("ru"), 10_000);
        russian.put("language_code", "ru");
        HttpResponse<String> page = get(sandbox.pageUrl(russian), "en-US,en;q=0.9");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().startsWith("<!DOCTYPE html>\n<html lang=\"ru\">"), page.body());
        assertEquals("ru", header(page, "content-language"));
        assertTrue(page.body().contains(">Оплатить 100,00 EUR</button>"), page.body());

        Map<String, String> unset = sandbox.purchase(uniqueId("browser"), 10_000);
        unset.remove("language_code");
        HttpResponse<String> browser = get(sandbox.pageUrl(unset), "de-DE,de;q=0.9,ru;q=0.8,en;q=0.7");
        assertEquals("ru", header(browser, "content-language"), "the browser's first language the page has");
        assertEquals("en", header(get(sandbox.pageUrl(unset), "de-DE"), "content-language"), "English by default");

        Map<String, String> unknown = sandbox.purchase(uniqueId("unknown"), 10_000);
        unknown.put("language_code", "xx");
        HttpResponse<String> fallback = get(sandbox.pageUrl(unknown), "ru");
        assertEquals(200, fallback.statusCode(), "a language the page has not is no error");
        assertEquals("ru", header(fallback, "content-language"));
    }

    @Test
    void an_error_page_is_in_the_language_the_request_asked_for() {
        Map<String, String> params = sandbox.purchase(uniqueId("ru-refused"), 999);
        params.put("language_code", "ru");
        HttpResponse<String> page = get(sandbox.pageUrl(params), "en");
        assertEquals(400, page.statusCode());
        assertEquals("ru", header(page, "content-language"));
        assertTrue(page.body().contains("<p id=\"error-message\">Сумма операции меньше допустимой</p>"), page.body());
        assertTrue(page.body().contains("<h1>Этот платёж нельзя открыть</h1>"), page.body());
    }

    @Test
    void the_projects_display_name_from_the_project_file_heads_the_page() {
        HttpResponse<String> named = get(sandbox.pageUrl(sandbox.purchase(uniqueId("named"), 10_000)));
        assertTrue(named.body().contains(">Payment to " + PaymentPageSandbox.SHOP_NAME_HTML + "</p>"), named.body());
        Map<String, String> unnamed = sandbox.purchase(uniqueId("unnamed"), 10_000);
        unnamed.put("project_id", Long.toString(PaymentPageSandbox.EURO_ONLY));
        unnamed.put("language_code", "ru");
        HttpResponse<String> page = get(sandbox.pageUrl(unnamed, PaymentPageSandbox.EURO_ONLY_SECRET));
        assertTrue(page.body().contains(">Получатель платежа: проект 7002</p>"), page.body());
    }

    /** The hidden fields of a rendered voucher form. */
    record Form(String paymentRequest, String token) {

        static Form of(HttpResponse<String> page) {
            assertEquals(200, page.statusCode(), page.body());
            return new Form(hidden(page.body(), "payment_request"), hidden(page.body(), "form_token"));
        }

        ObjectNode submission(String number, String expiration, String securityCode) {
            ObjectNode body = GateClient.JSON.createObjectNode();
            body.put("payment_request", paymentRequest);
            body.put("form_token", token);
            body.put("number", number);
            body.put("expiration", expiration);
            body.put("security_code", securityCode);
            return body;
        }

        private static String hidden(String html, String name) {
            Matcher value =
                    Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
            assertTrue(value.find(), "the form has a hidden " + name);
            return value.group(1)
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&");
        }
    }

    /**
     * The page's text of the code (in English, the catalogue's message: what comes before the detail) and, for the
     * merchant, the platform's whole message.
     */
    private static void assertErrorPage(String html, String code, String message) {
        String codeText = message.contains(": ") ? message.substring(0, message.indexOf(": ")) : message;
        assertTrue(html.contains("<span id=\"error-code\">" + code + "</span>"), html);
        assertTrue(html.contains("<p id=\"error-message\">" + codeText + "</p>"), html);
        assertTrue(html.contains("<p id=\"error-detail\" lang=\"en\">" + message + "</p>"), html);
        assertFalse(html.contains("<form") || html.contains("<input"), "an error page has no form");
    }

    private static void assertRefused(HttpResponse<String> answer, int status, String reason) {
        assertEquals(status, answer.statusCode(), answer.body());
        assertEquals(reason, json(answer).path("reason").asText());
    }

    private static HttpResponse<String> submit(String body) {
        return post(body, "application/json", Map.of("Origin", sandbox.baseUrl(), "Sec-Fetch-Site", "same-origin"));
    }

    private static HttpResponse<String> post(String body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/payment/submit"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    private static HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build());
    }

    private static HttpResponse<String> get(String url, String acceptLanguage) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Accept-Language", acceptLanguage)
                .GET()
                .build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return GateClient.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header"));
    }

    private static Map<String, String> with(Map<String, String> params, Consumer<Map<String, String>> change) {
        Map<String, String> changed = new LinkedHashMap<>(params);
        change.accept(changed);
        return changed;
    }

    private static String query(Map<String, String> params) {
        StringBuilder query = new StringBuilder();
        params.forEach((name, value) -> query.append(query.length() == 0 ? "" : "&")
                .append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return query.toString();
    }

    private static String uniqueId(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
