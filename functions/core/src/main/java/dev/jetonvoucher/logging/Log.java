package dev.jetonvoucher.logging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;

/**
 * One line per event: JSON when deployed ({@code LOG_FORMAT=json}, what CloudWatch Logs Insights reads), a
 * readable {@code key=value} line in a terminal. Callers pass only safe values: voucher numbers masked,
 * never a security code or a secret.
 */
public final class Log {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile boolean json = "json".equalsIgnoreCase(System.getenv("LOG_FORMAT"));
    private static volatile PrintStream out = System.out;

    private Log() {
    }

    public static void info(String event, Object... keyValues) {
        write("INFO", event, keyValues);
    }

    public static void warn(String event, Object... keyValues) {
        write("WARN", event, keyValues);
    }

    public static void error(String event, Throwable error, Object... keyValues) {
        Object[] withError = new Object[keyValues.length + 2];
        System.arraycopy(keyValues, 0, withError, 0, keyValues.length);
        withError[keyValues.length] = "error";
        withError[keyValues.length + 1] = error.getClass().getName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        write("ERROR", event, withError);
    }

    /** For tests and the sandbox: where lines go, and in which form. */
    public static void configure(PrintStream stream, boolean asJson) {
        out = stream;
        json = asJson;
    }

    private static void write(String level, String event, Object... keyValues) {
        String line;
        if (json) {
            ObjectNode node = JSON.createObjectNode();
            node.put("time", Instant.now().toString());
            node.put("level", level);
            node.put("event", event);
            for (int i = 0; i + 1 < keyValues.length; i += 2) {
                node.put(String.valueOf(keyValues[i]), String.valueOf(keyValues[i + 1]));
            }
            line = node.toString();
        } else {
            StringBuilder text = new StringBuilder(level).append(' ').append(event);
            for (int i = 0; i + 1 < keyValues.length; i += 2) {
                text.append(' ').append(keyValues[i]).append('=').append(keyValues[i + 1]);
            }
            line = text.toString();
        }
        out.println(line);
    }
}
