package dev.jetonvoucher.model;

/**
 * A change the lifecycle's transition tables forbid: of a payment status (maps to result code 3060), a callback
 * state or a compensation state.
 */
public final class IllegalStatusTransitionException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String from;
    private final String to;

    public IllegalStatusTransitionException(PaymentStatus from, PaymentStatus to) {
        super("payment status cannot change from " + from.wire() + " to " + to.wire());
        this.from = from.wire();
        this.to = to.wire();
    }

    /** @param what which lifecycle ("callback", "compensation") */
    public IllegalStatusTransitionException(String what, String from, String to) {
        super(what + " state cannot change from " + from + " to " + to);
        this.from = from;
        this.to = to;
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }
}
