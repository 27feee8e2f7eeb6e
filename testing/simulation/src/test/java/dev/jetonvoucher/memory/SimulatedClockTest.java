package dev.jetonvoucher.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimulatedClockTest {

    @Test
    void stands_still_until_advanced_and_never_goes_back() {
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        SimulatedClock clock = new SimulatedClock(start);

        assertEquals(start, clock.instant());
        clock.advance(Duration.ofMillis(1500));
        assertEquals(start.plusMillis(1500), clock.instant());
        assertEquals(start.plusMillis(1500).toEpochMilli(), clock.millis());
        clock.advanceTo(start);
        assertEquals(start.plusMillis(1500), clock.instant(), "an instant already past leaves it");
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
    }
}
