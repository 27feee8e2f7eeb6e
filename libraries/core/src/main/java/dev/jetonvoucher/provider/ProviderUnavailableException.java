package dev.jetonvoucher.provider;

/** The provider could not be reached or did not answer; the request may be retried. */
public class ProviderUnavailableException extends RuntimeException {

    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
