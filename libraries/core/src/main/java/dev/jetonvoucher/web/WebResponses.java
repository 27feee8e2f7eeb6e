package dev.jetonvoucher.web;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The dashboard's HTTP answers, each with the headers that keep a page of payment data private. */
public final class WebResponses {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final WebErrors ERRORS = WebErrors.pages(
            (request, status, error) -> text(status, error.code().message()));

    private WebResponses() {}

    /** A fresh value for a page's CSP style nonce and for CSRF tokens. */
    public static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * An HTML page whose only resource is its own {@code <style nonce>}: no scripts, no third-party assets, no
     * framing, forms only to this origin, and no referrer to other sites (URLs carry payment ids and cursors).
     */
    public static WebResponse html(int status, String html, String styleNonce, List<String> cookies) {
        Map<String, String> headers = privateHeaders("text/html; charset=utf-8");
        headers.put(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'nonce-" + styleNonce + "'; img-src 'self';"
                        + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        return new WebResponse(status, headers, html, cookies);
    }

    /** 303 See Other: after a form post the browser GETs the next page. */
    public static WebResponse redirect(String location, List<String> cookies) {
        Map<String, String> headers = privateHeaders("text/plain; charset=utf-8");
        headers.put("Location", location);
        return new WebResponse(303, headers, null, cookies);
    }

    /** The response with {@code Retry-After} (whole seconds), as a 429 or 503 tells the client when to come back. */
    public static WebResponse withRetryAfter(WebResponse response, long seconds) {
        return response.withHeader("Retry-After", Long.toString(seconds));
    }

    public static WebResponse text(int status, String text) {
        return new WebResponse(status, privateHeaders("text/plain; charset=utf-8"), text);
    }

    /**
     * How the dashboard's pages answer an error ({@link WebErrors}): a private text page with the platform's message
     * ("Internal error" for a failure).
     */
    public static WebErrors errors() {
        return ERRORS;
    }

    private static Map<String, String> privateHeaders(String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        // Not "no-referrer": with it browsers send "Origin: null" even on same-origin form posts, which the sign-in's
        // origin check must refuse. "same-origin" keeps URLs from other sites and the Origin header intact.
        headers.put("Referrer-Policy", "same-origin");
        headers.put("X-Frame-Options", "DENY");
        return headers;
    }
}
