package dev.jetonvoucher.memory;

import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The payment lifecycle under random schedules: sales (valid, spent and unknown vouchers, test and live projects,
 * vouchers issued by earlier payouts), payouts (some over the balance), duplicate requests, provider delays before
 * and after the limit time, provider outages, providers that honour a cancel or not, dropped, duplicated and late
 * notifications, lost acknowledgements, duplicate and out-of-order deliveries, crashes between any two port calls
 * of a handler, and merchants that are up, flapping, slow or down for a while or for ever. After every step the
 * books balance and no final status changes; at the end every payment is final with one final callback delivered
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

    @Property
    void every_schedule_ends_with_one_final_status_one_callback_balanced_books_and_agreeing_vouchers(
            @ForAll long seed) {
        LifecycleSimulation simulation = new LifecycleSimulation(seed).run();
        simulation.checkAtEnd();
        SCHEDULES.incrementAndGet();
        STEPS.addAndGet(simulation.steps());
        CRASHES.addAndGet(simulation.crashes());
    }

    @AfterContainer
    static void report() {
        System.out.println("lifecycle simulation: " + SCHEDULES.get() + " schedules, " + STEPS.get() + " steps, "
                + CRASHES.get() + " injected crashes");
    }
}
