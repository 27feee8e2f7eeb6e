package dev.jetonvoucher.provider;

import java.util.Objects;

/**
 * The provider's answer to a cancel.
 *
 * @param result the provider's final result when it had one already (ALREADY_FINAL); null otherwise
 */
public record CancelResult(Kind kind, ProviderResult result) {

    public enum Kind {
        /** The operation is cancelled (or was never received and now never will be): nothing was or will be done. */
        CANCELLED,
        /** Too late: the provider had already finished it, with {@link #result()}. */
        ALREADY_FINAL,
        /** The provider is working on it and cannot stop: its result follows (notification or status). */
        NOT_CANCELLABLE
    }

    public CancelResult {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.ALREADY_FINAL) != (result != null && result.finished())) {
            throw new IllegalArgumentException("a final result goes with ALREADY_FINAL and only with it");
        }
    }

    public static CancelResult cancelled() {
        return new CancelResult(Kind.CANCELLED, null);
    }

    public static CancelResult notCancellable() {
        return new CancelResult(Kind.NOT_CANCELLABLE, null);
    }

    public static CancelResult alreadyFinal(ProviderResult result) {
        return new CancelResult(Kind.ALREADY_FINAL, result);
    }
}
