package dev.jetonvoucher.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a compensation is tried again: 5 s after the first try, doubling, at most every 15 minutes, for 3 days from
 * its opening. A provider unreachable or still processing for longer than that needs an operator: the compensation
 * then goes to its dead-letter queue.
 */
public final class CompensationSchedule {

    public static final Duration WINDOW = Duration.ofDays(3);
    static final Duration FIRST_PAUSE = Duration.ofSeconds(5);
    static final Duration LONGEST_PAUSE = Duration.ofMinutes(15);

    private CompensationSchedule() {}

    /** The pause before try {@code attempt} (2-based: the first try is due at once). */
    public static Duration pauseBefore(int attempt) {
        if (attempt <= 1) {
            return Duration.ZERO;
        }
        long seconds = FIRST_PAUSE.toSeconds() << Math.min(attempt - 2, 20);
        return Duration.ofSeconds(Math.min(seconds, LONGEST_PAUSE.toSeconds()));
    }

    /** When try {@code attempt} is due, or empty when it would fall outside the window. */
    public static Optional<Instant> nextAttemptAt(int attempt, Instant openedAt, Instant now) {
        Instant due = now.plus(pauseBefore(attempt));
        return due.isAfter(openedAt.plus(WINDOW)) ? Optional.empty() : Optional.of(due);
    }
}
