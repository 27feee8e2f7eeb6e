package dev.jetonvoucher.paymentpage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The security headers of every Payment Page response. Pages may run only their own script and style
 * (no inline code, nothing from another origin), send data only to their own origin, and be framed only by
 * their own origin and the project's allowed origins.
 */
public final class PageHeaders {

    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors ";
    private static final Map<String, String> JSON_HEADERS = jsonHeaders();

    private PageHeaders() {}

    /**
     * A page of a project in a language; an empty list when no project is known, so only the page's own origin may
     * frame it.
     */
    public static Map<String, String> html(List<String> frameAncestors, PageLanguage language) {
        Map<String, String> headers = common("text/html; charset=utf-8");
        headers.put("Content-Language", language.code());
        // The language may follow Accept-Language: a shared cache (there should be none: no-store) must not mix them.
        headers.put("Vary", "Accept-Language");
        headers.put("Content-Security-Policy", POLICY + frameAncestorSources(frameAncestors));
        // Browsers that know CSP frame-ancestors ignore this; older ones at least refuse foreign framing.
        headers.put("X-Frame-Options", "SAMEORIGIN");
        headers.put("Referrer-Policy", "same-origin");
        headers.put("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
        return headers;
    }

    /** Every JSON answer's headers: one immutable map, which WebResponse keeps as it is (Map.copyOf of an immutable map). */
    public static Map<String, String> json() {
        return JSON_HEADERS;
    }

    /**
     * A static file. The widget script is loaded by merchants' pages, so it may be used cross-origin; the
     * page's own files only by the page.
     */
    public static Map<String, String> asset(String contentType, boolean crossOrigin) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Cache-Control", "public, max-age=300");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Cross-Origin-Resource-Policy", crossOrigin ? "cross-origin" : "same-origin");
        return headers;
    }

    static String frameAncestorSources(List<String> frameAncestors) {
        StringBuilder sources = new StringBuilder("'self'");
        frameAncestors.forEach(origin -> sources.append(' ').append(origin));
        return sources.toString();
    }

    private static Map<String, String> jsonHeaders() {
        Map<String, String> headers = common("application/json; charset=utf-8");
        headers.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        return Map.copyOf(headers);
    }

    private static Map<String, String> common(String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        return headers;
    }
}
