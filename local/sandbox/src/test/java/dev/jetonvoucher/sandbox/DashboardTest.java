package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.CallbackAttempt;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentStore.LateResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard over HTTP: sign-in, sessions and CSRF, what the pages show, and that they show one project only. */
class DashboardTest {

    static final long D = 3201;
    static final long E = 3202;
    static final String SECRET_D = "dashboard-secret-d";
    static final String SECRET_E = "dashboard-secret-e";
    /** Only the throttling test signs in to it: its failures must not throttle the other tests' sign-ins. */
    static final long GUESSED = 3203;

    static final String SECRET_GUESSED = "dashboard-secret-guessed";
    static final Instant START = Instant.parse("2026-02-10T00:00:00Z");
    static final String PERIOD = "from=2026-02-10&to=2026-02-14";
    static final PaymentStatus[] OUTCOMES = {
        PaymentStatus.SUCCESS,
        PaymentStatus.DECLINE,
        PaymentStatus.SUCCESS,
        PaymentStatus.PROCESSING,
        PaymentStatus.ERROR
    };
    static final Pattern PAYMENT_LINK = Pattern.compile("href=\"/dashboard/payment\\?id=([^&\"]+)&");
    static final Pattern NEXT_PAGE = Pattern.compile("id=\"next-page\" href=\"([^\"]+)\"");

    static SandboxHarness sandbox;
    static PaymentHistory history;

