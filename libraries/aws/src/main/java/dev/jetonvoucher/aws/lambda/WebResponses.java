package dev.jetonvoucher.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The dashboard's HTTP answers, each with the headers that keep a page of payment data private. */
public final class WebResponses {

    private static final SecureRandom RANDOM = new SecureRandom();

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
    public static APIGatewayV2HTTPResponse html(int status, String html, String styleNonce, List<String> cookies) {
        Map<String, String> headers = privateHeaders("text/html; charset=utf-8");
        headers.put(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'nonce-" + styleNonce + "'; img-src 'self';"
                        + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(html)
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withIsBase64Encoded(false)
                .build();
    }

    /** 303 See Other: after a form post the browser GETs the next page. */
    public static APIGatewayV2HTTPResponse redirect(String location, List<String> cookies) {
        Map<String, String> headers = privateHeaders("text/plain; charset=utf-8");
        headers.put("Location", location);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(303)
                .withHeaders(headers)
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withIsBase64Encoded(false)
                .build();
    }

    /** The response with {@code Retry-After} (whole seconds), as a 429 or 503 tells the client when to come back. */
    public static APIGatewayV2HTTPResponse withRetryAfter(APIGatewayV2HTTPResponse response, long seconds) {
        Map<String, String> headers = new LinkedHashMap<>(response.getHeaders());
        headers.put("Retry-After", Long.toString(seconds));
        response.setHeaders(headers);
        return response;
    }

    public static APIGatewayV2HTTPResponse text(int status, String text) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(privateHeaders("text/plain; charset=utf-8"))
                .withBody(text)
                .withIsBase64Encoded(false)
                .build();
    }

    /** A file download; binary bodies travel base64-encoded through API Gateway. */
    public static APIGatewayV2HTTPResponse download(
            String fileName, String contentType, byte[] body, String contentEncoding) {
        Map<String, String> headers = privateHeaders(contentType);
        headers.put("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        if (contentEncoding != null) {
            headers.put("Content-Encoding", contentEncoding);
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200)
                .withHeaders(headers)
                .withBody(Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(true)
                .build();
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
