package dev.jetonvoucher.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one HTTP answer of every function behind the HTTP API (the Gate, the Data API, the provider's notifications,
 * the Payment Page, the dashboard and its exports), free of any gateway's type: each function answers with it and
 * the Lambda adapter ({@code aws.lambda.HttpApi}) turns it into API Gateway's response.
 *
 * @param headers header values by name, spelled as they are to be sent, in the order given
 * @param body the body as text; null for none
 * @param cookies the {@code Set-Cookie} values, each sent as its own header
 */
public record WebResponse(int status, Map<String, String> headers, String body, List<String> cookies) {

    /** What every API answer carries: JSON, never cached, never sniffed as anything else. */
    private static final Map<String, String> JSON_HEADERS = jsonHeaders();

    public WebResponse {
        headers = headersKept(headers);
        cookies = List.copyOf(cookies);
    }

    /** A text answer without cookies. */
    public WebResponse(int status, Map<String, String> headers, String body) {
        this(status, headers, body, List.of());
    }

    /** An API answer: a JSON body with {@link #JSON_HEADERS} ({@code application/json; charset=utf-8}). */
    public static WebResponse json(int status, String body) {
        return new WebResponse(status, JSON_HEADERS, body);
    }

    /**
     * A map of {@link Map#of}/{@link Map#copyOf} as it is (immutable already: the shared header maps of the Payment
     * Page's and the API's answers are not copied per response), any other as an unmodifiable copy in its order.
     */
    private static Map<String, String> headersKept(Map<String, String> headers) {
        if (headers.getClass().getName().startsWith("java.util.ImmutableCollections$") || headers == JSON_HEADERS) {
            return headers;
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    private static Map<String, String> jsonHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        return Collections.unmodifiableMap(headers);
    }

    /** The same answer with one more header (or another value for one it has). */
    public WebResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new WebResponse(status, more, body, cookies);
    }
}
