package dev.jetonvoucher.functions.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetonvoucher.analysis.DashboardAccess;
import dev.jetonvoucher.analysis.DashboardSessions;
import dev.jetonvoucher.analysis.SignInThrottle;
import dev.jetonvoucher.memory.InMemoryAttemptCounters;
import dev.jetonvoucher.memory.InMemoryPaymentStore;
import dev.jetonvoucher.memory.InMemorySessionStore;
import dev.jetonvoucher.project.InMemoryProjectDirectory;
import dev.jetonvoucher.project.ProjectFile;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-in, sign-out and throttling of the dashboard function, on the in-memory adapters. The same through the
 * template's real wiring (DashboardSessionsTable on the local endpoint) is the sandbox's DashboardTest.
 */
class DashboardSignInTest {

    private static final long SIGNS_OUT = 3501;
    private static final long GUESSED = 3502;
    private static final String SECRET = "dashboard-handler-secret";
    private static final String ADDRESS = "198.51.100.20";

    private static final HandClock CLOCK = new HandClock(Instant.parse("2026-03-01T10:05:00Z"));
    private static DashboardHandler handler;

    @BeforeAll
    static void wire() {
        InMemoryProjectDirectory projects =
                new InMemoryProjectDirectory(ProjectFile.parse("""
                {"projects": [
                  {"project_id": %d, "secret_key": "%s", "test": true, "currencies": ["EUR"],
                   "base_time_seconds": 10, "limit_time_seconds": 60, "balances": {}, "sandbox": {}},
                  {"project_id": %d, "secret_key": "%s", "test": true, "currencies": ["EUR"],
                   "base_time_seconds": 10, "limit_time_seconds": 60, "balances": {}, "sandbox": {}}]}
                """.formatted(SIGNS_OUT, SECRET, GUESSED, SECRET)));
        InMemoryPaymentStore payments = new InMemoryPaymentStore(CLOCK);
        handler = new DashboardHandler(
                new DashboardSessions(projects, new InMemorySessionStore(), new InMemoryAttemptCounters(), CLOCK),
                payments,
                payments,
                CLOCK);
    }

    @Test
    void a_signed_out_cookie_opens_nothing_although_it_has_not_expired() {
        String session = sessionCookie(signIn(SIGNS_OUT, SECRET, ADDRESS));
        String otherSession = sessionCookie(signIn(SIGNS_OUT, SECRET, ADDRESS));
        assertEquals(200, get(session).getStatusCode());

        APIGatewayV2HTTPResponse out =
                handler.handleRequest(post(DashboardAccess.SIGN_OUT, "", List.of(session), ADDRESS), null);

        assertEquals(303, out.getStatusCode());
        assertTrue(
                out.getCookies().get(0).contains("Max-Age=0"), out.getCookies().toString());
        APIGatewayV2HTTPResponse replayed = get(session);
        assertEquals(303, replayed.getStatusCode(), "sent to sign in");
        assertEquals(DashboardAccess.SIGN_IN, replayed.getHeaders().get("Location"));
        assertEquals(200, get(otherSession).getStatusCode(), "another sign-in of the project stays open");
    }

    @Test
    void the_sixth_sign_in_after_five_wrong_secrets_is_refused_until_the_window_ends() {
        for (int i = 1; i <= SignInThrottle.PER_PROJECT_AND_ADDRESS; i++) {
            assertEquals(401, signIn(GUESSED, "guess " + i, ADDRESS).getStatusCode(), "guess " + i);
        }

        for (String secret : List.of("guess 6", SECRET)) {
            APIGatewayV2HTTPResponse throttled = signIn(GUESSED, secret, ADDRESS);
            assertEquals(429, throttled.getStatusCode(), secret);
            assertEquals("600", throttled.getHeaders().get("Retry-After"), "the window ends at 10:15");
            assertTrue(throttled.getBody().contains("Too many failed sign-ins. Please try again in 10 minutes."));
            assertTrue(throttled.getCookies().stream().noneMatch(cookie -> cookie.startsWith("jv_session=")));
        }
        assertEquals(303, signIn(GUESSED, SECRET, "203.0.113.20").getStatusCode(), "from another address");

        CLOCK.advance(Duration.ofMinutes(10));
        assertEquals(303, signIn(GUESSED, SECRET, ADDRESS).getStatusCode(), "the next window");
    }

    private static APIGatewayV2HTTPResponse signIn(long projectId, String secret, String address) {
        String body = "csrf=form-token&project_id=" + projectId + "&secret_key="
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return handler.handleRequest(post(DashboardAccess.SIGN_IN, body, List.of("jv_csrf=form-token"), address), null);
    }

    private static String sessionCookie(APIGatewayV2HTTPResponse signedIn) {
        assertEquals(303, signedIn.getStatusCode(), signedIn.getBody());
        String cookie = signedIn.getCookies().stream()
                .filter(c -> c.startsWith("jv_session="))
                .findFirst()
                .orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private static APIGatewayV2HTTPResponse get(String cookie) {
        return handler.handleRequest(event("GET", DashboardAccess.HOME, null, List.of(cookie), ADDRESS), null);
    }

    private static APIGatewayV2HTTPEvent post(String path, String body, List<String> cookies, String address) {
        return event("POST", path, body, cookies, address);
    }

    private static APIGatewayV2HTTPEvent event(
            String method, String path, String body, List<String> cookies, String address) {
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath(path)
                .withBody(body)
                .withCookies(cookies)
                .withHeaders(Map.of("host", "localhost", "content-type", "application/x-www-form-urlencoded"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(path)
                                .withSourceIp(address)
                                .build())
                        .build())
                .build();
    }

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private volatile Instant now;

        HandClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
