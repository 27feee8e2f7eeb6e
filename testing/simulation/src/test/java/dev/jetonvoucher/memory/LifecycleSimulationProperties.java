package dev.jetonvoucher.memory;

import dev.jetonvoucher.logging.Log;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The payment lifecycle under random schedules: sales (valid, spent and unknown vouchers, test and live projects,
 * vouchers issued by earlier payouts), payouts (some over the balance), duplicate requests, provider delays before
 * and after the limit time, provider outages, providers that honour a cancel or not, dropped, duplicated and late
 * notifications, lost acknowledgements, duplicate and out-of-order deliveries, crashes between any two port calls
 * of a handler, and merchants that are up, flapping, slow or down for a while or for ever. After every step the
 * books balance, no final status changes and the aggregates (the dashboard's totals) equal a recount of the payments; at the end every payment is final with one final callback delivered
 * (or dead-lettered when its merchant never answers), no compensation is pending, and in live mode the provider's
 * vouchers agree with the final statuses. A failure names its seed and ends with the schedule's trace; replay it
 * with {@code new LifecycleSimulation(seed).run().checkAtEnd()}.
 *
 * <p>100 schedules by default ({@code src/test/resources/junit-platform.properties}); more with
 * {@code -Djqwik.tries.default=5000}.
 */
class LifecycleSimulationProperties {

    private static final AtomicLong SCHEDULES = new AtomicLong();
    private static final AtomicLong STEPS = new AtomicLong();
    private static final AtomicLong CRASHES = new AtomicLong();
    private static final Map<String, Integer> EVENTS = new ConcurrentSkipListMap<>();
    private static volatile long startedNanos;
    private static final AtomicLong CPU_NANOS = new AtomicLong();

    @Property
    void every_schedule_ends_with_one_final_status_one_callback_balanced_books_exact_aggregates_and_agreeing_vouchers(
            @ForAll long seed) {
        if (startedNanos == 0) {
            startedNanos = System.nanoTime();
        }
        long cpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        LifecycleSimulation simulation = new LifecycleSimulation(seed).run();
        simulation.checkAtEnd();
        CPU_NANOS.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBefore);
        simulation.events().forEach((event, count) -> EVENTS.merge(event, count, Integer::sum));
        SCHEDULES.incrementAndGet();
        STEPS.addAndGet(simulation.steps());
        CRASHES.addAndGet(simulation.crashes());
    }

    /** The handlers' log lines would be most of the run time; the trace says what happened, step by step. */
    @BeforeContainer
    static void quietLogs() {
        Log.configure(new PrintStream(OutputStream.nullOutputStream()), false);
    }

    @AfterContainer
    static void report() {
        Log.configure(System.out, "json".equalsIgnoreCase(System.getenv("LOG_FORMAT")));
        System.out.println("lifecycle simulation: " + SCHEDULES.get() + " schedules, " + STEPS.get() + " steps, "
                + CRASHES.get() + " injected crashes, " + (System.nanoTime() - startedNanos) / 1_000_000 + " ms ("
                + CPU_NANOS.get() / 1_000_000 + " ms of CPU)");
        EVENTS.forEach((event, count) -> System.out.println("  " + event + ": " + count));
    }
}
