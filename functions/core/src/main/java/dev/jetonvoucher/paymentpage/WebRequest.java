package dev.jetonvoucher.paymentpage;

import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as the Payment Page needs it, free of any gateway's event type.
 *
 * @param headers header values by lower-case name
 * @param rawQuery the query string without {@code ?}, still percent-encoded; may be empty
 * @param sourceIp the client address the gateway saw
 */
public record WebRequest(String method, String path, String rawQuery, Map<String, String> headers, String body,
        String sourceIp) {

    public WebRequest {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        rawQuery = rawQuery == null ? "" : rawQuery;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
