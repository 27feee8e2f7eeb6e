package dev.jetonvoucher.memory;

import dev.jetonvoucher.export.ExportQueue;
import java.util.ArrayList;
import java.util.List;

/** {@link ExportQueue} as a list of the submitted job ids, in order. */
public final class InMemoryExportQueue implements ExportQueue {

    private final List<String> submitted = new ArrayList<>();

    @Override
    public synchronized void submit(String jobId) {
        submitted.add(jobId);
    }

    /** The job ids submitted and not taken yet, taken now. */
    public synchronized List<String> take() {
        List<String> taken = List.copyOf(submitted);
        submitted.clear();
        return taken;
    }
}
