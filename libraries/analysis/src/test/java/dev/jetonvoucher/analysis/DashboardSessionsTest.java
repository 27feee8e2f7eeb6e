package dev.jetonvoucher.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.analysis.DashboardSessions.SignIn;
import dev.jetonvoucher.memory.InMemoryAttemptCounters;
import dev.jetonvoucher.memory.InMemorySessionStore;
import dev.jetonvoucher.project.InMemoryProjectDirectory;
import dev.jetonvoucher.project.Project;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DashboardSessionsTest {

    private static final Project ALPHA = TestProjects.project(501, "alpha-secret-key");
    private static final Project BETA = TestProjects.project(502, "beta-secret-key");

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemorySessionStore store = new InMemorySessionStore();
    private final DashboardSessions sessions = new DashboardSessions(
            new InMemoryProjectDirectory(List.of(ALPHA, BETA)), store, new InMemoryAttemptCounters(), clock);

    /** Each from its own address, so that the throttle stays out of the way. */
    private Optional<Project> signIn(String projectId, String secretKey, int address) {
        SignIn result = sessions.signIn(projectId, secretKey, "198.51.100." + address);
        if (result instanceof SignIn.SignedIn signedIn) {
            assertEquals(Optional.of(signedIn.project()), sessions.verify(signedIn.token()));
            return Optional.of(signedIn.project());
        }
        assertEquals(new SignIn.WrongCredentials(), result);
        return Optional.empty();
    }

    @Test
    void signs_in_only_with_the_projects_own_secret_key() {
        assertEquals(Optional.of(ALPHA), signIn("501", "alpha-secret-key", 1));
        assertEquals(Optional.of(ALPHA), signIn(" 501 ", "alpha-secret-key", 2));
        assertEquals(Optional.empty(), signIn("501", "beta-secret-key", 3));
        assertEquals(Optional.empty(), signIn("501", "alpha-secret-ke", 4));
        assertEquals(Optional.empty(), signIn("501", "", 5));
        assertEquals(Optional.empty(), signIn("999", "alpha-secret-key", 6), "unknown project");
        assertEquals(Optional.empty(), signIn("5o1", "alpha-secret-key", 7));
        assertEquals(Optional.empty(), signIn(null, null, 8));
    }

    @Test
    void signing_out_ends_that_session_only() {
        String signedOut = sessions.issue(ALPHA);
        String otherBrowser = sessions.issue(ALPHA);

        sessions.signOut(signedOut);

        assertEquals(Optional.empty(), sessions.verify(signedOut), "the cookie is refused although it has not expired");
        assertEquals(Optional.of(ALPHA), sessions.verify(otherBrowser));
    }

    @Test
    void a_token_whose_session_the_server_does_not_know_is_refused() {
        DashboardSessions elsewhere = new DashboardSessions(
                new InMemoryProjectDirectory(List.of(ALPHA)),
                new InMemorySessionStore(),
                new InMemoryAttemptCounters(),
                clock);
        String token = elsewhere.issue(ALPHA);

        assertEquals(Optional.empty(), sessions.verify(token), "correctly signed, but no session was opened here");
    }

    @Test
    void a_token_names_its_project_and_never_holds_the_secret() {
        String token = sessions.issue(ALPHA);
        assertTrue(token.startsWith("v2.501."), token);
        assertFalse(token.contains("alpha-secret-key"));
        assertEquals(Optional.of(ALPHA), sessions.verify(token));
        assertEquals(Optional.of(BETA), sessions.verify(sessions.issue(BETA)));
    }

    @Test
    void a_token_expires_after_its_lifetime() {
        String token = sessions.issue(ALPHA);
        clock.advance(DashboardSessions.LIFETIME.minusSeconds(1));
        assertEquals(Optional.of(ALPHA), sessions.verify(token));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), sessions.verify(token));
    }

    @Test
    void an_altered_token_is_refused() {
        String token = sessions.issue(ALPHA);
        String[] parts = token.split("\\.");
        assertEquals(
                Optional.empty(),
                sessions.verify("v2.502." + parts[2] + "." + parts[3] + "." + parts[4]),
                "moved to another project");
        assertEquals(
                Optional.empty(),
                sessions.verify("v2.501." + parts[2] + "." + (Long.parseLong(parts[3]) + 3600) + "." + parts[4]),
                "lifetime extended");
        char last = parts[4].charAt(parts[4].length() - 1);
        assertEquals(
                Optional.empty(), sessions.verify(token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A')));
        assertEquals(Optional.empty(), sessions.verify(null));
        assertEquals(Optional.empty(), sessions.verify(""));
        assertEquals(Optional.empty(), sessions.verify("v2.501.1.x"));
        assertEquals(Optional.empty(), sessions.verify("v1.501." + parts[3] + "." + parts[4]), "the old format");
    }

    @Test
    void another_spelling_of_the_same_mac_is_refused() {
        String token = sessions.issue(ALPHA);
        String respelled = token.substring(0, token.length() - 1) + flipUnusedBit(token.charAt(token.length() - 1));
        assertEquals(
                Optional.empty(), sessions.verify(respelled), "decodes to the same MAC, but is not the issued token");
    }

    /** The base64url character whose value differs only in the lowest bit, which a 43-character MAC leaves unused. */
    static char flipUnusedBit(char last) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return alphabet.charAt(alphabet.indexOf(last) ^ 1);
    }

    @Test
    void a_new_secret_key_ends_the_sessions() {
        String token = sessions.issue(ALPHA);
        DashboardSessions afterRotation = new DashboardSessions(
                new InMemoryProjectDirectory(List.of(TestProjects.project(501, "rotated-secret"))), store,
                new InMemoryAttemptCounters(), clock);
        assertEquals(Optional.empty(), afterRotation.verify(token));
    }

    /** A clock tests move by hand. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
