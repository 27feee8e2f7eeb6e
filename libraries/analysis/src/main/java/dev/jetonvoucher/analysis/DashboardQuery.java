package dev.jetonvoucher.analysis;

import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.web.Html;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The dashboard's filters as its URLs carry them ({@code from}, {@code to} as UTC days, both included;
 * {@code status}, {@code type}, {@code payment_id}, and the list's {@code cursor}); the exports take the same.
 */
public record DashboardQuery(
        LocalDate first,
        LocalDate last,
        Optional<PaymentStatus> status,
        Optional<OperationType> type,
        String paymentId,
        String cursor) {

    /** Without dates the dashboard shows the last seven days. */
    public static final int DEFAULT_DAYS = 7;

    public static DashboardQuery defaults(LocalDate today) {
        return new DashboardQuery(
                today.minusDays(DEFAULT_DAYS - 1L), today, Optional.empty(), Optional.empty(), null, null);
    }

    /** @throws QueryException naming the parameter it cannot use */
    public static DashboardQuery parse(Function<String, String> parameter, LocalDate today) {
        LocalDate last = date(parameter.apply("to"), "to", today);
        LocalDate first = date(parameter.apply("from"), "from", last.minusDays(DEFAULT_DAYS - 1L));
        String status = blankToNull(parameter.apply("status"));
        String type = blankToNull(parameter.apply("type"));
        DashboardQuery query = new DashboardQuery(
                first,
                last,
                Optional.ofNullable(status).map(s -> PaymentFilter.status(s, "status")),
                Optional.ofNullable(type).map(t -> PaymentFilter.operationType(t, "type")),
                Optional.ofNullable(blankToNull(parameter.apply("payment_id")))
                        .map(id -> PaymentFilter.paymentId(id, "payment_id"))
                        .orElse(null),
                blankToNull(parameter.apply("cursor")));
        query.period();
        return query;
    }

    /** @throws QueryException when the days are reversed or more than 31 */
    public Period period() {
        return Period.days(first, last, "to");
    }

    public PaymentFilter filter() {
        return new PaymentFilter(
                status.map(Set::of).orElse(Set.of()), type.map(Set::of).orElse(Set.of()), paymentId);
    }

    public DashboardQuery withCursor(String nextCursor) {
        return new DashboardQuery(first, last, status, type, paymentId, nextCursor);
    }

    /** The query string of these filters (and the cursor, if any), ready to follow a {@code ?}. */
    public String queryString() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("from", first.toString());
        parameters.put("to", last.toString());
        status.ifPresent(s -> parameters.put("status", s.wire()));
        type.ifPresent(t -> parameters.put("type", t.wire()));
        if (paymentId != null) {
            parameters.put("payment_id", paymentId);
        }
        if (cursor != null) {
            parameters.put("cursor", cursor);
        }
        return parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + Html.queryComponent(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static LocalDate date(String text, String field, LocalDate otherwise) {
        if (blankToNull(text) == null) {
            return otherwise;
        }
        try {
            return Period.supportedDay(LocalDate.parse(text.trim()), field);
        } catch (DateTimeParseException e) {
            throw new QueryException(field, field + " must be a date such as 2026-03-01");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
