package dev.jetonvoucher.bench.probe;

import java.util.Arrays;

/** Latencies of one kind of call, in nanoseconds, summarized as nearest-rank percentiles. */
public final class LatencySeries {

    private final long[] nanos;
    private int size;

    public LatencySeries(int capacity) {
        this.nanos = new long[capacity];
    }

    public void add(long elapsedNanos) {
        nanos[size++] = elapsedNanos;
    }

    /** The p-th percentile (0 < p <= 100) in milliseconds, nearest rank. */
    public double percentileMillis(double p) {
        if (size == 0) {
            throw new IllegalStateException("no samples");
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size, rank) - 1)] / 1_000_000.0;
    }

    public int size() {
        return size;
    }
}
