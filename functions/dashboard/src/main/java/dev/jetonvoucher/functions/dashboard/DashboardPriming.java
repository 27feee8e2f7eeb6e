package dev.jetonvoucher.functions.dashboard;

import static dev.jetonvoucher.aws.lambda.Priming.expect;
import static dev.jetonvoucher.aws.lambda.Priming.get;
import static dev.jetonvoucher.aws.lambda.Priming.getWithUnsignedSession;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetonvoucher.analysis.DashboardAccess;
import dev.jetonvoucher.analysis.DashboardSessions;
import dev.jetonvoucher.aws.SnapshotPriming;
import dev.jetonvoucher.aws.lambda.Priming;
import dev.jetonvoucher.payment.BalanceStore;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.project.InMemoryProjectDirectory;
import dev.jetonvoucher.session.AttemptCounters;
import dev.jetonvoucher.session.SessionStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's part of the SnapStart priming (see {@code Wiring.primeForSnapshot}), with the events and checks of
 * the shared {@code Priming}.
 */
final class DashboardPriming {

    private DashboardPriming() {}

    /**
     * Requests that write nothing, through the handler as real ones: the sign-in form (its page, cookies and escaping),
     * and the home page with a session cookie no key signed, refused after the lookup of a project nobody has (a sign-in
     * asked for).
     */
    static void prime(DashboardHandler dashboard) {
        APIGatewayV2HTTPResponse form = dashboard.handleRequest(get(DashboardAccess.SIGN_IN, null), null);
        expect(form.getStatusCode() == 200, "the sign-in form answered " + form.getStatusCode());
        APIGatewayV2HTTPResponse home =
                dashboard.handleRequest(getWithUnsignedSession(DashboardAccess.HOME, "days=7"), null);
        expect(
                home.getStatusCode() == 303
                        && DashboardAccess.SIGN_IN.equals(home.getHeaders().get("Location")),
                "an unsigned session was not sent to the sign-in but answered " + home.getStatusCode());
    }

    /**
     * A whole sign-in of the priming project (its form posted with its CSRF cookie, the attempt counted, the secret
     * checked, a session opened and its cookie signed), through a handler of its own whose only project is the priming
     * project and whose session store and counters are {@code sessions} and {@code attempts}: in Lambda those of a
     * client that sends nothing ({@code Wiring.withSignInStoresSentNowhere}), so nothing is written.
     */
    static void signIn(
            SessionStore sessions,
            AttemptCounters attempts,
            PaymentStore payments,
            BalanceStore balances,
            Clock clock) {
        DashboardHandler signInOnly = new DashboardHandler(
                new DashboardSessions(
                        new InMemoryProjectDirectory(List.of(SnapshotPriming.sampleProject())),
                        sessions,
                        attempts,
                        clock),
                payments,
                balances,
                clock);
        String csrf = "snapstart-priming";
        APIGatewayV2HTTPEvent post = Priming.httpEvent(
                "POST",
                DashboardAccess.SIGN_IN,
                null,
                Map.of("host", "localhost", "content-type", "application/x-www-form-urlencoded"),
                "csrf=" + csrf + "&project_id=" + SnapshotPriming.PROJECT_ID + "&secret_key="
                        + SnapshotPriming.sampleProject().secretKey());
        post.setCookies(List.of(DashboardHandler.CSRF_COOKIE + "=" + csrf));
        APIGatewayV2HTTPResponse signedIn = signInOnly.handleRequest(post, null);
        expect(
                signedIn.getStatusCode() == 303
                        && DashboardAccess.HOME.equals(signedIn.getHeaders().get("Location")),
                "the priming sign-in did not go home but answered " + signedIn.getStatusCode());
    }
}
