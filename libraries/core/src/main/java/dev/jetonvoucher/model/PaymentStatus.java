package dev.jetonvoucher.model;

import java.util.Objects;

/**
 * {@code payment.status} of a Jeton Voucher payment. A payment starts {@code processing} and ends in
 * exactly one final status; once final it never changes, so a late or duplicate provider result
 * cannot overwrite an outcome the merchant was already told about.
 */
public enum PaymentStatus {
    PROCESSING("processing"),
    SUCCESS("success"),
    DECLINE("decline"),
    ERROR("error");

    private final String wire;

    PaymentStatus(String wire) {
        this.wire = wire;
    }

    /** The value as it appears in ECommPay JSON. */
    public String wire() {
        return wire;
    }

    /** {@code success}, {@code decline} and {@code error} are final; {@code processing} is not. */
    public boolean isFinal() {
        return this != PROCESSING;
    }

    /**
     * Only {@code processing → success | decline | error} is a transition. Staying in the same status
     * is not a transition, so {@code processing → processing} is {@code false} too.
     */
    public boolean canTransitionTo(PaymentStatus next) {
        Objects.requireNonNull(next, "next");
        return this == PROCESSING && next.isFinal();
    }

    /**
     * @return {@code next}
     * @throws IllegalStatusTransitionException if {@link #canTransitionTo} is false
     */
    public PaymentStatus transitionTo(PaymentStatus next) {
        if (!canTransitionTo(next)) {
            throw new IllegalStatusTransitionException(this, next);
        }
        return next;
    }

    /**
     * @throws IllegalArgumentException if {@code wire} is not exactly one of the wire values
     */
    public static PaymentStatus fromWire(String wire) {
        for (PaymentStatus status : values()) {
            if (status.wire.equals(wire)) {
                return status;
            }
        }
        throw new IllegalArgumentException(WireValues.unknown("payment status", wire));
    }
}
