package dev.jetonvoucher.local;

import java.util.Optional;

/** A template parameter; {@code defaultValue} is its Default rendered as a string, if it has one. */
public record ParameterDef(String name, String type, Optional<String> defaultValue) {
}
