package dev.jetonvoucher.payment;

/** What a payment has done to the merchant balance. */
public enum Funds {
    /** A sale: the balance is credited only when it succeeds. */
    NOT_APPLICABLE,
    /** A payout whose amount is reserved on the balance. */
    RESERVED,
    /** A payout the balance could not cover; it is declined with 3028 and reserves nothing. */
    INSUFFICIENT,
    /** A declined payout whose reservation went back to the balance. */
    RELEASED,
    /** A successful payout: the reservation became paid out. */
    PAID_OUT,
    /** A successful sale: its amount was credited to the balance. */
    CREDITED
}
