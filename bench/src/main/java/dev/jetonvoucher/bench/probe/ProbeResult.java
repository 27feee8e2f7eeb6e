package dev.jetonvoucher.bench.probe;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one line a probe prints for the orchestrator: {@code BENCH-RESULT {json}}. Built by hand (numbers and
 * escaped strings only) so that printing a result loads no JSON library into the JVM being measured.
 */
public final class ProbeResult {

    public static final String PREFIX = "BENCH-RESULT ";

    private final Map<String, String> fields = new LinkedHashMap<>();

    public ProbeResult number(String name, double value) {
        fields.put(name, String.format(Locale.ROOT, "%.3f", value));
        return this;
    }

    public ProbeResult number(String name, long value) {
        fields.put(name, Long.toString(value));
        return this;
    }

    public ProbeResult text(String name, String value) {
        fields.put(name, value == null ? "null" : quote(value));
        return this;
    }

    /** Prints the line and flushes: the orchestrator stops its clock when it reads it. */
    public void print() {
        StringBuilder line = new StringBuilder(PREFIX).append('{');
        fields.forEach((name, value) -> {
            if (line.charAt(line.length() - 1) != '{') {
                line.append(',');
            }
            line.append(quote(name)).append(':').append(value);
        });
        System.out.println(line.append('}'));
        System.out.flush();
    }

    public static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000.0;
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
