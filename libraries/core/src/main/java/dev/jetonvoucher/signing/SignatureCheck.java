package dev.jetonvoucher.signing;

import java.util.Objects;

/**
 * The result of verifying a signature.
 *
 * @param outcome      whether a signature was present and matched
 * @param matchedOrder the sort order whose signature matched; {@code null} unless {@code VALID}
 */
public record SignatureCheck(Outcome outcome, SignOrder matchedOrder) {

    public enum Outcome {
        VALID,
        INVALID,
        MISSING
    }

    public SignatureCheck {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.VALID) != (matchedOrder != null)) {
            throw new IllegalArgumentException("matchedOrder must be set exactly when the outcome is VALID");
        }
    }

    public static SignatureCheck matched(SignOrder order) {
        return new SignatureCheck(Outcome.VALID, Objects.requireNonNull(order, "order"));
    }

    public static SignatureCheck invalid() {
        return new SignatureCheck(Outcome.INVALID, null);
    }

    public static SignatureCheck missing() {
        return new SignatureCheck(Outcome.MISSING, null);
    }

    public boolean valid() {
        return outcome == Outcome.VALID;
    }
}
