package dev.jetonvoucher.functions.dataapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetonvoucher.analysis.PaymentFilter;
import dev.jetonvoucher.analysis.Period;
import dev.jetonvoucher.analysis.QueryException;
import java.time.ZoneId;
import java.util.Set;

/**
 * The fields of ECommPay's {@code /operations/get} (token form), after the signature was checked:
 * {@code interval}, {@code time_zone}, {@code operation_type} (and this platform's {@code status}), {@code limit},
 * {@code offset} and {@code fields}. The projects come from {@link DataApiCaller#requestedProjects()}.
 *
 * @param fields the fields to return, null for all
 */
record OffsetQuery(Period period, ZoneId zone, PaymentFilter filter, int limit, int offset, Set<String> fields) {

    /**
     * The largest {@code offset}. A page at offset n reads the n operations before it again (the store has no way to
     * jump), so paging a busy month 1,000 at a time costs ever more; past this the answer is a 502 that points at a
     * shorter interval or the cursor of the project-secret form.
     */
    static final int MAX_OFFSET = 50_000;

    static OffsetQuery parse(JsonNode root) {
        ZoneId zone = OperationsQuery.zone(root.get("time_zone"));
        Period period = OperationsQuery.period(root, zone);
        PaymentFilter filter = OperationsQuery.statusAndType(root);
        return new OffsetQuery(
                period,
                zone,
                filter,
                OperationsQuery.limit(root.get("limit")),
                offset(root.get("offset")),
                OperationFields.parse(root.get("fields")));
    }

    private static int offset(JsonNode node) {
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.canConvertToExactIntegral() || node.isTextual() || node.asLong() < 0 || node.asLong() > MAX_OFFSET) {
            throw new QueryException(
                    "offset",
                    "offset must be a whole number from 0 to " + MAX_OFFSET
                            + " (for more, shorten the interval or use the cursor of the project-secret form)");
        }
        return node.asInt();
    }
}
