package dev.jetonvoucher.functions.dataapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.analysis.QueryException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * ECommPay's {@code fields}: the names of the operation fields an answer keeps. The answer keeps them in its own fixed
 * order whatever the request's order; without {@code fields} an operation has every field it has a value for.
 */
final class OperationFields {

    /** Every field an operation can have, in the order an operation lists them ({@link OperationsApi#operation}). */
    static final List<String> ALL = List.of(
            "project_id",
            "operation_id",
            "operation_type",
            "operation_status",
            "payment_id",
            "payment_type",
            "payment_method_name",
            "payment_description",
            "account_number",
            "operation_created_at",
            "operation_completed_at",
            "sum_initial",
            "code",
            "message",
            "provider_payment_id",
            "compensation");

    private OperationFields() {}

    /** The requested names; null for every field. */
    static Set<String> parse(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new QueryException(
                    "fields", "fields must be a non-empty array of field names: " + String.join(", ", ALL));
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode name : node) {
            if (!name.isTextual() || !ALL.contains(name.asText())) {
                throw new QueryException(
                        "fields",
                        "fields: " + (name.isTextual() ? "\"" + name.asText() + "\"" : name)
                                + " is not a field of an operation; known: " + String.join(", ", ALL));
            }
            names.add(name.asText());
        }
        return names;
    }

    /** {@code operation} with only the requested fields (all when {@code fields} is null). */
    static ObjectNode select(ObjectNode operation, Set<String> fields) {
        if (fields != null) {
            operation.retain(fields);
        }
        return operation;
    }
}
