package dev.jetonvoucher.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.model.VoucherNumbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Voucher data as the sandbox shows it on a page or a terminal: voucher numbers by their last four digits,
 * security codes never.
 */
final class SensitiveData {

    static final String HIDDEN_SECURITY_CODE = "****";
    private static final Set<String> SECURITY_CODE_FIELDS = Set.of("security_code", "securityCode");
    private static final Set<String> VOUCHER_NUMBER_FIELDS = Set.of("voucherNumber", "voucher_number");

    private SensitiveData() {}

    /** A copy of {@code document} with every voucher number masked and every security code hidden. */
    static JsonNode masked(JsonNode document) {
        JsonNode copy = document.deepCopy();
        mask(copy, null);
        return copy;
    }

    private static void mask(JsonNode node, String nameInParent) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (value.isNull()) {
                    continue;
                }
                if (SECURITY_CODE_FIELDS.contains(name)) {
                    object.put(name, HIDDEN_SECURITY_CODE);
                } else if (isVoucherNumber(name, nameInParent) && value.isValueNode()) {
                    object.put(name, VoucherNumbers.mask(value.asText()));
                } else {
                    mask(value, name);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> mask(element, nameInParent));
        }
    }

    /** {@code account.number} in requests and callbacks; {@code voucherNumber} in a payout's vouchers. */
    private static boolean isVoucherNumber(String name, String nameInParent) {
        return VOUCHER_NUMBER_FIELDS.contains(name) || (name.equals("number") && "account".equals(nameInParent));
    }
}
