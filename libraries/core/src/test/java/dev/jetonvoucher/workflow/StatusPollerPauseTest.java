package dev.jetonvoucher.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatusPollerPauseTest {

    @Test
    void polls_start_5_seconds_apart_and_grow_by_half_up_to_five_minutes() {
        Duration base = Duration.ofSeconds(10);
        assertEquals(Duration.ofSeconds(5), StatusPoller.pauseAfter(1, base));
        assertEquals(Duration.ofSeconds(7), StatusPoller.pauseAfter(2, base));
        assertEquals(Duration.ofSeconds(11), StatusPoller.pauseAfter(3, base));
        assertEquals(Duration.ofMinutes(5), StatusPoller.pauseAfter(40, base));
    }

    @Test
    void a_base_time_longer_than_five_minutes_is_the_longest_pause() {
        assertEquals(Duration.ofMinutes(20), StatusPoller.pauseAfter(60, Duration.ofMinutes(20)));
    }
}
