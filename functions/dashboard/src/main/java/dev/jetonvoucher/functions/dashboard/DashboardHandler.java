package dev.jetonvoucher.functions.dashboard;

import dev.jetonvoucher.analysis.DashboardAccess;
import dev.jetonvoucher.analysis.DashboardQuery;
import dev.jetonvoucher.analysis.DashboardSessions;
import dev.jetonvoucher.analysis.DashboardSessions.SignIn;
import dev.jetonvoucher.analysis.PageCursors;
import dev.jetonvoucher.analysis.PaymentSearch;
import dev.jetonvoucher.analysis.QueryException;
import dev.jetonvoucher.aws.lambda.HttpFunction;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.payment.BalanceStore;
import dev.jetonvoucher.payment.BalanceStore.Balance;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.payment.PaymentStore.CreatedPage;
import dev.jetonvoucher.payment.PaymentStore.CreatedPosition;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.web.SameOrigin;
import dev.jetonvoucher.web.WebErrors;
import dev.jetonvoucher.web.WebRequest;
import dev.jetonvoucher.web.WebResponse;
import dev.jetonvoucher.web.WebResponses;
import dev.jetonvoucher.workflow.CallbackDelivery;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The merchant dashboard under {@code /dashboard}: sign-in and sign-out, the payments of a period with filters,
 * totals per status and per day, the balance per currency, and a payment's details with its operation, callback
 * attempts and late provider results. Every page but the sign-in form needs a session (see
 * {@link DashboardAccess}); the project shown is always the session's, never one a URL names.
 */
public final class DashboardHandler extends HttpFunction {

    static final int PAGE_SIZE = 50;
    static final String CURSOR_PURPOSE = "dashboard/payments";
    static final String CSRF_COOKIE = "jv_csrf";

    private final DashboardSessions sessions;
    private final DashboardAccess access;
    private final PaymentStore payments;
    private final BalanceStore balances;
    private final PaymentSearch search;
    private final Clock clock;

    /** In Lambda: the services of the container's wiring, from its environment. */
    public DashboardHandler() {
        this(Wiring.fromEnvironment());
    }

    /** In the sandbox: the services of a function's own wiring. */
    public DashboardHandler(Wiring wiring) {
        this(
                new DashboardSessions(wiring.projects(), wiring.sessions(), wiring.signInAttempts(), wiring.clock()),
                wiring.payments(),
                wiring.balances(),
                wiring.clock());
        wiring.primeAlso("dashboard pages", () -> DashboardPriming.prime(this));
        wiring.primeAlso(
                "dashboard sign-in, written nowhere",
                () -> wiring.withSignInStoresSentNowhere((sessions, attempts) -> DashboardPriming.signIn(
                        sessions, attempts, wiring.payments(), wiring.balances(), wiring.clock())));
    }

    public DashboardHandler(DashboardSessions sessions, PaymentStore payments, BalanceStore balances, Clock clock) {
        this.sessions = sessions;
        this.access = new DashboardAccess(sessions);
        this.payments = payments;
        this.balances = balances;
        this.search = new PaymentSearch(payments);
        this.clock = clock;
    }

    @Override
    protected WebResponse handle(WebRequest request) {
        return switch (request.method() + " " + request.path()) {
            case "GET " + DashboardAccess.SIGN_IN -> signInForm(request, null, 200);
            case "POST " + DashboardAccess.SIGN_IN -> signIn(request);
            case "POST " + DashboardAccess.SIGN_OUT -> signOut(request);
            case "GET " + DashboardAccess.HOME -> signedIn(request, project -> overview(request, project));
            case "GET " + DashboardAccess.HOME + "/payment" -> signedIn(request, project -> payment(request, project));
            default -> WebResponses.text(404, "Not found");
        };
    }

    @Override
    protected WebErrors errors() {
        return WebResponses.errors();
    }

    private WebResponse signedIn(WebRequest request, Function<Project, WebResponse> page) {
        return access.project(request)
                .map(page)
                .orElseGet(() -> WebResponses.redirect(DashboardAccess.SIGN_IN, List.of()));
    }

    /** The form carries a fresh CSRF token that must come back with the cookie of the same value (double submit). */
    private WebResponse signInForm(WebRequest request, String error, int status) {
        String csrf = WebResponses.randomToken();
        String nonce = WebResponses.randomToken();
        return WebResponses.html(
                status,
                Pages.signIn(csrf, error, nonce),
                nonce,
                List.of(DashboardAccess.cookie(CSRF_COOKIE, csrf, 3600, request.https())));
    }

