package dev.jetonvoucher.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a browser sent a state-changing request from this site's own page: the one rule behind the Payment
 * Page's voucher submission and the dashboard's sign-in and sign-out. A browser says where a request comes from in
 * {@code Origin} and {@code Sec-Fetch-Site}, and a page of another origin can change neither.
 *
 * <p>Two policies of one rule, which differ only in whether the request must prove where it comes from
 * ({@code requireOrigin}):
 * <ul>
 * <li>{@link #SCRIPT}: a {@code fetch} from the page's own script. A browser always sends {@code Origin} with it,
 *     so {@code Origin} must be there, and {@code Sec-Fetch-Site}, where sent, must be {@code same-origin}.</li>
 * <li>{@link #FORM}: an HTML form the user submits. A request with neither header is not a browser's (curl, a
 *     monitoring probe) or an old browser's, and passes: other checks (the CSRF token) still apply.
 *     {@code Sec-Fetch-Site: none} (a request the user started, not a page) passes too.</li>
 * </ul>
 *
 * <p>Refused under both, with the reason returned for the log:
 * <ul>
 * <li>an {@code Origin} whose authority ({@code host[:port]}, compared case-insensitively) is not the request's
 *     {@code Host}, or whose scheme is not http or https;</li>
 * <li>{@code Origin: null}: an opaque origin (a sandboxed frame, a {@code data:} or {@code file:} page, a
 *     cross-origin redirect), which by definition is not this site;</li>
 * <li>an {@code Origin} that is not a URI with an authority (also several joined with commas), or an
 *     {@code Origin} without a {@code Host} to compare it with;</li>
 * <li>{@code Sec-Fetch-Site: same-site}: a sibling subdomain is another origin, and a same-site request carries
 *     even {@code SameSite=Strict} cookies, and a sibling can set cookies for the parent domain (so plant a CSRF
 *     cookie of its choosing): a CSRF vector. The dashboard accepted it before this rule; it has no legitimate
 *     same-site sender;</li>
 * <li>{@code Sec-Fetch-Site: cross-site}, and any value this rule does not know.</li>
 * </ul>
 * Header values are compared case-insensitively; the Fetch Metadata values are lower case anyway.
 */
public enum SameOrigin {

    /** A {@code fetch} from the page's own script: {@code Origin} required, {@code Sec-Fetch-Site} only same-origin. */
    SCRIPT(true),
    /** A form the user submits: requests without {@code Origin} or {@code Sec-Fetch-Site} pass. */
    FORM(false);

    private final boolean requireOrigin;

    SameOrigin(boolean requireOrigin) {
        this.requireOrigin = requireOrigin;
    }

    /** Why the request does not come from this site's own page, if it does not; empty if it does. */
    public Optional<String> refusal(WebRequest request) {
        String site = lowerCase(request.header("sec-fetch-site"));
        if (site != null && !site.equals("same-origin") && (requireOrigin || !site.equals("none"))) {
            return Optional.of(
                    switch (site) {
                        case "none", "same-site", "cross-site" -> "Sec-Fetch-Site " + site;
                        default -> "unknown Sec-Fetch-Site";
                    });
        }
        String origin = request.header("origin");
        if (origin == null) {
            return requireOrigin ? Optional.of("no Origin") : Optional.empty();
        }
        if (origin.trim().equalsIgnoreCase("null")) {
            return Optional.of("Origin null");
        }
        String host = request.header("host");
        if (host == null) {
            return Optional.of("no Host to compare the Origin with");
        }
        URI uri;
        try {
            uri = new URI(origin.trim());
        } catch (URISyntaxException e) {
            return Optional.of("malformed Origin");
        }
        if (uri.getRawAuthority() == null) {
            return Optional.of("malformed Origin");
        }
        String scheme = lowerCase(uri.getScheme());
        boolean web = "https".equals(scheme) || "http".equals(scheme);
        return web && uri.getRawAuthority().equalsIgnoreCase(host.trim())
                ? Optional.empty()
                : Optional.of("Origin of another site");
    }

    private static String lowerCase(String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}
