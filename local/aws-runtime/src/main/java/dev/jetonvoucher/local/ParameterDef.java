package dev.jetonvoucher.local;

import java.util.List;
import java.util.Optional;

/**
 * A template parameter; {@code defaultValue} is its Default rendered as a string, if it has one;
 * {@code allowedValues} its AllowedValues rendered as strings, empty when any value is allowed.
 */
public record ParameterDef(String name, String type, Optional<String> defaultValue, List<String> allowedValues) {

    public ParameterDef {
        allowedValues = List.copyOf(allowedValues);
    }
}