    private WebResponse signIn(WebRequest request) {
        Map<String, String> form = request.form();
        String csrfCookie = request.cookie(CSRF_COOKIE).orElse("");
        String csrfField = form.getOrDefault("csrf", "");
        boolean csrfMatches = !csrfCookie.isEmpty()
                && MessageDigest.isEqual(
                        csrfCookie.getBytes(StandardCharsets.UTF_8), csrfField.getBytes(StandardCharsets.UTF_8));
        Optional<String> crossSite = SameOrigin.FORM.refusal(request);
        if (crossSite.isPresent() || !csrfMatches) {
            Log.warn("dashboard.sign_in_refused", "reason", crossSite.orElse("csrf token"));
            return signInForm(request, "The sign-in form expired. Please sign in again.", 403);
        }
        SignIn result = sessions.signIn(form.get("project_id"), form.get("secret_key"), request.sourceIp());
        if (result instanceof SignIn.Throttled throttled) {
            long seconds = throttled.retryAfter().toSeconds();
            Log.warn("dashboard.sign_in_throttled", "retry_after_seconds", seconds);
            return WebResponses.withRetryAfter(
                    signInForm(request, "Too many failed sign-ins. Please try again in " + minutes(seconds) + ".", 429),
                    seconds);
        }
        if (!(result instanceof SignIn.SignedIn signedIn)) {
            Log.info("dashboard.sign_in_failed");
            return signInForm(request, "The project ID or the secret key is not right.", 401);
        }
        Log.info("dashboard.signed_in", "project_id", signedIn.project().projectId());
        return WebResponses.redirect(
                DashboardAccess.HOME,
                List.of(
                        DashboardAccess.sessionCookie(signedIn.token(), request.https()),
                        DashboardAccess.cookie(CSRF_COOKIE, "", 0, request.https())));
    }

    private static String minutes(long seconds) {
        long minutes = Math.max(1, (seconds + 59) / 60);
        return minutes == 1 ? "a minute" : minutes + " minutes";
    }

    private WebResponse signOut(WebRequest request) {
        Optional<String> crossSite = SameOrigin.FORM.refusal(request);
        if (crossSite.isPresent()) {
            Log.warn("dashboard.sign_out_refused", "reason", crossSite.get());
            return WebResponses.text(403, "Forbidden");
        }
        // On the server too: a copy of the cookie (another tab, a shared machine's disk) opens nothing any more.
        access.signOut(request);
        return WebResponses.redirect(
                DashboardAccess.SIGN_IN, List.of(DashboardAccess.expiredSessionCookie(request.https())));
    }

    private WebResponse overview(WebRequest request, Project project) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        DashboardQuery query;
        String error = null;
        try {
            query = DashboardQuery.parse(request::query, today);
        } catch (QueryException invalid) {
            query = DashboardQuery.defaults(today);
            error = invalid.getMessage() + " (showing the last " + DashboardQuery.DEFAULT_DAYS + " days instead)";
        }
        PageCursors cursors = PageCursors.of(project, CURSOR_PURPOSE);
        CreatedPosition after = null;
        if (query.cursor() != null) {
            try {
                after = cursors.decode(query.cursor(), query.period(), query.filter(), "cursor");
            } catch (QueryException invalid) {
                error = "That page link is no longer valid; showing the first page.";
                query = query.withCursor(null);
            }
        }
        // The list is one index page; totals and chart come from the aggregates of the period's UTC days, so a view
        // costs the same reads whatever the period's volume (a payment id names one payment: it is its own total).
        CreatedPage page = search.page(project.projectId(), query.period(), query.filter(), after, PAGE_SIZE);
        Totals totals = query.filter().paymentId() != null
                ? Totals.of(page.payments())
                : Totals.of(payments.totals(project.projectId(), query.first(), query.last()), query.filter());
        DashboardQuery shown = query;
        String next = page.next()
                .map(position -> cursors.encode(shown.period(), shown.filter(), position))
                .orElse(null);
        String nonce = WebResponses.randomToken();
        return WebResponses.html(
                200,
                Pages.overview(
                        new Pages.Overview(
                                project.projectId(), query, error, page.payments(), next, totals, balances(project)),
                        nonce),
                nonce,
                List.of());
    }

    private Map<CurrencyUnit, Optional<Balance>> balances(Project project) {
        Map<CurrencyUnit, Optional<Balance>> byCurrency = new LinkedHashMap<>();
        project.currencies().stream()
                .sorted(Comparator.comparing(CurrencyUnit::code))
                .forEach(currency -> byCurrency.put(currency, balances.find(project.projectId(), currency)));
        return byCurrency;
    }

    private WebResponse payment(WebRequest request, Project project) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        DashboardQuery query;
        try {
            query = DashboardQuery.parse(request::query, today).withCursor(null);
        } catch (QueryException invalid) {
            query = DashboardQuery.defaults(today);
        }
        String nonce = WebResponses.randomToken();
        String id = request.query("id");
        Optional<Payment> payment =
                id == null || id.isEmpty() ? Optional.empty() : payments.find(new PaymentKey(project.projectId(), id));
        if (payment.isEmpty()) {
            return WebResponses.html(
                    404,
                    Pages.message(
                            "Payment not found",
                            "This project has no payment with that ID.",
                            project.projectId(),
                            nonce),
                    nonce,
                    List.of());
        }
        PaymentKey key = payment.get().key();
        return WebResponses.html(
                200,
                Pages.payment(
                        new Pages.PaymentView(
                                project.projectId(),
                                query,
                                payment.get(),
                                payments.callbackAttempts(key),
                                payments.lateResults(key),
                                payment.get().compensation() == null ? List.of() : payments.compensationAttempts(key),
                                CallbackDelivery.destination(payment.get(), Optional.of(project))),
                        nonce),
                nonce,
                List.of());
    }
}
