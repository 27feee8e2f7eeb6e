package dev.jetonvoucher.session;

import java.time.Instant;

/**
 * Named counters that many processes change at once without losing an update: what sign-in throttling counts.
 * The caller puts its time window into the counter's name, so a name is only used until its window ends;
 * {@code expiresAt} tells the storage when it may forget the counter.
 */
public interface AttemptCounters {

    /**
     * Adds {@code delta} (negative to give back) atomically and returns the counter's new value; a counter nobody
     * has added to yet starts at zero.
     */
    long add(String counter, long delta, Instant expiresAt);
}
