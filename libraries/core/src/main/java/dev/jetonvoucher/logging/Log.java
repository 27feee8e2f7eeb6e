package dev.jetonvoucher.logging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.json.Json;
import java.io.PrintStream;
import java.time.Instant;

/**
 * One line per event: JSON when deployed ({@code LOG_FORMAT=json}, what CloudWatch Logs Insights reads), a
 * readable {@code key=value} line in a terminal. Callers pass only safe values: voucher numbers masked,
 * never a security code or a secret.
 *
 * <p>A JSON line written during an invocation ({@link #invocation}) also carries {@code function},
 * {@code aws_request_id} (Lambda's request id; {@code request_id} is the Gate's, which some events log) and
 * {@code cold_start} (the container's first invocation; with SnapStart, the first after a restore), so one
 * invocation's lines are found with {@code filter aws_request_id = "…"} and cold starts counted with
 * {@code stats count(*) by cold_start}. A line outside an invocation (initialization, SnapStart priming) carries the
 * function's name alone, from Lambda's {@code AWS_LAMBDA_FUNCTION_NAME}. The terminal form leaves them out: the
 * sandbox prints a line per request itself.
 */
public final class Log {

    /** Set by Lambda in every container; absent in the sandbox and in tests. */
    private static final String CONTAINER_FUNCTION = System.getenv("AWS_LAMBDA_FUNCTION_NAME");
    /** One invocation runs on one thread, from the adapter's begin to its end; the sandbox runs many side by side. */
    private static final ThreadLocal<Invocation> CURRENT = new ThreadLocal<>();

    private static final Scope SCOPE = CURRENT::remove;
    private static volatile boolean json = "json".equalsIgnoreCase(System.getenv("LOG_FORMAT"));
    private static volatile PrintStream out = System.out;

    private Log() {}

    /** The invocation a line belongs to; {@code requestId} and {@code functionName} may be null (no Lambda context). */
    public record Invocation(String requestId, String functionName, boolean coldStart) {}

    /** Ends an invocation's fields on this thread; closing never throws. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Lines this thread writes until the returned scope is closed carry the invocation's fields:
     * {@code try (Log.Scope ignored = Log.invocation(requestId, functionName, coldStart)) { ... }}.
     */
    public static Scope invocation(String requestId, String functionName, boolean coldStart) {
        CURRENT.set(new Invocation(requestId, functionName, coldStart));
        return SCOPE;
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
        withError[keyValues.length + 1] =
                error.getClass().getName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
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
            ObjectNode node = Json.object();
            node.put("time", Instant.now().toString());
            node.put("level", level);
            node.put("event", event);
            Invocation invocation = CURRENT.get();
            if (invocation == null) {
                if (CONTAINER_FUNCTION != null) {
                    node.put("function", CONTAINER_FUNCTION);
                }
            } else {
                if (invocation.functionName() != null) {
                    node.put("function", invocation.functionName());
                }
                if (invocation.requestId() != null) {
                    node.put("aws_request_id", invocation.requestId());
                }
                node.put("cold_start", invocation.coldStart());
            }
            for (int i = 0; i + 1 < keyValues.length; i += 2) {
                node.put(String.valueOf(keyValues[i]), String.valueOf(keyValues[i + 1]));
            }
            line = Json.write(node);
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
