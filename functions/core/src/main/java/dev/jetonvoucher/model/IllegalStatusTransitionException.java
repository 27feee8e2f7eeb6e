package dev.jetonvoucher.model;

/** A payment status change the state machine forbids (maps to result code 3060). */
public final class IllegalStatusTransitionException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final PaymentStatus from;
    private final PaymentStatus to;

    public IllegalStatusTransitionException(PaymentStatus from, PaymentStatus to) {
        super("payment status cannot change from " + from.wire() + " to " + to.wire());
        this.from = from;
        this.to = to;
    }

    public PaymentStatus from() {
        return from;
    }

    public PaymentStatus to() {
        return to;
    }
}
