package dev.jetonvoucher.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * CPU time spent during a window of a benchmark: by named processes (each with its descendants), by this JVM, and by
 * the whole machine (Linux {@code /proc/stat}: every CPU's busy time, whoever used it). What a throughput costs in CPU
 * says whether a throughput target fits on the machine at all, which a rate alone cannot.
 */
final class CpuWindow {

    /** {@code /proc/stat} counts in USER_HZ ticks, 100 a second on Linux whatever the kernel's own HZ. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private static final Path PROC_STAT = Path.of("/proc/stat");

    /** The CPU counters at one moment; {@code machineBusyNanos} is empty where {@code /proc/stat} cannot be read. */
    record Snapshot(long nanoTime, OptionalLong machineBusyNanos, long thisJvmNanos, Map<String, Long> processNanos) {}

    /** CPU time used between two snapshots, in nanoseconds. */
    record Used(double seconds, OptionalLong machineNanos, long thisJvmNanos, Map<String, Long> processNanos) {}

    private CpuWindow() {}

    static Snapshot take(Map<String, ProcessHandle> processes) {
        Map<String, Long> byName = new LinkedHashMap<>();
        processes.forEach((name, process) -> byName.put(name, withDescendants(process)));
        return new Snapshot(System.nanoTime(), machineBusy(), thisJvm(), byName);
    }

    static Used between(Snapshot start, Snapshot end) {
        Map<String, Long> byName = new LinkedHashMap<>();
        start.processNanos()
                .forEach((name, before) -> byName.put(name, end.processNanos().get(name) - before));
        OptionalLong machine =
                start.machineBusyNanos().isPresent() && end.machineBusyNanos().isPresent()
                        ? OptionalLong.of(end.machineBusyNanos().getAsLong()
                                - start.machineBusyNanos().getAsLong())
                        : OptionalLong.empty();
        return new Used(
                (end.nanoTime() - start.nanoTime()) / 1e9, machine, end.thisJvmNanos() - start.thisJvmNanos(), byName);
    }

    /** A process's CPU time with that of its live descendants (moto serves from the process it was started as). */
    private static long withDescendants(ProcessHandle process) {
        long total = cpuNanos(process);
        for (ProcessHandle child : process.descendants().toList()) {
            total += cpuNanos(child);
        }
        return total;
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static long thisJvm() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0L;
    }

    /** user + nice + system + irq + softirq + steal of the aggregate "cpu" line; idle and iowait are not busy. */
    static OptionalLong machineBusy() {
        try {
            for (String line : Files.readAllLines(PROC_STAT)) {
                if (line.startsWith("cpu ")) {
                    return OptionalLong.of(busyTicks(line) * NANOS_PER_TICK);
                }
            }
            return OptionalLong.empty();
        } catch (IOException | RuntimeException unreadable) {
            return OptionalLong.empty();
        }
    }

    static long busyTicks(String aggregateCpuLine) {
        String[] fields = aggregateCpuLine.trim().split("\\s+");
        long busy = 0;
        // fields: cpu user nice system idle iowait irq softirq steal [guest guest_nice: already inside user and nice]
        int[] busyFields = {1, 2, 3, 6, 7, 8};
        for (int field : busyFields) {
            if (field < fields.length) {
                busy += Long.parseLong(fields[field]);
            }
        }
        return busy;
    }
}
