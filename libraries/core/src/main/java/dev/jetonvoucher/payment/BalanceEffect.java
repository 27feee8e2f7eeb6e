package dev.jetonvoucher.payment;

/**
 * What finishing a payment does to the merchant balance, derived from its funds before and after. The
 * store applies it in the same transaction as the status change, so it happens exactly once.
 */
public enum BalanceEffect {
    NONE,
    /** A successful payout: reserved → paid out. */
    PAY_OUT_RESERVATION,
    /** A declined payout: reserved → available. */
    RELEASE_RESERVATION,
    /** A successful sale: available and credited grow by the amount. */
    CREDIT_SALE;

    public static BalanceEffect between(Funds before, Funds after) {
        if (before == Funds.RESERVED && after == Funds.PAID_OUT) {
            return PAY_OUT_RESERVATION;
        }
        if (before == Funds.RESERVED && after == Funds.RELEASED) {
            return RELEASE_RESERVATION;
        }
        if (before == Funds.NOT_APPLICABLE && after == Funds.CREDITED) {
            return CREDIT_SALE;
        }
        if (before == after) {
            return NONE;
        }
        throw new IllegalStateException("funds cannot move from " + before + " to " + after);
    }

    /** What this effect does to the balance, for a payment of {@code amount} minor units. */
    public BalanceDelta delta(long amount) {
        return switch (this) {
            case NONE -> BalanceDelta.NONE;
            case PAY_OUT_RESERVATION -> BalanceDelta.payOut(amount);
            case RELEASE_RESERVATION -> BalanceDelta.release(amount);
            case CREDIT_SALE -> BalanceDelta.credit(amount);
        };
    }

    /** The funds a payment ends with when it finishes with {@code success}. */
    public static Funds fundsAfter(Funds before, boolean success) {
        return switch (before) {
            case NOT_APPLICABLE -> success ? Funds.CREDITED : Funds.NOT_APPLICABLE;
            case RESERVED -> success ? Funds.PAID_OUT : Funds.RELEASED;
            case INSUFFICIENT -> {
                if (success) {
                    throw new IllegalStateException("a payout without funds cannot succeed");
                }
                yield Funds.INSUFFICIENT;
            }
            default -> throw new IllegalStateException("funds " + before + " belong to a finished payment");
        };
    }
}
