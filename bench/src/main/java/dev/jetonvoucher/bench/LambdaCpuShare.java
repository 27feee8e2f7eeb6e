package dev.jetonvoucher.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a child process at the CPU share Lambda gives a function of a MemorySize, in a cgroup of its own whose CFS
 * quota is MemorySize / 1,769 of one CPU per period. AWS: "At 1,769 MB, a function has the equivalent of one vCPU (one
 * vCPU-second of credits per second)" (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html), and
 * below it CPU in proportion to memory. The JVM is started as Lambda's Java runtime starts it at that size (see
 * {@link #jvmOptions(int)}).
 *
 * <p>cgroup v1 ({@code /sys/fs/cgroup/cpu}, {@code cpu.cfs_quota_us}) and v2 ({@code cpu.max}) are tried. Where
 * neither can be created (no permission, as in CI, or not Linux), {@link #open()} says why and the caller skips its
 * capped runs. Each run gets a fresh cgroup, removed when the run has ended; a shutdown hook removes any left.
 */
final class LambdaCpuShare {

    /** Lambda's one vCPU, in MB of MemorySize. */
    static final int ONE_VCPU_MB = CostBenchmark.ONE_VCPU_MB;

    static final long PERIOD_US = 100_000;

    private static final Path V1 = Path.of("/sys/fs/cgroup/cpu");
    private static final Path V2 = Path.of("/sys/fs/cgroup");
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(LambdaCpuShare::remove)));
    }

    /** Where cgroups are made, or why none can be. */
    record Availability(LambdaCpuShare share, String reason) {

        boolean available() {
            return share != null;
        }
    }

    private final Path parent;
    private final boolean v2;
    private int sequence;

    private LambdaCpuShare(Path parent, boolean v2) {
        this.parent = parent;
        this.v2 = v2;
    }

    /** Tries to create (and removes) one capped cgroup: available only if that worked. */
    static Availability open() {
        return open(V1, V2);
    }

    /** {@link #open()} with the two hierarchies' roots given (tests). */
    static Availability open(Path v1Root, Path v2Root) {
        List<String> failures = new ArrayList<>();
        for (boolean v2 : new boolean[] {false, true}) {
            Path parent = v2 ? v2Root : v1Root;
            String quotaFile = v2 ? "cpu.max" : "cpu.cfs_quota_us";
            if (!Files.isRegularFile(parent.resolve(v2 ? "cgroup.controllers" : "cpu.cfs_quota_us"))) {
                failures.add(parent + ": no cgroup " + (v2 ? "v2" : "v1 cpu controller"));
                continue;
            }
            LambdaCpuShare share = new LambdaCpuShare(parent, v2);
            try {
                Path trial = share.create(1024);
                remove(trial);
                return new Availability(share, null);
            } catch (IOException | RuntimeException e) {
                failures.add(parent + ": cannot create a cgroup with " + quotaFile + " (" + e.getMessage() + ")");
            }
        }
        return new Availability(null, String.join("; ", failures));
    }

    /** The CFS quota of one period for a MemorySize: MB / 1,769 of one CPU. */
    static long quotaMicros(int memoryMb) {
        return Math.max(1_000, Math.round((double) memoryMb / ONE_VCPU_MB * PERIOD_US));
    }

    /**
     * What Lambda's Java runtime gives the JVM at this MemorySize, as far as it is public.
     *
     * <ul>
     *   <li>{@code -XX:ActiveProcessorCount=2}: a function sees two processors from 128 to 3,008 MB (measured:
     *       https://github.com/rwnx/lambda-cpuinfo; {@code availableProcessors()} is 2 at 1,536 MB:
     *       https://stackoverflow.com/questions/34135359), though its CPU time is capped at MB / 1,769. Without the
     *       option the JVM here would read the cgroup quota and count one.
     *   <li>{@code -XX:MaxHeapSize} 85 % of MemorySize and {@code -XX:+UseSerialGC}: the runtime's launch line seen in
     *       a 512 MB function ({@code -XX:MaxHeapSize=445645k ... -XX:+UseSerialGC}; the process list is public in
     *       several write-ups of the Java runtime's internals). Its metaspace and code-cache caps (10 % and 5 %) are
     *       left out: they never bind at these sizes, and a cap that did would fail the run, not slow it.
     * </ul>
     */
    static List<String> jvmOptions(int memoryMb) {
        return List.of(
                "-XX:ActiveProcessorCount=" + (memoryMb <= 3008 ? 2 : (memoryMb + ONE_VCPU_MB - 1) / ONE_VCPU_MB),
                "-XX:MaxHeapSize=" + Math.round(memoryMb * 1024 * 0.85) + "k",
                "-XX:+UseSerialGC");
    }

    /** A new cgroup capped for the MemorySize; the caller {@link #remove}s it after its process has ended. */
    Path create(int memoryMb) throws IOException {
        Path group;
        synchronized (this) {
            group = parent.resolve("jeton-bench-" + ProcessHandle.current().pid() + "-" + memoryMb + "-" + ++sequence);
        }
        Files.createDirectory(group);
        LIVE.add(group);
        try {
            long quota = quotaMicros(memoryMb);
            if (v2) {
                Files.writeString(group.resolve("cpu.max"), quota + " " + PERIOD_US, StandardCharsets.US_ASCII);
            } else {
                Files.writeString(
                        group.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_US), StandardCharsets.US_ASCII);
                Files.writeString(group.resolve("cpu.cfs_quota_us"), Long.toString(quota), StandardCharsets.US_ASCII);
            }
            return group;
        } catch (IOException | RuntimeException e) {
            remove(group);
            throw e;
        }
    }

    /**
     * The launcher that puts the process into the cgroup before it becomes {@code java}: a shell writes its own pid
     * to {@code cgroup.procs} and then execs the command, so the JVM starts, and every thread it makes runs, capped.
     */
    static List<String> launcher(Path group) {
        return List.of(
                "/bin/sh",
                "-c",
                "echo $$ > \"$0\" && exec \"$@\"",
                group.resolve("cgroup.procs").toString());
    }

    /** Removes a cgroup whose processes have ended (rmdir; the kernel's control files go with it). */
    static void remove(Path group) {
        try {
            Files.deleteIfExists(group);
        } catch (IOException e) {
            System.err.println("bench: could not remove the cgroup " + group + ": " + e.getMessage());
        }
        LIVE.remove(group);
    }

    /** For the report: the share and the quota of a size. */
    static String describe(int memoryMb) {
        return String.format(
                java.util.Locale.ROOT,
                "%d MB: %.2f CPU (%d µs of each %d µs)",
                memoryMb,
                (double) memoryMb / ONE_VCPU_MB,
                quotaMicros(memoryMb),
                PERIOD_US);
    }
}
