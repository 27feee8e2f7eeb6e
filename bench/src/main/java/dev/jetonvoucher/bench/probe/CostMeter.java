package dev.jetonvoucher.bench.probe;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The cost probe's meter file: one tab-separated line per AWS call ({@link MeteringInterceptor}) and per function
 * invocation ({@link CostProbe}), appended and flushed at once, so the orchestrator reads a scenario's lines from the
 * offset it noted before the scenario.
 */
public final class CostMeter {

    private static OutputStream out;

    private CostMeter() {}

    static synchronized void open(String path) {
        try {
            out = new FileOutputStream(path, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized void line(String... fields) {
        if (out == null) {
            return;
        }
        try {
            out.write((String.join("\t", fields) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
