package dev.jetonvoucher.analysis;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.ProjectDirectory;
import dev.jetonvoucher.session.AttemptCounters;
import dev.jetonvoucher.session.SessionStore;
import dev.jetonvoucher.signing.HmacSha256;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Signing in to the dashboard: a merchant proves a project with its secret key and gets a session token,
 * {@code v2.<project_id>.<session id>.<expires epoch seconds>.<base64url HMAC-SHA-256>}, MAC'd with a key derived
 * from the project's secret. The token never contains the secret, and is good only while its session is open in the
 * {@link SessionStore}: until it expires after {@link #LIFETIME} or is signed out, whichever comes first. A new secret
 * key signs everyone out too. Sign-in attempts pass the {@link SignInThrottle}. Every comparison takes constant time.
 */
public final class DashboardSessions {

    public static final Duration LIFETIME = Duration.ofHours(2);
    private static final String VERSION = "v2";
    private static final Pattern PROJECT_ID = Pattern.compile("[1-9][0-9]{0,17}");
    private static final Pattern TOKEN =
            Pattern.compile("v2\\.([1-9][0-9]{0,17})\\.([A-Za-z0-9_-]{22})\\.([0-9]{1,12})\\.([A-Za-z0-9_-]{43})");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ProjectDirectory projects;
    private final SessionStore sessions;
    private final SignInThrottle throttle;
    private final Clock clock;

    public DashboardSessions(
            ProjectDirectory projects, SessionStore sessions, AttemptCounters signInAttempts, Clock clock) {
        this.projects = projects;
        this.sessions = sessions;
        this.throttle = new SignInThrottle(signInAttempts, clock);
        this.clock = clock;
    }

    /** How a sign-in ended. */
    public sealed interface SignIn {
        /** The credentials prove the project; the token opens its new session. */
        record SignedIn(Project project, String token) implements SignIn {}

        /** An unknown project or a wrong secret key (which of the two is not told); counted as a failure. */
        record WrongCredentials() implements SignIn {}

        /** Too many failures: not even checked, right or wrong, until the window ends. */
        record Throttled(Duration retryAfter) implements SignIn {}
    }

    /**
     * Signs in from a client address (null when unknown): throttled first, then the credentials are checked, and
     * a new session is opened for the proven project.
     */
    public SignIn signIn(String projectId, String secretKey, String clientAddress) {
        String trimmed = projectId == null ? "" : projectId.trim();
        Long project = PROJECT_ID.matcher(trimmed).matches() ? Long.valueOf(trimmed) : null;
        SignInThrottle.Attempt attempt = throttle.begin(project, clientAddress);
        if (attempt.refused()) {
            return new SignIn.Throttled(attempt.retryAfter());
        }
        Optional<Project> proven = project == null || secretKey == null ? Optional.empty() : prove(project, secretKey);
        if (proven.isEmpty()) {
            return new SignIn.WrongCredentials();
        }
        attempt.succeeded();
        return new SignIn.SignedIn(proven.get(), issue(proven.get()));
    }

    /** The project these credentials prove, or empty; an unknown project and a wrong key look the same. */
    private Optional<Project> prove(long projectId, String secretKey) {
        Optional<Project> project = projects.find(projectId);
        // Digests first: MessageDigest.isEqual is constant-time only for inputs of equal length.
        byte[] expected = sha256(project.map(Project::secretKey).orElse("\u0000no project\u0000"));
        boolean matches = MessageDigest.isEqual(expected, sha256(secretKey));
        return matches ? project : Optional.empty();
    }

    /** Opens a new session of the project and returns its token. */
    public String issue(Project project) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        String sessionId = ENCODER.encodeToString(id);
        Instant expires = Instant.ofEpochSecond(clock.instant().plus(LIFETIME).getEpochSecond());
        sessions.open(sessionId, project.projectId(), expires);
        String claims = VERSION + "." + project.projectId() + "." + sessionId + "." + expires.getEpochSecond();
        return claims + "." + ENCODER.encodeToString(mac(project, claims));
    }

    /** The signed-in project, or empty for a missing, forged, altered, expired or signed-out token. */
    public Optional<Project> verify(String token) {
        return session(token).map(Session::project);
    }

    /** Closes the token's session on the server, so the token (and any copy of it) opens nothing any more. */
    public void signOut(String token) {
        session(token).ifPresent(session -> sessions.revoke(session.id()));
    }

    private record Session(Project project, String id) {}

    private Optional<Session> session(String token) {
        if (token == null) {
            return Optional.empty();
        }
        var parts = TOKEN.matcher(token);
        Instant now = clock.instant();
        if (!parts.matches() || Long.parseLong(parts.group(3)) <= now.getEpochSecond()) {
            return Optional.empty();
        }
        String sessionId = parts.group(2);
        String claims = token.substring(0, token.lastIndexOf('.'));
        // The store is asked last: a forged token costs no read.
        return projects.find(Long.parseLong(parts.group(1)))
                .filter(p -> HmacSha256.sameText(claims + "." + ENCODER.encodeToString(mac(p, claims)), token))
                .filter(p -> sessions.isOpen(sessionId, p.projectId(), now))
                .map(p -> new Session(p, sessionId));
    }

    private static byte[] mac(Project project, String claims) {
        return HmacSha256.derived(project.secretKey(), "dashboard-session/v1").mac(claims);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
