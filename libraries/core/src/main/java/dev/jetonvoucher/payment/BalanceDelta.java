package dev.jetonvoucher.payment;

/**
 * A change of a merchant balance, in minor units of its currency, per part: what a reservation or a finish does
 * to it. The stores apply a delta atomically with the payment change and refuse one that would take a part below
 * zero, so {@code available + reserved + paidOut = opening + credited} holds after every delta: each delta keeps
 * {@code available + reserved + paidOut - credited} unchanged ({@link #conserves}).
 */
public record BalanceDelta(long available, long reserved, long paidOut, long credited) {

    public static final BalanceDelta NONE = new BalanceDelta(0, 0, 0, 0);

    /** A payout accepted: its amount moves from available to reserved. */
    public static BalanceDelta reservation(long amount) {
        return new BalanceDelta(-amount, amount, 0, 0);
    }

    /** A successful payout: reserved → paid out. */
    public static BalanceDelta payOut(long amount) {
        return new BalanceDelta(0, -amount, amount, 0);
    }

    /** A declined payout: reserved → available. */
    public static BalanceDelta release(long amount) {
        return new BalanceDelta(amount, -amount, 0, 0);
    }

    /** A successful sale: available and credited grow. */
    public static BalanceDelta credit(long amount) {
        return new BalanceDelta(amount, 0, 0, amount);
    }

    public boolean isNone() {
        return available == 0 && reserved == 0 && paidOut == 0 && credited == 0;
    }

    /** The books' equation survives it. */
    public boolean conserves() {
        return available + reserved + paidOut - credited == 0;
    }
}
