package dev.jetonvoucher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuWindowTest {

    @Test
    void the_machine_is_busy_for_user_nice_system_irq_softirq_and_steal_time_not_idle_or_iowait() {
        // cpu user nice system idle iowait irq softirq steal guest guest_nice
        assertEquals(100 + 20 + 30 + 5 + 6 + 7, CpuWindow.busyTicks("cpu  100 20 30 1000 50 5 6 7 8 9"));
        assertEquals(100 + 20 + 30, CpuWindow.busyTicks("cpu 100 20 30 1000"));
    }

    @Test
    void a_window_counts_the_cpu_a_process_used_in_it() {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Map<String, ProcessHandle> processes = Map.of("self", ProcessHandle.current());
        CpuWindow.Snapshot start = CpuWindow.take(processes);
        long spinUntil = os.getProcessCpuTime() + 50_000_000L;
        long work = 0;
        while (os.getProcessCpuTime() < spinUntil) {
            work += Long.numberOfTrailingZeros(work + System.nanoTime());
        }
        CpuWindow.Used used = CpuWindow.between(start, CpuWindow.take(processes));

        assertTrue(work >= 0);
        assertTrue(used.thisJvmNanos() >= 50_000_000L, "this JVM's CPU: " + used.thisJvmNanos());
        // /proc counts in 10 ms ticks
        assertTrue(used.processNanos().get("self") >= 40_000_000L, "the process's CPU: " + used.processNanos());
        assertTrue(used.seconds() > 0);
        if (used.machineNanos().isPresent()) {
            assertTrue(used.machineNanos().getAsLong() >= 40_000_000L, "the machine's busy time: " + used);
        }
    }
}
