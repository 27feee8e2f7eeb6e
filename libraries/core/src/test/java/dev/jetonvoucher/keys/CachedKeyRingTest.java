package dev.jetonvoucher.keys;

import static dev.jetonvoucher.keys.KeyRingTest.NEW;
import static dev.jetonvoucher.keys.KeyRingTest.OLD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jetonvoucher.contract.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The ring as the functions hold it: read once, again after the cache time, and at once for an unknown key id. */
class CachedKeyRingTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
    final AtomicReference<KeyRing> stored = new AtomicReference<>(KeyRing.of(OLD));
    final AtomicInteger reads = new AtomicInteger();
    final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    final CachedKeyRing cached = new CachedKeyRing(
            "test key",
            () -> {
                reads.incrementAndGet();
                if (failure.get() != null) {
                    throw failure.get();
                }
                return stored.get();
            },
            clock,
            Duration.ofMinutes(5));

    @Test
    void the_source_is_read_only_when_the_key_is_first_needed_and_then_once_per_cache_time() {
        assertEquals(0, reads.get(), "nothing is read before the first use");
        assertEquals(OLD, cached.get().current().secret());
        clock.advance(Duration.ofMinutes(4));
        cached.get();
        cached.get();
        assertEquals(1, reads.get());
    }

    @Test
    void a_rotation_reaches_a_warm_container_once_the_cache_time_is_over() {
        assertEquals(OLD, cached.get().current().secret());
        stored.set(KeyRing.of(NEW, OLD));
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertEquals(OLD, cached.get().current().secret(), "still the ring read 4:59 ago");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(KeyRing.of(NEW, OLD), cached.get());
        assertEquals(2, reads.get());
    }

    @Test
    void a_key_id_the_ring_does_not_know_reads_the_source_again_at_once_but_not_more_often_than_every_ten_seconds() {
        cached.get();
        stored.set(KeyRing.of(NEW, OLD));
        String newId = KeyRing.Key.of(NEW).id();
        assertEquals(1, cached.including(newId).keys().size(), "read less than 10 s ago: no new read");
        clock.advance(CachedKeyRing.MIN_RELOAD_INTERVAL);
        assertEquals(NEW, cached.including(newId).current().secret());
        assertEquals(2, reads.get());
        clock.advance(CachedKeyRing.MIN_RELOAD_INTERVAL);
        cached.including(KeyRing.Key.of(KeyRingTest.THIRD).id());
        cached.including(KeyRing.Key.of(KeyRingTest.THIRD).id());
        assertEquals(3, reads.get(), "an id nobody has costs one read per interval, whoever sends it");
    }

    @Test
    void a_signature_no_key_matches_may_read_the_source_again_once_per_ten_seconds() {
        cached.get();
        stored.set(KeyRing.of(NEW, OLD));
        assertEquals(KeyRing.of(OLD), cached.reloaded(), "read less than 10 s ago");
        clock.advance(CachedKeyRing.MIN_RELOAD_INTERVAL);
        assertEquals(KeyRing.of(NEW, OLD), cached.reloaded());
        cached.reloaded();
        assertEquals(2, reads.get());
    }

    @Test
    void a_failed_re_read_keeps_the_ring_held_and_tries_again_ten_seconds_later() {
        KeyRing first = cached.get();
        failure.set(new IllegalStateException("SSM is unreachable"));
        clock.advance(Duration.ofMinutes(5));
        assertSame(first, cached.get());
        assertSame(first, cached.get());
        assertEquals(2, reads.get());
        failure.set(null);
        stored.set(KeyRing.of(NEW, OLD));
        clock.advance(CachedKeyRing.MIN_RELOAD_INTERVAL);
        assertEquals(NEW, cached.get().current().secret());
    }

    @Test
    void a_first_read_that_fails_is_an_error() {
        failure.set(new IllegalStateException("parameter /jeton-voucher/keys/voucher-transit-key is missing"));
        assertThrows(IllegalStateException.class, cached::get);
    }
}
