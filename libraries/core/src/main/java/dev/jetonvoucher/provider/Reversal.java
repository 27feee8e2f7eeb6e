package dev.jetonvoucher.provider;

/** The provider's answer to a reversal (a compensation of an operation it finished successfully). */
public enum Reversal {
    /** Undone (now or by an earlier reversal): a sale's voucher is spendable again, a payout's vouchers are void. */
    REVERSED,
    /** The operation did nothing to undo: unknown, cancelled or declined. */
    NOTHING_TO_REVERSE,
    /** It cannot be undone any more (a payout voucher was redeemed meanwhile): an operator must step in. */
    NOT_REVERSIBLE
}
