package dev.jetonvoucher.project;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The one rule for a URL result callbacks are posted to, whoever names it: a project's {@code callback_url} (project
 * file, ProjectsTable) and a Gate request's {@code general.merchant_callback_url}. An absolute {@code http} or
 * {@code https} URL with a host, no user info (credentials would end up in logs and on the dashboard), at most
 * {@value #MAX_LENGTH} characters.
 *
 * <p>The rule is the same for both on purpose: a request can send its callback wherever its project's could go, and
 * nowhere else. It does not look at the host, so a URL may name a private or loopback address (the sandbox's inbox and
 * a developer's local endpoint are on 127.0.0.1); only the holder of the project's secret can sign such a request.
 * A deployment that must keep callbacks off internal addresses restricts the callback function's network egress.
 */
public final class CallbackUrls {

    public static final int MAX_LENGTH = 2048;

    private CallbackUrls() {}

    /**
     * @param text the URL as written
     * @return the URL
     * @throws IllegalArgumentException saying what is wrong with it (never echoing it: it is the caller's to name)
     */
    public static URI parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("must be an absolute http(s) URL");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL: " + e.getReason());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("must be an absolute http(s) URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("must not hold user info (user:password@)");
        }
        return uri;
    }
}
