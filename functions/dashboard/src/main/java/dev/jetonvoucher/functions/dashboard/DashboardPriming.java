package dev.jetonvoucher.functions.dashboard;

import static dev.jetonvoucher.aws.lambda.Priming.expect;
import static dev.jetonvoucher.aws.lambda.Priming.get;
import static dev.jetonvoucher.aws.lambda.Priming.getWithUnsignedSession;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetonvoucher.analysis.DashboardAccess;

/**
 * The dashboard's part of the SnapStart priming (see {@code Wiring.primeForSnapshot}), with the events and checks of
 * the shared {@code Priming}.
 */
final class DashboardPriming {

    private DashboardPriming() {}

    /**
     * Requests that write nothing, through the handler as real ones: the sign-in form (its page, cookies and escaping),
     * and the home page with a session cookie no key signed, refused after the lookup of a project nobody has (a sign-in
     * asked for). The wiring's own steps prime the stores behind a sign-in (its counter and the session's writes).
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
}
