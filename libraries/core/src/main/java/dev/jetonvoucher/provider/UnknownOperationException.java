package dev.jetonvoucher.provider;

/**
 * The provider has no record of the operation: it was never handed over (or not yet). Such an operation moved no
 * money at the provider, so nothing it is said to have done can be confirmed.
 */
public final class UnknownOperationException extends IllegalArgumentException {

    public UnknownOperationException(long operationId) {
        super("the provider has no operation " + operationId);
    }

    public UnknownOperationException(String providerMessage) {
        super(providerMessage);
    }
}
