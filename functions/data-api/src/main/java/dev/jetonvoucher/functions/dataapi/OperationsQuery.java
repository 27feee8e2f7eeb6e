package dev.jetonvoucher.functions.dataapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetonvoucher.analysis.PaymentFilter;
import dev.jetonvoucher.analysis.Period;
import dev.jetonvoucher.analysis.QueryException;
import dev.jetonvoucher.gate.GateRejection;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The filter fields of a Data API {@code /operations/get} request, after its signature was checked: ECommPay's
 * {@code interval{from, to}}, {@code time_zone}, {@code operation_type} and {@code limit}, plus {@code status},
 * {@code payment_id} and {@code cursor} (in place of ECommPay's {@code offset}, which shifts when operations
 * arrive between two requests).
 */
public record OperationsQuery(Period period, ZoneId zone, PaymentFilter filter, int limit, String cursor) {

    public static final int MAX_LIMIT = 1000;
    /** The region id, not {@code ZoneOffset.UTC}: its id is "Z", and the response echoes the zone's id. */
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static final int MAX_PAYMENT_ID_LENGTH = 255;

    /** @throws GateRejection 2004 for a missing interval; {@link QueryException} for a value it cannot use */
    public static OperationsQuery parse(JsonNode root) {
        ZoneId zone = zone(root.get("time_zone"));
        Period period = period(root, zone);
        PaymentFilter filter = new PaymentFilter(
                values(root.get("status"), "status", PaymentFilter::status),
                values(root.get("operation_type"), "operation_type", PaymentFilter::operationType),
                paymentId(root.get("payment_id")));
        JsonNode offset = root.get("offset");
        if (offset != null && !offset.isNull() && !(offset.canConvertToExactIntegral() && offset.asLong() == 0)) {
            throw new QueryException(
                    "offset", "offset paging is not supported: pass the cursor of the previous response");
        }
        return new OperationsQuery(period, zone, filter, limit(root.get("limit")), cursor(root.get("cursor")));
    }

    /** {@code interval{from, to}}, at most 31 days, local values read in {@code zone}. */
    static Period period(JsonNode root, ZoneId zone) {
        JsonNode interval = root.get("interval");
        if (interval == null || interval.isNull()) {
            throw GateRejection.missing("interval");
        }
        if (!interval.isObject()) {
            throw new QueryException("interval", "interval must be an object with from and to");
        }
        Instant from = instant(interval, "from", zone);
        Instant to = instant(interval, "to", zone);
        return Period.requested(from, to, "interval.to");
    }

    /** {@code status} and {@code operation_type}, each one value or an array; no payment id. */
    static PaymentFilter statusAndType(JsonNode root) {
        return new PaymentFilter(
                values(root.get("status"), "status", PaymentFilter::status),
                values(root.get("operation_type"), "operation_type", PaymentFilter::operationType),
                null);
    }

    static ZoneId zone(JsonNode node) {
        if (node == null || node.isNull()) {
            return UTC;
        }
        try {
            return ZoneId.of(node.asText());
        } catch (DateTimeException e) {
            throw new QueryException(
                    "time_zone", "time_zone must be an IANA time zone name such as UTC or Europe/Malta");
        }
    }

    /**
     * ISO-8601 with an offset ({@code 2026-03-01T00:00:00Z}), or a local date-time or date (ECommPay's
     * {@code 2026-03-01 00:00:00}) read in {@code time_zone}.
     */
    private static Instant instant(JsonNode interval, String name, ZoneId zone) {
        String field = "interval." + name;
        JsonNode node = interval.get(name);
        if (node == null || node.isNull() || node.asText().isEmpty()) {
            throw GateRejection.missing(field);
        }
        String text = node.isTextual() ? node.asText().trim() : "";
        return Period.supportedInstant(parseInstant(text, zone, field), field);
    }

    private static Instant parseInstant(String text, ZoneId zone, String field) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(text.replace(' ', 'T')).atZone(zone).toInstant();
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay(zone).toInstant();
                } catch (DateTimeParseException notADate) {
                    throw new QueryException(
                            field, field + " must be an ISO-8601 date-time such as 2026-03-01T00:00:00Z");
                }
            }
        } catch (DateTimeException outOfRange) {
            throw Period.outOfRange(field);
        }
    }

    /** One value or an array of them. */
    private static <T> Set<T> values(JsonNode node, String field, BiFunction<String, String, T> parse) {
        Set<T> values = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (node.isTextual()) {
            values.add(parse.apply(node.asText(), field));
            return values;
        }
        if (!node.isArray()) {
            throw new QueryException(field, field + " must be a string or an array of strings");
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new QueryException(field, field + " must be a string or an array of strings");
            }
            values.add(parse.apply(item.asText(), field));
        }
        return values;
    }

    static String paymentId(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!(node.isTextual() || node.canConvertToExactIntegral())) {
            throw new QueryException(
                    "payment_id", "payment_id must be a string of at most " + MAX_PAYMENT_ID_LENGTH + " characters");
        }
        return PaymentFilter.paymentId(node.asText(), "payment_id");
    }

    static int limit(JsonNode node) {
        if (node == null || node.isNull()) {
            return MAX_LIMIT;
        }
        if (!node.canConvertToExactIntegral() || node.asLong() < 1 || node.asLong() > MAX_LIMIT) {
            throw new QueryException("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        return node.asInt();
    }

    private static String cursor(JsonNode node) {
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isEmpty())) {
            return null;
        }
        if (!node.isTextual()) {
            throw new QueryException("cursor", "cursor must be the string of a previous response");
        }
        return node.asText();
    }
}
