package dev.jetonvoucher.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request as the platform's web pages read it (the Payment Page and the dashboard), free of any
 * gateway's event type: each function's adapter fills it in from its event. Whether it comes from the site
 * itself is {@link SameOrigin}'s to say.
 */
public final class WebRequest {

    /** A larger form body is not read at all: the platform's forms are a few short fields. */
    public static final int MAX_FORM_CHARS = 8 * 1024;

    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, String> query;
    private final Map<String, String> headers;
    private final List<String> cookies;
    private final String body;
    private final String sourceIp;
    private final String route;

    /**
     * @param method the HTTP method, in any case
     * @param rawQuery the query string without {@code ?}, still percent-encoded; null for none
     * @param query the query parameters decoded, repeated ones joined with commas (as API Gateway hands them over);
     *        null for none
     * @param headers header values by name, in any case; a name given twice in different cases gets both values
     *        joined with a comma
     * @param cookies the {@code name=value} pairs of the request's cookies, if the gateway split them out (API
     *        Gateway's payload 2.0 does); null to read them from the {@code Cookie} header
     * @param body the body as text (a gateway's base64 already decoded); null for none
     * @param sourceIp the client address the gateway saw; null if unknown
     */
    public WebRequest(
            String method,
            String path,
            String rawQuery,
            Map<String, String> query,
            Map<String, String> headers,
            List<String> cookies,
            String body,
            String sourceIp) {
        this(method, path, rawQuery, query, headers, cookies, body, sourceIp, null);
    }

    /**
     * As above, with the gateway's route that matched ({@code POST /v1/balance/get}, or {@code $default} for the
     * catch-all route); null if none is known (a hand-written test event).
     */
    public WebRequest(
            String method,
            String path,
            String rawQuery,
            Map<String, String> query,
            Map<String, String> headers,
            List<String> cookies,
            String body,
            String sourceIp,
            String route) {
        this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        this.path = path == null || path.isEmpty() ? "/" : path;
        this.rawQuery = rawQuery == null ? "" : rawQuery;
        this.query = withoutNulls(query);
        this.headers = lowerCaseNames(headers);
        this.cookies = cookies == null ? null : List.copyOf(cookies);
        this.body = body;
        this.sourceIp = sourceIp;
        this.route = route;
    }

    /** The gateway's route that matched ({@code POST /v1/balance/get}, {@code $default}); null if unknown. */
    public String route() {
        return route;
    }

    /** Upper case. */
    public String method() {
        return method;
    }

    /** The path without the query; {@code /} if there was none. */
    public String path() {
        return path;
    }

    /** The query string without {@code ?}, still percent-encoded (what a signature covers); may be empty. */
    public String rawQuery() {
        return rawQuery;
    }

    /** A decoded query parameter, repeated ones joined with commas; null if the request has none of that name. */
    public String query(String name) {
        return query.get(name);
    }

    /** A header's value, by name in any case; null if the request has none. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** A cookie's value; the first if the browser sent the name twice. */
    public Optional<String> cookie(String name) {
        List<String> pairs = new ArrayList<>();
        if (cookies != null) {
            pairs.addAll(cookies);
        } else if (header("cookie") != null) {
            pairs.addAll(List.of(header("cookie").split(";")));
        }
        return pairs.stream()
                .map(String::trim)
                .filter(pair -> pair.startsWith(name + "="))
                .map(pair -> pair.substring(name.length() + 1))
                .findFirst();
    }

    /** The body as text; null if there was none. */
    public String body() {
        return body;
    }

    /**
     * An {@code application/x-www-form-urlencoded} body ({@link UrlEncoded}): the first value of each name; empty for
     * a body over {@link #MAX_FORM_CHARS}. A malformed escape decodes to an empty value.
     */
    public Map<String, String> form() {
        if (body == null || body.length() > MAX_FORM_CHARS) {
            return new LinkedHashMap<>();
        }
        return UrlEncoded.firstValues(body, UrlEncoded.Malformed.EMPTY);
    }

    /** Served over HTTPS (always on API Gateway; the local sandbox is plain HTTP): cookies are then Secure. */
    public boolean https() {
        return "https".equalsIgnoreCase(header("x-forwarded-proto"));
    }

    /** The client address the gateway saw; null if unknown. */
    public String sourceIp() {
        return sourceIp;
    }

    @Override
    public String toString() {
        // No headers, cookies or body: they may carry a session or a voucher.
        return method + " " + path;
    }

    private static Map<String, String> lowerCaseNames(Map<String, String> headers) {
        if (headers == null) {
            return Map.of();
        }
        Map<String, String> byName = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (name != null && value != null) {
                byName.merge(name.toLowerCase(Locale.ROOT), value, (first, second) -> first + "," + second);
            }
        });
        return Map.copyOf(byName);
    }

    private static Map<String, String> withoutNulls(Map<String, String> parameters) {
        Map<String, String> copy = new LinkedHashMap<>();
        if (parameters != null) {
            parameters.forEach((name, value) -> {
                if (name != null && value != null) {
                    copy.put(name, value);
                }
            });
        }
        return Map.copyOf(copy);
    }
}
