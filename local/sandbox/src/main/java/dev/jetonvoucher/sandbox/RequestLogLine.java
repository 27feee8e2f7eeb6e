package dev.jetonvoucher.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetonvoucher.json.Json;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The sandbox's one line per HTTP request, readable in a terminal:
 * {@code HTTP POST /v2/payment/voucher/jeton/sale 200 12ms payment=order-17}.
 */
final class RequestLogLine {

    private static final ObjectMapper JSON = Json.mapper();
    /** Bodies larger than this are not parsed just for a log line. */
    private static final int MAX_PARSED_BYTES = 256 * 1024;

    private static final int MAX_ID_LENGTH = 80;
    /** Where a payment id sits in what passes through: Gate request, acknowledgement, callback or status answer. */
    private static final List<Function<JsonNode, JsonNode>> ID_LOCATIONS = List.of(
            body -> body.path("general").path("payment_id"),
            body -> body.path("payment_id"),
            body -> body.path("payment").path("id"));

    private RequestLogLine() {}

    static String format(String method, String path, int status, long millis, Optional<String> paymentId) {
        return "HTTP " + method + " " + path + " " + status + " " + millis + "ms"
                + paymentId.map(id -> " payment=" + id).orElse("");
    }

    /** Whether a response of this content type can name a payment (pages, scripts and exports cannot). */
    static boolean isJson(String contentType) {
        return contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    /** The payment a request concerns, from the Payment Page's query, the request body or the response body. */
    static Optional<String> paymentId(String rawQuery, byte[] requestBody, byte[] responseBody) {
        if (rawQuery != null) {
            Optional<String> fromQuery =
                    Optional.ofNullable(HttpGateway.singleValues(rawQuery).get("payment_id"));
            if (fromQuery.isPresent()) {
                return fromQuery.map(RequestLogLine::printable);
            }
        }
        return fromJson(requestBody).or(() -> fromJson(responseBody)).map(RequestLogLine::printable);
    }

    private static Optional<String> fromJson(byte[] body) {
        if (body == null || body.length == 0 || body.length > MAX_PARSED_BYTES) {
            return Optional.empty();
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(body);
        } catch (IOException notJson) {
            return Optional.empty();
        }
        if (parsed == null || !parsed.isObject()) {
            return Optional.empty();
        }
        return ID_LOCATIONS.stream()
                .map(location -> location.apply(parsed))
                .filter(node -> node.isTextual() || node.isNumber())
                .map(JsonNode::asText)
                .filter(id -> !id.isEmpty())
                .findFirst();
    }

    /** A merchant chooses payment ids: keep control characters and spaces from forging or splitting log lines. */
    private static String printable(String id) {
        String cleaned = id.codePoints()
                .map(c -> Character.isISOControl(c) || Character.isWhitespace(c) ? '_' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return cleaned.length() <= MAX_ID_LENGTH ? cleaned : cleaned.substring(0, MAX_ID_LENGTH) + "…";
    }
}
