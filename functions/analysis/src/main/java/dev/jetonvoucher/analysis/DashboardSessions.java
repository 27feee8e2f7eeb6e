package dev.jetonvoucher.analysis;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.ProjectDirectory;
import dev.jetonvoucher.signing.HmacSha256;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Signing in to the dashboard: a merchant proves a project with its secret key and gets a session token,
 * {@code v1.<project_id>.<expires epoch seconds>.<base64url HMAC-SHA-256>}, MAC'd with a key derived from the
 * project's secret. The token never contains the secret, expires after {@link #LIFETIME}, and dies with the
 * secret key (a new key signs everyone out). Every comparison takes constant time.
 */
public final class DashboardSessions {

    public static final Duration LIFETIME = Duration.ofHours(2);
    private static final String VERSION = "v1";
    private static final Pattern PROJECT_ID = Pattern.compile("[1-9][0-9]{0,17}");
    private static final Pattern TOKEN = Pattern.compile("v1\\.([1-9][0-9]{0,17})\\.([0-9]{1,12})\\.([A-Za-z0-9_-]{43})");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final ProjectDirectory projects;
    private final Clock clock;

    public DashboardSessions(ProjectDirectory projects, Clock clock) {
        this.projects = projects;
        this.clock = clock;
    }

    /** The project these credentials prove, or empty; an unknown project and a wrong key look the same. */
    public Optional<Project> signIn(String projectId, String secretKey) {
        if (projectId == null || secretKey == null || !PROJECT_ID.matcher(projectId.trim()).matches()) {
            return Optional.empty();
        }
        Optional<Project> project = projects.find(Long.parseLong(projectId.trim()));
        // Digests first: MessageDigest.isEqual is constant-time only for inputs of equal length.
        byte[] expected = sha256(project.map(Project::secretKey).orElse("\u0000no project\u0000"));
        boolean matches = MessageDigest.isEqual(expected, sha256(secretKey));
        return matches ? project : Optional.empty();
    }

    public String issue(Project project) {
        long expires = clock.instant().plus(LIFETIME).getEpochSecond();
        String claims = VERSION + "." + project.projectId() + "." + expires;
        return claims + "." + ENCODER.encodeToString(mac(project, claims));
    }

    /** The signed-in project, or empty for a missing, forged, altered or expired token. */
    public Optional<Project> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        var parts = TOKEN.matcher(token);
        if (!parts.matches() || Long.parseLong(parts.group(2)) <= clock.instant().getEpochSecond()) {
            return Optional.empty();
        }
        Optional<Project> project = projects.find(Long.parseLong(parts.group(1)));
        String claims = token.substring(0, token.lastIndexOf('.'));
        return project.filter(p -> HmacSha256.sameText(claims + "." + ENCODER.encodeToString(mac(p, claims)), token));
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
