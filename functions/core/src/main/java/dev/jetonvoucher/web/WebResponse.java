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
 * @param body the body as text (base64 if {@code base64}); null for none
 * @param cookies the {@code Set-Cookie} values, each sent as its own header
 * @param base64 whether {@code body} is base64-encoded bytes (binary content)
 */
public record WebResponse(int status, Map<String, String> headers, String body, List<String> cookies, boolean base64) {

    /** What every API answer carries: JSON, never cached, never sniffed as anything else. */
    private static final Map<String, String> JSON_HEADERS = Collections.unmodifiableMap(new LinkedHashMap<>(Map.of(
            "Content-Type", "application/json; charset=utf-8",
            "Cache-Control", "no-store",
            "X-Content-Type-Options", "nosniff")));

    public WebResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        cookies = List.copyOf(cookies);
    }

    /** A text answer without cookies. */
    public WebResponse(int status, Map<String, String> headers, String body) {
        this(status, headers, body, List.of(), false);
    }

    /** An API answer: a JSON body with {@link #JSON_HEADERS} ({@code application/json; charset=utf-8}). */
    public static WebResponse json(int status, String body) {
        return new WebResponse(status, JSON_HEADERS, body);
    }

    /** The same answer with one more header (or another value for one it has). */
    public WebResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new WebResponse(status, more, body, cookies, base64);
    }

    /** The same answer setting these cookies. */
    public WebResponse withCookies(List<String> setCookies) {
        return new WebResponse(status, headers, body, setCookies, base64);
    }
}
