package dev.jetonvoucher.functions.dashboard;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.jetonvoucher.aws.lambda.HttpApi;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What the dashboard's functions read from an HTTP API (payload 2.0) event. */
public final class WebRequest {

    private static final int MAX_FORM_CHARS = 8 * 1024;

    private final APIGatewayV2HTTPEvent event;

    public WebRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    public String method() {
        return event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                ? event.getRequestContext().getHttp().getMethod().toUpperCase(Locale.ROOT) : "GET";
    }

    public String path() {
        return event.getRawPath() == null ? "/" : event.getRawPath();
    }

    /** A query parameter; API Gateway joins repeated ones with commas. */
    public String query(String name) {
        Map<String, String> parameters = event.getQueryStringParameters();
        return parameters == null ? null : parameters.get(name);
    }

    public String header(String name) {
        Map<String, String> headers = event.getHeaders();
        return headers == null ? null : headers.get(name.toLowerCase(Locale.ROOT));
    }

    public Optional<String> cookie(String name) {
        List<String> cookies = new ArrayList<>();
        if (event.getCookies() != null) {
            cookies.addAll(event.getCookies());
        } else if (header("cookie") != null) {
            cookies.addAll(List.of(header("cookie").split(";")));
        }
        return cookies.stream().map(String::trim).filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1)).findFirst();
    }

    /** An {@code application/x-www-form-urlencoded} body; the first value of each name. */
    public Map<String, String> form() {
        Map<String, String> fields = new LinkedHashMap<>();
        String body = HttpApi.body(event);
        if (body == null || body.length() > MAX_FORM_CHARS) {
            return fields;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.putIfAbsent(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return fields;
    }

    /** Served over HTTPS (always on API Gateway; the local sandbox is plain HTTP): cookies are then Secure. */
    public boolean https() {
        return "https".equalsIgnoreCase(header("x-forwarded-proto"));
    }

    /**
     * False for a request another site made the browser send: its {@code Origin} is not this host, or the browser
     * says {@code Sec-Fetch-Site: cross-site}. Requests without either header (non-browser clients) pass.
     */
    public boolean sameOrigin() {
        String origin = header("origin");
        String host = header("host");
        if (origin != null && !origin.equals("null") && host != null
                && !origin.equalsIgnoreCase("https://" + host) && !origin.equalsIgnoreCase("http://" + host)) {
            return false;
        }
        return !"cross-site".equalsIgnoreCase(header("sec-fetch-site")) && !"null".equals(origin);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
