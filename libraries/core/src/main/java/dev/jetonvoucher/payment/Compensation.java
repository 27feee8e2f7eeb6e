package dev.jetonvoucher.payment;

import dev.jetonvoucher.model.IllegalStatusTransitionException;
import dev.jetonvoucher.model.PaymentType;
import java.time.Instant;
import java.util.Objects;

/**
 * Undoing at the provider what a declined payment must not have done. A payment declined while the provider may
 * still finish it (the limit time passed and the provider could not confirm a cancel) or whose provider success
 * arrived after the decline gets a compensation: the platform has the provider cancel the operation, or, if the
 * provider had already finished it successfully, reverse it (a sale's voucher redemption undone, a payout's issued
 * vouchers voided). The merchant's one final callback stays the decline; the compensation is recorded on the
 * payment, tried on {@code CompensationSchedule}, and dead-lettered if it cannot complete.
 *
 * @param reason why the payment needed it (e.g. "provider success after decline 20602")
 * @param closedAt when it completed or failed; null while pending
 * @param outcome what the provider confirmed (or why it failed); null while pending
 * @param attempts tries recorded so far
 */
public record Compensation(
        Action action, State state, String reason, Instant openedAt, Instant closedAt, String outcome, int attempts) {

    public Compensation {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(openedAt, "openedAt");
    }

    /** What is undone. */
    public enum Action {
        /** A sale: the customer's voucher is made spendable again (same number and code). */
        REVERSE_REDEMPTION("reverse_redemption"),
        /** A payout: the vouchers the provider issued are voided (unredeemable). */
        VOID_VOUCHERS("void_vouchers");

        private final String wire;

        Action(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Action of(PaymentType type) {
            return type == PaymentType.PAYOUT ? VOID_VOUCHERS : REVERSE_REDEMPTION;
        }
    }

    /** PENDING → COMPLETED (the provider confirmed) or FAILED (the schedule ran out, or it cannot be undone). */
    public enum State {
        PENDING,
        COMPLETED,
        FAILED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public boolean canMoveTo(State next) {
            return this == PENDING && next != PENDING;
        }

        public State moveTo(State next) {
            if (!canMoveTo(next)) {
                throw new IllegalStatusTransitionException("compensation", wire(), next.wire());
            }
            return next;
        }
    }

    public static Compensation open(PaymentType type, String reason, Instant at) {
        return new Compensation(Action.of(type), State.PENDING, reason, at, null, null, 0);
    }

    public boolean pending() {
        return state == State.PENDING;
    }

    /** One try: when, and what the provider said (or why it could not be asked). */
    public record Attempt(int number, Instant at, String outcome) {}
}
