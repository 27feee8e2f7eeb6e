package dev.jetonvoucher.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** A schedule replays step for step from its seed; one can be replayed with its whole trace. */
class LifecycleSimulationReplayTest {

    @Test
    void a_seed_replays_the_same_schedule_step_for_step() {
        LifecycleSimulation first = new LifecycleSimulation(2L).run();
        LifecycleSimulation again = new LifecycleSimulation(2L).run();

        assertTrue(first.steps() > 100, () -> "a schedule of " + first.steps() + " steps");
        assertEquals(first.trace(), again.trace());
    }

    /** {@code -Dsimulation.seed=<seed> -Dtest=LifecycleSimulationReplayTest} prints the schedule's whole trace. */
    @Test
    @EnabledIfSystemProperty(named = "simulation.seed", matches = "-?[0-9]+")
    void replays_the_schedule_of_the_given_seed() {
        LifecycleSimulation simulation = new LifecycleSimulation(Long.parseLong(System.getProperty("simulation.seed")));
        try {
            simulation.run().checkAtEnd();
        } finally {
            simulation.trace().forEach(System.out::println);
        }
    }
}
