package dev.jetonvoucher.provider;

/**
 * The Jeton Voucher service as the platform sees it. The built-in sandbox provider implements it; a client
 * of the real service would too, chosen by configuration. Results arrive later, by notification or by
 * {@link #status}.
 */
public interface JetonProvider {

    /**
     * Hands a payment to the provider. Idempotent per operation id: submitting the same operation again
     * returns the same provider reference and changes nothing.
     *
     * @return the provider's reference for the payment
     * @throws ProviderUnavailableException when the provider cannot be reached; the caller retries
     */
    String submit(ProviderRequest request);

    /**
     * The provider's view of an operation it was given; PROCESSING while it has no result.
     *
     * @throws UnknownOperationException when the provider was never given the operation
     */
    ProviderResult status(long operationId);

    /**
     * Asks the provider to stop an operation, before the platform declines it at the limit time. Idempotent; an
     * operation it never received is refused for good (a submit that arrives later does nothing). A cancelled
     * operation never redeems or issues a voucher.
     *
     * @throws ProviderUnavailableException when the provider cannot be reached; the caller retries or compensates
     */
    CancelResult cancel(long operationId);

    /**
     * Undoes an operation the provider finished successfully after the platform had declined it: a sale's redemption
     * is reversed (the voucher spendable again, same number and code), a payout's issued vouchers are voided.
     * Idempotent: reversing twice answers REVERSED twice.
     *
     * @throws ProviderUnavailableException when the provider cannot be reached; the caller retries
     */
    Reversal reverse(long operationId);
}
