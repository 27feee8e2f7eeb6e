package dev.jetonvoucher.provider.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops calling a provider that keeps failing, on the injectable clock: CLOSED lets every call through; after
 * {@code threshold} failures in a row it is OPEN and refuses calls at once for {@code coolDown}; then HALF_OPEN lets one
 * trial call through, whose success closes it and whose failure opens it again. A refused call is the caller's
 * "provider unavailable", which the workflow already retries (and declines with 20602 at the limit time).
 */
public final class CircuitBreaker {

    public enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final int threshold;
    private final Duration coolDown;
    private final Clock clock;
    private State state = State.CLOSED;
    private int failures;
    private Instant openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(int threshold, Duration coolDown, Clock clock) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be 1 or more");
        }
        this.threshold = threshold;
        this.coolDown = coolDown;
        this.clock = clock;
    }

    /** Whether a call may go out now (in HALF_OPEN, only the one trial). */
    public synchronized boolean allow() {
        if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(coolDown))) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        switch (state) {
            case CLOSED:
                return true;
            case HALF_OPEN:
                if (trialInFlight) {
                    return false;
                }
                trialInFlight = true;
                return true;
            default:
                return false;
        }
    }

    public synchronized void success() {
        state = State.CLOSED;
        failures = 0;
        trialInFlight = false;
    }

    public synchronized void failure() {
        failures++;
        if (state == State.HALF_OPEN || failures >= threshold) {
            state = State.OPEN;
            openedAt = clock.instant();
            trialInFlight = false;
        }
    }

    public synchronized State state() {
        if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(coolDown))) {
            return State.HALF_OPEN;
        }
        return state;
    }

    /** When an open breaker lets a trial through; null unless OPEN. */
    public synchronized Instant reopensAt() {
        return state == State.OPEN ? openedAt.plus(coolDown) : null;
    }
}
