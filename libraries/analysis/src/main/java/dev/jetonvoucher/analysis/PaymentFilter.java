package dev.jetonvoucher.analysis;

import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.UnicodeText;
import dev.jetonvoucher.payment.Payment;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which payments of a period a query wants: any of {@code statuses} (empty: every status), any of
 * {@code operationTypes} (empty: both), and only {@code paymentId} when set.
 */
public record PaymentFilter(Set<PaymentStatus> statuses, Set<OperationType> operationTypes, String paymentId) {

    private static final int MAX_PAYMENT_ID_LENGTH = 255;

    public static final PaymentFilter EVERYTHING = new PaymentFilter(Set.of(), Set.of(), null);

    public PaymentFilter {
        statuses = Set.copyOf(statuses);
        operationTypes = Set.copyOf(operationTypes);
        paymentId = paymentId == null || paymentId.isEmpty() ? null : paymentId;
    }

    public boolean matches(Payment payment) {
        return selects(payment.status(), payment.operationType())
                && (paymentId == null || paymentId.equals(payment.key().paymentId()));
    }

    /** Whether payments of this status and type pass the status and type filters (the payment id aside). */
    public boolean selects(PaymentStatus status, OperationType type) {
        return (statuses.isEmpty() || statuses.contains(status))
                && (operationTypes.isEmpty() || operationTypes.contains(type));
    }

    /** True when every payment matches, so a page can stop reading as soon as it is full. */
    public boolean selectsEverything() {
        return statuses.isEmpty() && operationTypes.isEmpty() && paymentId == null;
    }

    /** The filter as stable text: page cursors are bound to it, so a cursor only continues the query it came from. */
    public String canonical() {
        return "status=" + statuses.stream().map(PaymentStatus::wire).sorted().collect(Collectors.joining(","))
                + ";type="
                + operationTypes.stream().map(OperationType::wire).sorted().collect(Collectors.joining(","))
                + ";payment_id=" + (paymentId == null ? "" : paymentId.length() + ":" + paymentId);
    }

    /** A payment id to look for: at most 255 characters of valid Unicode, as a payment id can only be. */
    public static String paymentId(String text, String field) {
        if (text.length() > MAX_PAYMENT_ID_LENGTH || !UnicodeText.isWellFormed(text)) {
            throw new QueryException(
                    field,
                    field + " must be a string of at most " + MAX_PAYMENT_ID_LENGTH
                            + " characters, all of them valid Unicode");
        }
        return text;
    }

    public static PaymentStatus status(String wire, String field) {
        try {
            return PaymentStatus.fromWire(wire);
        } catch (IllegalArgumentException e) {
            throw new QueryException(
                    field,
                    e.getMessage() + "; one of "
                            + Arrays.stream(PaymentStatus.values())
                                    .map(PaymentStatus::wire)
                                    .collect(Collectors.joining(", ")));
        }
    }

    public static OperationType operationType(String wire, String field) {
        try {
            return OperationType.fromWire(wire);
        } catch (IllegalArgumentException e) {
            throw new QueryException(
                    field,
                    e.getMessage() + "; one of "
                            + Arrays.stream(OperationType.values())
                                    .map(OperationType::wire)
                                    .collect(Collectors.joining(", ")));
        }
    }
}
