package dev.jetonvoucher.signing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Payment Page URL query handling with form-urlencoded semantics ({@code +} is a space, UTF-8),
 * which is how the Java SDK encodes it and how the signature must be checked: over decoded values.
 */
public final class PaymentPageUrl {

    private static final String SIGNATURE = "signature";

    private PaymentPageUrl() {}

    /**
     * Decodes a raw query string (without the leading {@code ?}) into parameters in their URL order.
     * A parameter without {@code =} has an empty value.
     *
     * @throws IllegalArgumentException if a parameter occurs more than once (which value was signed
     *                                  would be ambiguous) or an escape sequence is malformed
     */
    public static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Collections.unmodifiableMap(params);
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (params.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("duplicate query parameter '" + name + "'");
            }
        }
        return Collections.unmodifiableMap(params);
    }

    /**
     * Builds {@code baseUrl?name=value&...&signature=...} like the Java SDK's {@code PaymentPage.getUrl}:
     * parameters in the map's iteration order, each URL-encoded, the signature appended last.
     *
     * @param baseUrl   Payment Page address without a query, e.g. {@code https://paymentpage.ecommpay.com/payment}
     * @param params    the parameters that were signed, not containing {@code signature}
     * @param signature the Base64 signature of {@code params}
     */
    public static String build(String baseUrl, Map<String, String> params, String signature) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(signature, "signature");
        if (baseUrl.indexOf('?') >= 0) {
            throw new IllegalArgumentException("baseUrl must not contain a query: " + baseUrl);
        }
        if (params.containsKey(SIGNATURE)) {
            throw new IllegalArgumentException("params must not contain 'signature'; pass it separately");
        }
        StringBuilder url = new StringBuilder(baseUrl).append('?');
        params.forEach((name, value) -> {
            if (value == null) {
                throw new IllegalArgumentException("query parameter '" + name + "' has no value");
            }
            url.append(encode(name)).append('=').append(encode(value)).append('&');
        });
        return url.append(SIGNATURE).append('=').append(encode(signature)).toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, UTF_8);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, UTF_8);
    }
}
