package dev.jetonvoucher.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class IdsTest {

    /** Each test its own millisecond: the uniqueness state is JVM-wide. */
    private static Clock frozenAt(long epochMillis) {
        return Clock.fixed(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    @Test
    void a_thousand_operation_ids_drawn_concurrently_in_one_millisecond_by_two_acceptances_are_distinct()
            throws Exception {
        long millisecond = 1_795_867_200_001L;
        // Two Ids, as the sandbox's sale and payout functions each have one, four threads each.
        List<Ids> acceptances = List.of(new Ids(frozenAt(millisecond)), new Ids(frozenAt(millisecond)));
        Set<Long> drawn = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> draws = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                Ids ids = acceptances.get(thread % 2);
                draws.add(() -> {
                    for (int i = 0; i < 125; i++) {
                        drawn.add(ids.newOperationId());
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(draws)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1000, drawn.size(), "duplicates among 1000 ids of one millisecond");
        assertTrue(drawn.stream().allMatch(id -> id / 1000 == millisecond), "every id starts with its millisecond");
        assertThrows(
                IllegalStateException.class,
                () -> acceptances.get(0).newOperationId(),
                "a 1001st id in the same millisecond cannot be unique");
    }

    @Test
    void operation_ids_rise_with_time_and_stay_below_two_to_the_53() {
        Ids earlier = new Ids(frozenAt(1_795_867_200_100L));
        Ids later = new Ids(frozenAt(1_795_867_200_101L));
        long first = earlier.newOperationId();
        long second = later.newOperationId();
        assertTrue(second > first);
        assertTrue(second < (1L << 53), "JavaScript reads the id exactly");
        assertEquals(16, Long.toString(second).length());
    }

    @Test
    void request_ids_are_48_hex_characters_and_do_not_repeat() {
        Ids ids = new Ids(Clock.systemUTC());
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = ids.newRequestId();
            assertTrue(id.matches("[0-9a-f]{48}"), id);
            assertTrue(seen.add(id));
        }
    }
}
