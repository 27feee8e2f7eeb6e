package dev.jetonvoucher.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.session.SessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link SessionStore} must do: a session is open for its project until it expires or is revoked. */
public abstract class SessionStoreContract {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofHours(2));

    /** The store under test. Tests use fresh session ids, so a store may be shared by a whole class. */
    protected abstract SessionStore sessions();

    private static String newSessionId() {
        return UUID.randomUUID().toString();
    }

    @Test
    void an_opened_session_is_open_for_its_project_only() {
        long projectId = TestPayments.newProjectId();
        String sessionId = newSessionId();

        sessions().open(sessionId, projectId, EXPIRES);

        assertTrue(sessions().isOpen(sessionId, projectId, NOW));
        assertFalse(sessions().isOpen(sessionId, projectId + 1, NOW), "another project");
        assertFalse(sessions().isOpen(newSessionId(), projectId, NOW), "a session never opened");
    }

    @Test
    void a_session_is_closed_from_its_expiry() {
        long projectId = TestPayments.newProjectId();
        String sessionId = newSessionId();

        sessions().open(sessionId, projectId, EXPIRES);

        assertTrue(sessions().isOpen(sessionId, projectId, EXPIRES.minusSeconds(1)));
        assertFalse(sessions().isOpen(sessionId, projectId, EXPIRES));
    }

    @Test
    void a_revoked_session_stays_closed_and_others_stay_open() {
        long projectId = TestPayments.newProjectId();
        String revoked = newSessionId();
        String other = newSessionId();
        sessions().open(revoked, projectId, EXPIRES);
        sessions().open(other, projectId, EXPIRES);

        sessions().revoke(revoked);
        sessions().revoke(revoked);

        assertFalse(sessions().isOpen(revoked, projectId, NOW));
        assertTrue(sessions().isOpen(other, projectId, NOW), "signing out one browser leaves the others signed in");
    }

    @Test
    void revoking_an_unknown_session_changes_nothing() {
        String unknown = newSessionId();

        sessions().revoke(unknown);

        assertFalse(sessions().isOpen(unknown, TestPayments.newProjectId(), NOW));
    }
}
