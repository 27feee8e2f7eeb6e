package dev.jetonvoucher.keys;

import dev.jetonvoucher.logging.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A key ring read from its source on first use and again once it is older than {@link #maxAge()}, so a rotation
 * written to the source reaches every warm container within that time without a redeploy, and the source is read
 * about once per container and cache period, not per request.
 *
 * <p>Data sealed under a key id the cached ring does not know (sealed by a container that already read a newer
 * ring) make it read the source again at once ({@link #including}), and so may a signature no key held matches
 * ({@link #reloaded}), at most every {@link #MIN_RELOAD_INTERVAL}, so that a rotation's first minutes need no
 * retries. When a re-read fails, the ring already held is kept and the
 * source is tried again after {@link #MIN_RELOAD_INTERVAL}; a first read that fails is an error.
 */
public final class CachedKeyRing implements Supplier<KeyRing> {

    /** How long a ring read is used before the source is read again: the longest a rotation takes to spread. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);
    /** The least time between two reads of the source, whatever asks for them. */
    public static final Duration MIN_RELOAD_INTERVAL = Duration.ofSeconds(10);

    private final String name;
    private final KeyRingSource source;
    private final Clock clock;
    private final Duration maxAge;
    private KeyRing ring;
    private Instant readAt;
    private Instant triedAt;

    /** @param name what the ring is, for log lines ("voucher transit key") */
    public CachedKeyRing(String name, KeyRingSource source, Clock clock, Duration maxAge) {
        this.name = Objects.requireNonNull(name, "name");
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive");
        }
        this.maxAge = maxAge;
    }

    public CachedKeyRing(String name, KeyRingSource source, Clock clock) {
        this(name, source, clock, DEFAULT_MAX_AGE);
    }

    /** A ring that never changes (tests, tools). */
    public static CachedKeyRing fixed(KeyRing ring) {
        Objects.requireNonNull(ring, "ring");
        return new CachedKeyRing("fixed key", () -> ring, Clock.systemUTC(), Duration.ofDays(365_000));
    }

    public Duration maxAge() {
        return maxAge;
    }

    /** The ring, read from the source when none is held yet or the one held is older than {@link #maxAge()}. */
    @Override
    public synchronized KeyRing get() {
        Instant now = clock.instant();
        if (ring == null) {
            reload(now);
        } else if (!now.isBefore(readAt.plus(maxAge)) && !now.isBefore(triedAt.plus(MIN_RELOAD_INTERVAL))) {
            tryReload(now);
        }
        return ring;
    }

    /**
     * The ring, read again first when it does not hold the key {@code keyId} (and the last read is at least
     * {@link #MIN_RELOAD_INTERVAL} old): the key of data sealed by a container that saw a rotation first.
     */
    public synchronized KeyRing including(String keyId) {
        KeyRing held = get();
        Instant now = clock.instant();
        if (held.find(keyId).isEmpty() && !now.isBefore(triedAt.plus(MIN_RELOAD_INTERVAL))) {
            tryReload(now);
        }
        return ring;
    }

    /**
     * The ring read again now, unless it was read less than {@link #MIN_RELOAD_INTERVAL} ago: for a signature that
     * matches no key held (signed by a function that saw a rotation first). Whoever sends such signatures causes at
     * most one read per interval.
     */
    public synchronized KeyRing reloaded() {
        KeyRing held = get();
        Instant now = clock.instant();
        if (!now.isBefore(triedAt.plus(MIN_RELOAD_INTERVAL))) {
            tryReload(now);
        }
        return ring == null ? held : ring;
    }

    private void reload(Instant now) {
        triedAt = now;
        KeyRing loaded = source.load();
        if (ring != null && !ring.current().equals(loaded.current())) {
            Log.info("keys.current_changed", "key", name, "id", loaded.current().id());
        }
        ring = loaded;
        readAt = now;
    }

    private void tryReload(Instant now) {
        try {
            reload(now);
        } catch (RuntimeException e) {
            Log.warn(
                    "keys.reload_failed",
                    "key",
                    name,
                    "error",
                    e.getClass().getSimpleName(),
                    "keeping",
                    ring.current().id());
        }
    }
}
