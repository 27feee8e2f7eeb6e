package dev.jetonvoucher.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one decoder of {@code application/x-www-form-urlencoded} text: a form body ({@link WebRequest#form()}), a query
 * string (the sandbox's gateway, a stored export job's filters). Pairs are separated by {@code &}; a pair without
 * {@code =} has an empty value; an empty pair is skipped; names and values are percent-decoded as UTF-8 with
 * {@code +} as a space. A value that is not valid percent-encoding (a lone {@code %}) is decoded as the caller says:
 * {@link Malformed}.
 *
 * <p>The Payment Page's signed query is not read here: which value was signed must be unambiguous, so its reader
 * ({@code signing.PaymentPageUrl}) refuses a repeated name and a malformed escape.
 */
public final class UrlEncoded {

    /** What a malformed escape decodes to. */
    public enum Malformed {
        /** The empty string: a form field a browser would never send so. */
        EMPTY,
        /** The text as it was, still encoded: what API Gateway hands over for a query it cannot decode. */
        AS_SENT
    }

    /** One name and value, decoded. */
    public record Field(String name, String value) {}

    private UrlEncoded() {}

    /** Every pair in order, repeated names included. Empty for null or empty text. */
    public static List<Field> fields(String encoded, Malformed malformed) {
        List<Field> fields = new ArrayList<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            fields.add(new Field(decode(name, malformed), decode(value, malformed)));
        }
        return fields;
    }

    /** The first value of each name, in order. */
    public static Map<String, String> firstValues(String encoded, Malformed malformed) {
        Map<String, String> values = new LinkedHashMap<>();
        fields(encoded, malformed).forEach(field -> values.putIfAbsent(field.name(), field.value()));
        return values;
    }

    /** Each name's values joined with commas, as API Gateway's payload 2.0 hands query parameters over. */
    public static Map<String, String> joinedValues(String encoded, Malformed malformed) {
        Map<String, String> values = new LinkedHashMap<>();
        fields(encoded, malformed).forEach(field -> values.merge(field.name(), field.value(), (a, b) -> a + "," + b));
        return values;
    }

    private static String decode(String text, Malformed malformed) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return malformed == Malformed.EMPTY ? "" : text;
        }
    }
}
