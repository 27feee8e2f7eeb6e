package dev.jetonvoucher.provider.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.contract.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T00:00:00Z"));
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), clock);

    @Test
    void opens_after_the_threshold_of_failures_in_a_row_and_a_success_between_starts_the_count_again() {
        breaker.failure();
        breaker.failure();
        breaker.success();
        breaker.failure();
        breaker.failure();
        assertTrue(breaker.allow());
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        breaker.failure();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.allow());
        assertEquals(clock.instant().plusSeconds(30), breaker.reopensAt());
    }

    @Test
    void after_the_cool_down_one_trial_goes_through_and_its_outcome_decides() {
        for (int i = 0; i < 3; i++) {
            breaker.failure();
        }
        clock.advance(Duration.ofSeconds(29));
        assertFalse(breaker.allow());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
        assertTrue(breaker.allow(), "the trial");
        assertFalse(breaker.allow(), "only one trial at a time");
        breaker.failure();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state(), "a failed trial opens it again at once");
        clock.advance(Duration.ofSeconds(30));
        assertTrue(breaker.allow());
        breaker.success();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.allow());
        assertTrue(breaker.allow());
    }
}
