package dev.jetonvoucher.memory;

import dev.jetonvoucher.workflow.HttpPoster;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merchants in the same process: each callback URL is routed to a {@link Merchant} behaviour that answers with a
 * status, refuses the connection (down) or does not answer within the timeout (slow). A slow answer takes the
 * whole timeout of simulated time when the poster is given the {@link SimulatedClock}. Every body a merchant
 * answered (whatever the status) is kept per URL. Thread-safe.
 */
public final class InMemoryHttpPoster implements HttpPoster {

    /** How a merchant's endpoint behaves for one request. */
    @FunctionalInterface
    public interface Merchant {

        /** @return the HTTP status, or {@link #REFUSED} / {@link #NO_ANSWER} */
        int answer(String body, Instant now);

        int REFUSED = -1;
        int NO_ANSWER = -2;

        static Merchant answering(int status) {
            return (body, now) -> status;
        }

        static Merchant down() {
            return (body, now) -> REFUSED;
        }

        static Merchant slow() {
            return (body, now) -> NO_ANSWER;
        }
    }

    private final SimulatedClock clock;
    private final Map<URI, Merchant> merchants = new HashMap<>();
    private final Map<URI, List<String>> received = new HashMap<>();

    /** Slow answers take no simulated time. */
    public InMemoryHttpPoster() {
        this(null);
    }

    /** @param clock moved on by the timeout when a merchant does not answer (may be null) */
    public InMemoryHttpPoster(SimulatedClock clock) {
        this.clock = clock;
    }

    /** Routes {@code url} to {@code merchant}, replacing what was there. */
    public synchronized void route(URI url, Merchant merchant) {
        merchants.put(url, merchant);
    }

    @Override
    public Response postJson(URI url, String body, Duration timeout) {
        Merchant merchant;
        synchronized (this) {
            merchant = merchants.get(url);
        }
        if (merchant == null) {
            return new Response(0, "UnknownHostException: no merchant at " + url);
        }
        int status = merchant.answer(body, clock == null ? Instant.now() : clock.instant());
        if (status == Merchant.REFUSED) {
            return new Response(0, "ConnectException: Connection refused");
        }
        if (status == Merchant.NO_ANSWER) {
            if (clock != null) {
                clock.advance(timeout);
            }
            return new Response(0, "no complete answer within " + timeout.toMillis() + " ms");
        }
        synchronized (this) {
            received.computeIfAbsent(url, u -> new ArrayList<>()).add(body);
        }
        return new Response(status, null);
    }

    /** The bodies the merchant at {@code url} answered, in order. */
    public synchronized List<String> received(URI url) {
        return List.copyOf(received.getOrDefault(url, List.of()));
    }
}
