package dev.jetonvoucher.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallbackScheduleTest {

    @Test
    void the_first_six_tries_are_ten_seconds_apart() {
        assertEquals(Duration.ZERO, CallbackSchedule.pauseBefore(1));
        for (int attempt = 2; attempt <= 6; attempt++) {
            assertEquals(Duration.ofSeconds(10), CallbackSchedule.pauseBefore(attempt));
        }
    }

    @Test
    void then_pauses_grow_and_level_off_at_four_hours() {
        Duration previous = CallbackSchedule.pauseBefore(7);
        assertEquals(Duration.ofSeconds(Math.round(70 + 10 * Math.pow(1.12, 3))), previous);
        for (int attempt = 8; attempt <= CallbackSchedule.MAX_ATTEMPTS; attempt++) {
            Duration pause = CallbackSchedule.pauseBefore(attempt);
            assertTrue(pause.compareTo(previous) >= 0, "never shorter than the one before");
            assertTrue(pause.compareTo(Duration.ofHours(4)) <= 0, "at most 4 hours");
            previous = pause;
        }
        assertEquals(Duration.ofHours(4), CallbackSchedule.pauseBefore(CallbackSchedule.MAX_ATTEMPTS));
    }

    @Test
    void at_most_120_tries_all_within_11_days() {
        Instant first = Instant.parse("2026-01-01T00:00:00Z");
        Instant now = first;
        int tries = 1;
        while (true) {
            Optional<Instant> next = CallbackSchedule.nextAttemptAt(tries + 1, first, now);
            if (next.isEmpty()) {
                break;
            }
            now = next.get();
            tries++;
        }
        assertTrue(tries <= CallbackSchedule.MAX_ATTEMPTS, "tries: " + tries);
        assertTrue(Duration.between(first, now).compareTo(Duration.ofDays(11)) <= 0);
        assertTrue(tries >= 100, "the schedule uses most of its tries before the window closes: " + tries);
    }
}
