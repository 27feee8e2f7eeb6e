package dev.jetonvoucher.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jetonvoucher.session.AttemptCounters;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link AttemptCounters} must do: count from zero, per name, without losing concurrent additions. */
public abstract class AttemptCountersContract {

    private static final Instant EXPIRES = Instant.parse("2026-03-01T10:15:00Z");

    /** The counters under test. Tests use fresh names, so one instance may serve a whole class. */
    protected abstract AttemptCounters counters();

    private static String newCounter() {
        return "test#" + UUID.randomUUID();
    }

    @Test
    void counts_from_zero_and_gives_back() {
        String counter = newCounter();

        assertEquals(1, counters().add(counter, 1, EXPIRES));
        assertEquals(2, counters().add(counter, 1, EXPIRES));
        assertEquals(1, counters().add(counter, -1, EXPIRES));
        assertEquals(1, counters().add(counter, 0, EXPIRES), "adding nothing reads the counter");
    }

    @Test
    void keeps_each_counter_apart() {
        String first = newCounter();
        String second = newCounter();

        counters().add(first, 1, EXPIRES);
        counters().add(first, 1, EXPIRES);

        assertEquals(1, counters().add(second, 1, EXPIRES));
        assertEquals(3, counters().add(first, 1, EXPIRES));
    }

    @Test
    void concurrent_additions_are_all_counted() {
        String counter = newCounter();

        List<Long> results = Concurrently.run(10, i -> counters().add(counter, 1, EXPIRES));

        assertEquals(
                List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L),
                results.stream().sorted().toList(),
                "each addition saw a value of its own");
        assertEquals(10, counters().add(counter, 0, EXPIRES));
    }
}
