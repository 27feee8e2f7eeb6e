package dev.jetonvoucher.memory;

import dev.jetonvoucher.session.SessionStore;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link SessionStore} in a map; revoking removes the session, as the DynamoDB adapter deletes its item. */
public final class InMemorySessionStore implements SessionStore {

    private record Session(long projectId, Instant expiresAt) {}

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    @Override
    public void open(String sessionId, long projectId, Instant expiresAt) {
        if (sessions.putIfAbsent(sessionId, new Session(projectId, expiresAt)) != null) {
            throw new IllegalStateException("session id opened twice");
        }
    }

    @Override
    public boolean isOpen(String sessionId, long projectId, Instant now) {
        Session session = sessions.get(sessionId);
        return session != null && session.projectId() == projectId && now.isBefore(session.expiresAt());
    }

    @Override
    public void revoke(String sessionId) {
        sessions.remove(sessionId);
    }
}