    @BeforeAll
    static void seed() {
        sandbox = new SandboxHarness(
                SandboxHarness.project(D, SECRET_D, true),
                SandboxHarness.project(E, SECRET_E, true),
                SandboxHarness.project(GUESSED, SECRET_GUESSED, true));
        history = new PaymentHistory(sandbox.payments());
        history.seed(
                80,
                i -> PaymentHistory.payment(
                        D,
                        "d-" + i,
                        i % 4 == 0 && OUTCOMES[i % 5] != PaymentStatus.SUCCESS
                                ? PaymentType.PAYOUT
                                : PaymentType.PURCHASE,
                        START.plus(Duration.ofMinutes(i * 83L)),
                        OUTCOMES[i % 5],
                        1_000 + i * 10L,
                        "order " + i));
        history.seed(
                10,
                i -> PaymentHistory.payment(
                        E,
                        "e-" + i,
                        PaymentType.PURCHASE,
                        START.plus(Duration.ofMinutes(i * 97L)),
                        PaymentStatus.SUCCESS,
                        5_000,
                        "other project " + i));
        sandbox.balances().openIfAbsent(D, Money.ofMinor(500_000, "EUR"));
        Payment withHistory = history.get(D, "d-2");
        sandbox.payments()
                .recordCallbackAttempt(
                        withHistory.key(),
                        new CallbackAttempt(1, START.plusSeconds(200), 500, Duration.ofMillis(42), null),
                        Optional.empty());
        sandbox.payments()
                .recordCallbackAttempt(
                        withHistory.key(),
                        new CallbackAttempt(2, START.plusSeconds(210), 200, Duration.ofMillis(17), null),
                        Optional.of(CallbackState.DELIVERED));
        sandbox.payments()
                .recordLateResult(
                        withHistory.key(),
                        new LateResult(
                                START.plusSeconds(400),
                                "notification",
                                "decline",
                                "20000",
                                "conflicting, payment already success (0)"));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    DashboardClient browser() {
        return new DashboardClient(sandbox.runtime.baseUrl());
    }

    DashboardClient signedIn(long projectId, String secret) {
        DashboardClient browser = browser();
        assertEquals(303, browser.signIn(projectId, secret).status());
        return browser;
    }

    @Test
    void every_page_but_the_sign_in_form_needs_a_session() {
        for (String path : List.of(
                "/dashboard",
                "/dashboard?" + PERIOD,
                "/dashboard/payment?id=d-1",
                "/dashboard/export.csv?" + PERIOD,
                "/dashboard/export.xlsx")) {
            DashboardClient.Response response = browser().get(path);
            assertEquals(303, response.status(), path);
            assertEquals("/dashboard/sign-in", response.header("location"), path);
        }
    }

    @Test
    void the_sign_in_form_sets_a_strict_csrf_cookie_and_the_pages_allow_no_script() {
        DashboardClient.Response form = browser().get("/dashboard/sign-in");
        assertEquals(200, form.status());
        String csrfCookie = form.setCookie("jv_csrf");
        assertNotNull(csrfCookie);
        assertTrue(
                csrfCookie.contains("HttpOnly")
                        && csrfCookie.contains("SameSite=Strict")
                        && csrfCookie.contains("Path=/dashboard"),
                csrfCookie);
        assertFalse(csrfCookie.contains("Secure"), "the sandbox is plain HTTP");
        assertEquals(DashboardClient.csrfOf(form), csrfCookie.substring("jv_csrf=".length(), csrfCookie.indexOf(';')));
        assertSecureHeaders(form);
    }

    static void assertSecureHeaders(DashboardClient.Response page) {
        String csp = page.header("content-security-policy");
        assertNotNull(csp);
        assertTrue(csp.startsWith("default-src 'none'; style-src 'nonce-"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("form-action 'self'"), csp);
        Matcher nonce = Pattern.compile("'nonce-([^']+)'").matcher(csp);
        assertTrue(nonce.find());
        assertTrue(page.text().contains("<style nonce=\"" + nonce.group(1) + "\">"));
        assertFalse(page.text().contains("<script"), "no script at all");
        // Text may show a URL (where a payment's callbacks go); nothing is loaded or linked from another origin.
        assertFalse(
                Pattern.compile("(src|href|action)=\"(https?:)?//|url\\(['\"]?(https?:)?//")
                        .matcher(page.text())
                        .find(),
                "no third-party assets");
        assertEquals("no-store", page.header("cache-control"));
        assertEquals("nosniff", page.header("x-content-type-options"));
        assertEquals("same-origin", page.header("referrer-policy"));
    }

    @Test
    void a_wrong_secret_key_and_an_unknown_project_are_refused_alike() {
        DashboardClient.Response wrongKey = browser().signIn(D, SECRET_E);
        DashboardClient.Response unknown = browser().signIn(9_999, SECRET_D);
        for (DashboardClient.Response refused : List.of(wrongKey, unknown)) {
            assertEquals(401, refused.status());
            assertNull(refused.setCookie("jv_session"));
            assertTrue(refused.text().contains("The project ID or the secret key is not right."));
        }
    }

    @Test
    void a_sign_in_without_the_forms_token_or_from_another_site_is_refused() {
        assertEquals(
                403,
                browser()
                        .postForm(
                                "/dashboard/sign-in",
                                Map.of("csrf", "guess", "project_id", Long.toString(D), "secret_key", SECRET_D))
                        .status(),
                "no CSRF cookie");

        DashboardClient mismatched = browser();
        mismatched.get("/dashboard/sign-in");
        assertEquals(
                403,
                mismatched
                        .postForm(
                                "/dashboard/sign-in",
                                Map.of("csrf", "another-token", "project_id", Long.toString(D), "secret_key", SECRET_D))
                        .status());

        // A sibling subdomain (same-site) is refused too: the rule is dev.jetonvoucher.web.SameOrigin.FORM.
        for (String[] crossSite : List.of(
                new String[] {"Origin", "https://evil.example"},
                new String[] {"Origin", "null"},
                new String[] {"Sec-Fetch-Site", "cross-site"},
                new String[] {"Sec-Fetch-Site", "same-site"})) {
            DashboardClient browser = browser();
            String csrf = DashboardClient.csrfOf(browser.get("/dashboard/sign-in"));
            DashboardClient.Response refused = browser.postForm(
                    "/dashboard/sign-in",
                    Map.of("csrf", csrf, "project_id", Long.toString(D), "secret_key", SECRET_D),
                    crossSite);
            assertEquals(403, refused.status(), crossSite[0] + ": " + crossSite[1]);
            assertNull(refused.setCookie("jv_session"));
        }
    }

    @Test
    void a_sign_in_sets_a_strict_http_only_session_cookie_that_holds_no_secret() {
        DashboardClient browser = browser();
        DashboardClient.Response signedIn = browser.signIn(D, SECRET_D);
        assertEquals(303, signedIn.status());
        assertEquals("/dashboard", signedIn.header("location"));
        String session = signedIn.setCookie("jv_session");
        assertTrue(session.startsWith("jv_session=v2." + D + "."), session);
        assertTrue(session.contains("; Path=/dashboard; Max-Age=7200; HttpOnly; SameSite=Strict"), session);
        assertFalse(session.contains("Secure"));
        assertFalse(session.contains(SECRET_D));
        assertTrue(signedIn.setCookie("jv_csrf").contains("Max-Age=0"), "the form's token is used up");

        DashboardClient overHttps = browser();
        String csrf = DashboardClient.csrfOf(overHttps.get("/dashboard/sign-in", "X-Forwarded-Proto", "https"));
        String secureSession = overHttps
                .postForm(
                        "/dashboard/sign-in",
                        Map.of("csrf", csrf, "project_id", Long.toString(D), "secret_key", SECRET_D),
                        "X-Forwarded-Proto",
                        "https")
                .setCookie("jv_session");
        assertTrue(secureSession.endsWith("; Secure"), secureSession);
    }

    @Test
    void the_overview_shows_the_signed_in_projects_payments_totals_and_balance_only() {
        DashboardClient.Response page = signedIn(D, SECRET_D).get("/dashboard?" + PERIOD);
        assertEquals(200, page.status());
        assertSecureHeaders(page);
        String html = page.text();
        List<Payment> expected = history.expected(D, START, START.plus(Duration.ofDays(5)), p -> true);
        assertEquals(PaymentHistory.ids(expected).subList(0, 50), DashboardClient.all(PAYMENT_LINK, html));
        assertTrue(html.contains("<span id=\"project\">" + D + "</span>"));
        assertFalse(html.contains("payment?id=e-") || html.contains("other project"), "nothing of project E");
        assertTrue(html.contains("id=\"total-count\">80<"), "totals cover the whole period, not the page");
        for (PaymentStatus status : PaymentStatus.values()) {
            long count = expected.stream().filter(p -> p.status() == status).count();
            assertTrue(
                    html.contains("<tr id=\"total-" + status.wire() + "\">")
                            && html.contains(status.wire() + "</span></td><td class=\"num\">" + count + "</td>"),
                    status + " " + count);
        }
        assertTrue(
                html.contains("<tr><td>EUR</td><td class=\"num\">5000.00</td><td class=\"num\">0.00</td>"), "balance");
        assertTrue(html.contains("<td>USD</td><td class=\"muted\" colspan=\"4\">no balance yet</td>"));
        assertFalse(html.contains(PaymentHistory.VOUCHER), "voucher numbers only by their last four digits");
        assertTrue(html.contains("***************0017"));
        long dayStatusPairs = expected.stream()
                .map(p -> p.createdAt().toString().substring(0, 10) + p.status())
                .distinct()
                .count();
        assertEquals(
                dayStatusPairs,
                DashboardClient.all(Pattern.compile("<rect class=\"bar s-(\\w+)\""), html)
                        .size());
        assertTrue(html.contains("<title>2026-02-10 success: "), "a bar per day and status, with its count");
        assertTrue(html.contains("href=\"/dashboard/export.csv?from=2026-02-10&amp;to=2026-02-14\""));
        assertTrue(html.contains("href=\"/dashboard/export.xlsx?from=2026-02-10&amp;to=2026-02-14\""));
    }

    @Test
    void filters_and_next_page_links_walk_the_whole_filtered_list() {
        DashboardClient browser = signedIn(D, SECRET_D);
        List<String> seen = new ArrayList<>();
        String next = "/dashboard?" + PERIOD + "&type=sale";
        int pages = 0;
        while (next != null) {
            String html = browser.get(next).text();
            seen.addAll(DashboardClient.all(PAYMENT_LINK, html));
            List<String> links = DashboardClient.all(NEXT_PAGE, html);
            next = links.isEmpty() ? null : links.get(0).replace("&amp;", "&");
            pages++;
        }
        assertEquals(
                PaymentHistory.ids(history.expected(
                        D, START, START.plus(Duration.ofDays(5)), p -> p.type() == PaymentType.PURCHASE)),
                seen);
        assertEquals(2, pages);

        String declined =
                browser.get("/dashboard?" + PERIOD + "&status=decline").text();
        assertEquals(
                PaymentHistory.ids(history.expected(
                        D, START, START.plus(Duration.ofDays(5)), p -> p.status() == PaymentStatus.DECLINE)),
                DashboardClient.all(PAYMENT_LINK, declined));
        assertTrue(declined.contains("<option value=\"decline\" selected>"));
    }

    @Test
    void a_query_it_cannot_use_is_explained_on_the_page() {
        DashboardClient browser = signedIn(D, SECRET_D);
        String tooLong = browser.get("/dashboard?from=2026-01-01&to=2026-03-01").text();
        assertTrue(tooLong.contains("id=\"query-error\">a period spans at most 31 days"), tooLong);
        String badStatus = browser.get("/dashboard?" + PERIOD + "&status=paid").text();
        assertTrue(badStatus.contains("unknown payment status: \"paid\""), badStatus);
        String forgedCursor =
                browser.get("/dashboard?" + PERIOD + "&cursor=eA.eA").text();
        assertTrue(forgedCursor.contains("That page link is no longer valid"));
    }

    @Test
    void a_payments_page_shows_its_operation_callback_attempts_and_late_results() {
        Payment payment = history.get(D, "d-2");
        DashboardClient.Response page = signedIn(D, SECRET_D).get("/dashboard/payment?id=d-2&" + PERIOD);
        assertEquals(200, page.status());
        assertSecureHeaders(page);
        String html = page.text();
        assertTrue(html.contains("<td class=\"mono\">" + payment.operationId() + "</td>"));
        assertTrue(
                html.contains(
                        "<td>1</td><td>2026-02-10 00:03:20</td><td class=\"num\">500</td><td class=\"num\">42.0 ms</td>"),
                html);
        assertTrue(html.contains("<td class=\"num\">200</td><td class=\"num\">17.0 ms</td>"));
        assertTrue(html.contains("conflicting, payment already success (0)"));
        assertTrue(html.contains("***************0017") && !html.contains(PaymentHistory.VOUCHER));
        assertTrue(html.contains("href=\"/dashboard?from=2026-02-10&amp;to=2026-02-14\" id=\"back\""));
    }

    @Test
    void another_projects_payment_is_not_found() {
        DashboardClient browser = signedIn(D, SECRET_D);
        assertEquals(404, browser.get("/dashboard/payment?id=e-3").status());
        assertEquals(200, signedIn(E, SECRET_E).get("/dashboard/payment?id=e-3").status());
    }

    @Test
    void a_forged_session_is_sent_to_sign_in() {
        DashboardClient browser = signedIn(D, SECRET_D);
        String token = browser.cookies.get("jv_session");
        browser.cookies.put("jv_session", token.replace("v2." + D + ".", "v2." + E + "."));
        assertEquals(303, browser.get("/dashboard").status());
        // Not the last character: of its 6 bits only 4 are the MAC's, so A and B (or A to D) decode alike.
        int flipped = token.length() - 2;
        browser.cookies.put(
                "jv_session",
                token.substring(0, flipped)
                        + (token.charAt(flipped) == 'A' ? 'B' : 'A')
                        + token.substring(flipped + 1));
        assertEquals(303, browser.get("/dashboard").status());
    }

    @Test
    void signing_out_clears_the_session_cookie_and_ends_the_session_on_the_server() {
        DashboardClient browser = signedIn(D, SECRET_D);
        DashboardClient otherTab = browser();
        otherTab.cookies.put("jv_session", browser.cookies.get("jv_session"));
        DashboardClient otherBrowser = signedIn(D, SECRET_D);
        assertEquals(200, browser.get("/dashboard").status());
        DashboardClient.Response out = browser.postForm("/dashboard/sign-out", Map.of());
        assertEquals(303, out.status());
        assertEquals("/dashboard/sign-in", out.header("location"));
        assertTrue(out.setCookie("jv_session").contains("Max-Age=0"));
        assertEquals(303, browser.get("/dashboard").status());

        DashboardClient.Response replayed = otherTab.get("/dashboard");
        assertEquals(303, replayed.status(), "the signed-out cookie, kept and sent again, opens nothing");
        assertEquals("/dashboard/sign-in", replayed.header("location"));
        assertEquals(200, otherBrowser.get("/dashboard").status(), "a session of its own stays open");
    }

    @Test
    void after_five_wrong_secrets_even_the_right_one_is_refused_with_retry_after() {
        for (int i = 1; i <= 5; i++) {
            assertEquals(401, browser().signIn(GUESSED, "guess " + i).status(), "guess " + i);
        }

        for (String secret : List.of("guess 6", SECRET_GUESSED)) {
            DashboardClient.Response throttled = browser().signIn(GUESSED, secret);
            assertEquals(429, throttled.status(), secret);
            long retryAfter = Long.parseLong(throttled.header("retry-after"));
            assertTrue(retryAfter >= 1 && retryAfter <= 900, "until the 15-minute window ends: " + retryAfter);
            assertTrue(throttled.text().contains("Too many failed sign-ins."), throttled.text());
            assertNull(throttled.setCookie("jv_session"));
        }
        assertEquals(303, browser().signIn(D, SECRET_D).status(), "another project from the same address");
    }
}
