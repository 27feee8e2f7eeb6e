package dev.jetonvoucher.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * ECommPay's callback retry schedule: the first 6 tries 10 s apart, then pauses growing as
 * 70 + 10·1.12^(n−4) seconds up to 4 hours, then every 4 hours; at most 120 tries, all within 11 days of
 * the first.
 */
public final class CallbackSchedule {

    public static final int MAX_ATTEMPTS = 120;
    public static final Duration WINDOW = Duration.ofDays(11);
    static final Duration EARLY_PAUSE = Duration.ofSeconds(10);
    static final Duration LONGEST_PAUSE = Duration.ofHours(4);

    private CallbackSchedule() {}

    /** The pause before try {@code attempt} (2-based: the first try is immediate). */
    public static Duration pauseBefore(int attempt) {
        if (attempt <= 1) {
            return Duration.ZERO;
        }
        if (attempt <= 6) {
            return EARLY_PAUSE;
        }
        double seconds = 70 + 10 * Math.pow(1.12, attempt - 4);
        return seconds >= LONGEST_PAUSE.toSeconds() ? LONGEST_PAUSE : Duration.ofSeconds(Math.round(seconds));
    }

    /** When try {@code attempt} is due, or empty when the tries are used up. */
    public static Optional<Instant> nextAttemptAt(int attempt, Instant firstTriedAt, Instant now) {
        if (attempt > MAX_ATTEMPTS) {
            return Optional.empty();
        }
        Instant due = now.plus(pauseBefore(attempt));
        if (due.isAfter(firstTriedAt.plus(WINDOW))) {
            return Optional.empty();
        }
        return Optional.of(due);
    }
}
