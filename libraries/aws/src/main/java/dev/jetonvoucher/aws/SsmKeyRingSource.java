package dev.jetonvoucher.aws;

import dev.jetonvoucher.keys.KeyRing;
import dev.jetonvoucher.keys.KeyRingSource;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A platform key ring kept in SSM Parameter Store as two SecureString parameters: {@code NAME} holds the current key
 * and {@code NAME-previous}, only during a rotation, the key it replaced (docs/deploy.md, "Rotate the keys"). Both
 * are read with one {@code GetParameters} call; the function's role may read exactly these two names.
 */
public final class SsmKeyRingSource implements KeyRingSource {

    /** Appended to a key's parameter name for the key it replaced. */
    public static final String PREVIOUS_SUFFIX = "-previous";

    private final Supplier<SsmParameters> ssm;
    private final Supplier<String> parameterName;

    /**
     * @param ssm the parameter reader, built when the ring is first read
     * @param parameterName the current key's parameter (from the function's environment), looked up when first read
     */
    public SsmKeyRingSource(Supplier<SsmParameters> ssm, Supplier<String> parameterName) {
        this.ssm = ssm;
        this.parameterName = parameterName;
    }

    @Override
    public KeyRing load() {
        String current = parameterName.get();
        String previous = current + PREVIOUS_SUFFIX;
        Map<String, String> values = ssm.get().secureStrings(List.of(current, previous));
        String currentKey = values.get(current);
        if (currentKey == null || currentKey.isBlank()) {
            throw new IllegalStateException("the SSM parameter " + current + " does not exist: write the key there"
                    + " (aws ssm put-parameter --type SecureString, docs/deploy.md)");
        }
        return KeyRing.of(currentKey, values.get(previous));
    }
}
