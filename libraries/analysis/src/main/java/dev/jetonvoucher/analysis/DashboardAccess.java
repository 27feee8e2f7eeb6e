package dev.jetonvoucher.analysis;

import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.web.WebRequest;
import java.util.Optional;

/**
 * The dashboard's session cookie: {@code HttpOnly} (no script reads it), {@code SameSite=Strict} (no other site
 * makes the browser send it, which is what keeps every dashboard request CSRF-safe), {@code Secure} over HTTPS,
 * scoped to {@code /dashboard}, and holding only a {@link DashboardSessions} token, never the secret key. The token
 * is good only while the server keeps its session open: signing out closes it there, not just in the browser.
 */
public final class DashboardAccess {

    public static final String HOME = "/dashboard";
    public static final String SIGN_IN = "/dashboard/sign-in";
    public static final String SIGN_OUT = "/dashboard/sign-out";
    static final String SESSION_COOKIE = "jv_session";

    private final DashboardSessions sessions;

    public DashboardAccess(DashboardSessions sessions) {
        this.sessions = sessions;
    }

    /** The signed-in project of this request; the only source of a project id for every dashboard page and export. */
    public Optional<Project> project(WebRequest request) {
        return request.cookie(SESSION_COOKIE).flatMap(sessions::verify);
    }

    /** Ends the request's session on the server, if it has one that is still open. */
    public void signOut(WebRequest request) {
        request.cookie(SESSION_COOKIE).ifPresent(sessions::signOut);
    }

    public static String sessionCookie(String token, boolean https) {
        return cookie(SESSION_COOKIE, token, DashboardSessions.LIFETIME.toSeconds(), https);
    }

    public static String expiredSessionCookie(boolean https) {
        return cookie(SESSION_COOKIE, "", 0, https);
    }

    public static String cookie(String name, String value, long maxAgeSeconds, boolean https) {
        return name + "=" + value + "; Path=" + HOME + "; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (https ? "; Secure" : "");
    }
}
