package dev.jetonvoucher.session;

import java.time.Instant;

/**
 * The server side of dashboard sessions: which session ids are open, for which project, until when. A session is
 * open from {@link #open} until it expires or is {@link #revoke revoked}; a revoked session never opens again.
 * Times come from the caller, so a store keeps no clock (and an item its storage has not yet expired still counts
 * as expired).
 */
public interface SessionStore {

    /** Records a new session; the id is random and fresh, never one opened before. */
    void open(String sessionId, long projectId, Instant expiresAt);

    /** Whether the session was opened for this project, has not been revoked and has not expired at {@code now}. */
    boolean isOpen(String sessionId, long projectId, Instant now);

    /** Closes the session for good; revoking an unknown or already revoked session changes nothing. */
    void revoke(String sessionId);
}
