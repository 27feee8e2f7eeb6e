package dev.jetonvoucher.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    private final DashboardSessions sessions =
            new DashboardSessions(new InMemoryProjectDirectory(List.of(ALPHA, BETA)), clock);

    @Test
    void signsInOnlyWithTheProjectsOwnSecretKey() {
        assertEquals(Optional.of(ALPHA), sessions.signIn("501", "alpha-secret-key"));
        assertEquals(Optional.of(ALPHA), sessions.signIn(" 501 ", "alpha-secret-key"));
        assertEquals(Optional.empty(), sessions.signIn("501", "beta-secret-key"));
        assertEquals(Optional.empty(), sessions.signIn("501", "alpha-secret-ke"));
        assertEquals(Optional.empty(), sessions.signIn("501", ""));
        assertEquals(Optional.empty(), sessions.signIn("999", "alpha-secret-key"), "unknown project");
        assertEquals(Optional.empty(), sessions.signIn("5o1", "alpha-secret-key"));
        assertEquals(Optional.empty(), sessions.signIn(null, null));
    }

    @Test
    void aTokenNamesItsProjectAndNeverHoldsTheSecret() {
        String token = sessions.issue(ALPHA);
        assertTrue(token.startsWith("v1.501."), token);
        assertFalse(token.contains("alpha-secret-key"));
        assertEquals(Optional.of(ALPHA), sessions.verify(token));
        assertEquals(Optional.of(BETA), sessions.verify(sessions.issue(BETA)));
    }

    @Test
    void aTokenExpiresAfterItsLifetime() {
        String token = sessions.issue(ALPHA);
        clock.advance(DashboardSessions.LIFETIME.minusSeconds(1));
        assertEquals(Optional.of(ALPHA), sessions.verify(token));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), sessions.verify(token));
    }

    @Test
    void anAlteredTokenIsRefused() {
        String token = sessions.issue(ALPHA);
        String[] parts = token.split("\\.");
        assertEquals(Optional.empty(), sessions.verify("v1.502." + parts[2] + "." + parts[3]), "moved to another project");
        assertEquals(Optional.empty(), sessions.verify("v1.501." + (Long.parseLong(parts[2]) + 3600) + "." + parts[3]),
                "lifetime extended");
        char last = parts[3].charAt(parts[3].length() - 1);
        assertEquals(Optional.empty(), sessions.verify(token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A')));
        assertEquals(Optional.empty(), sessions.verify(null));
        assertEquals(Optional.empty(), sessions.verify(""));
        assertEquals(Optional.empty(), sessions.verify("v1.501.1.x"));
    }

    @Test
    void anotherSpellingOfTheSameMacIsRefused() {
        String token = sessions.issue(ALPHA);
        String respelled = token.substring(0, token.length() - 1) + flipUnusedBit(token.charAt(token.length() - 1));
        assertEquals(Optional.empty(), sessions.verify(respelled), "decodes to the same MAC, but is not the issued token");
    }

    /** The base64url character whose value differs only in the lowest bit, which a 43-character MAC leaves unused. */
    static char flipUnusedBit(char last) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return alphabet.charAt(alphabet.indexOf(last) ^ 1);
    }

    @Test
    void aNewSecretKeyEndsTheSessions() {
        String token = sessions.issue(ALPHA);
        DashboardSessions afterRotation = new DashboardSessions(
                new InMemoryProjectDirectory(List.of(TestProjects.project(501, "rotated-secret"))), clock);
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
