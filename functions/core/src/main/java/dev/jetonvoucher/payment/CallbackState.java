package dev.jetonvoucher.payment;

/** Where the merchant's result callback of a finished payment stands. */
public enum CallbackState {
    /** The payment is not final yet. */
    NONE,
    /** Final, but the callback is not queued yet (a crash here is repaired by the next message for the payment). */
    PENDING,
    /** Queued for delivery (or being retried). */
    QUEUED,
    /** The merchant answered HTTP 200. */
    DELIVERED,
    /** Every try failed; the callback is in the dead-letter queue. */
    FAILED,
    /** The project has no callback URL: nothing to deliver. */
    NOT_CONFIGURED
}
