package dev.jetonvoucher.memory;

import dev.jetonvoucher.session.AttemptCounters;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link AttemptCounters} in a map; nothing is forgotten, since each counter's name carries its window. */
public final class InMemoryAttemptCounters implements AttemptCounters {

    private final Map<String, Long> counters = new ConcurrentHashMap<>();

    @Override
    public long add(String counter, long delta, Instant expiresAt) {
        return counters.merge(counter, delta, Long::sum);
    }
}
