package dev.jetonvoucher.analysis;

import dev.jetonvoucher.session.AttemptCounters;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Limits dashboard sign-in failures in fixed {@link #WINDOW 15-minute windows}: {@value #PER_PROJECT_AND_ADDRESS}
 * per project and client address, {@value #PER_PROJECT} per project, {@value #PER_ADDRESS} per client address
 * (IPv6 addresses count per /64, the block one client usually holds). Once a limit is reached, every sign-in it
 * covers is refused until the window ends, a correct secret key too: otherwise the refusal would only tell a
 * guesser which guess was right.
 *
 * <p>Each attempt adds to its counters before the secret is checked and gives back if the attempt is refused or
 * succeeds, so the counters hold the failures, and concurrent guesses cannot all pass a check made before any of
 * them was counted.
 */
public final class SignInThrottle {

    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final int PER_PROJECT_AND_ADDRESS = 5;
    public static final int PER_PROJECT = 20;
    public static final int PER_ADDRESS = 50;
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private final AttemptCounters counters;
    private final Clock clock;

    public SignInThrottle(AttemptCounters counters, Clock clock) {
        this.counters = counters;
        this.clock = clock;
    }

    /** One sign-in attempt, already counted; the caller reports how it ended unless it was refused. */
    public final class Attempt {
        private final List<String> names;
        private final Instant windowEnd;
        private final Duration retryAfter;

        private Attempt(List<String> names, Instant windowEnd, Duration retryAfter) {
            this.names = names;
            this.windowEnd = windowEnd;
            this.retryAfter = retryAfter;
        }

        /** Whether a limit was already reached: then the secret key must not be checked at all. */
        public boolean refused() {
            return retryAfter != null;
        }

        /** Until the window ends (whole seconds, at least one); only for a refused attempt. */
        public Duration retryAfter() {
            return retryAfter;
        }

        /** The secret key was right: this attempt is no failure. A failure needs no report, it stays counted. */
        public void succeeded() {
            giveBack(names, windowEnd);
        }
    }

    /**
     * Counts an attempt on the project (null when the form named none that could exist) from a client address
     * (null when unknown; all unknown addresses then share one counter).
     */
    public Attempt begin(Long projectId, String clientAddress) {
        Instant now = clock.instant();
        long windowSeconds = WINDOW.toSeconds();
        long windowStart = now.getEpochSecond() / windowSeconds * windowSeconds;
        Instant windowEnd = Instant.ofEpochSecond(windowStart + windowSeconds);
        String address = addressBlock(clientAddress);
        List<String> names = new ArrayList<>();
        List<Integer> limits = new ArrayList<>();
        if (projectId != null) {
            names.add("sign-in#project#" + projectId + "#address#" + address + "#" + windowStart);
            limits.add(PER_PROJECT_AND_ADDRESS);
            names.add("sign-in#project#" + projectId + "#" + windowStart);
            limits.add(PER_PROJECT);
        }
        names.add("sign-in#address#" + address + "#" + windowStart);
        limits.add(PER_ADDRESS);
        boolean overLimit = false;
        for (int i = 0; i < names.size(); i++) {
            overLimit |= counters.add(names.get(i), 1, windowEnd) > limits.get(i);
        }
        if (!overLimit) {
            return new Attempt(names, windowEnd, null);
        }
        giveBack(names, windowEnd);
        long millisLeft = Duration.between(now, windowEnd).toMillis();
        return new Attempt(List.of(), windowEnd, Duration.ofSeconds(Math.max(1, (millisLeft + 999) / 1000)));
    }

    private void giveBack(List<String> names, Instant windowEnd) {
        names.forEach(name -> counters.add(name, -1, windowEnd));
    }

    /** An IPv4 address as it is; an IPv6 address as its /64 prefix; "unknown" for none. */
    static String addressBlock(String clientAddress) {
        if (clientAddress == null || clientAddress.isBlank()) {
            return "unknown";
        }
        String address = clientAddress.strip();
        if (address.indexOf(':') < 0 || !IPV6.matcher(address).matches()) {
            return address;
        }
        try {
            // A literal (checked above) is parsed, never looked up.
            byte[] bytes = InetAddress.getByName(address).getAddress();
            return bytes.length == 16 ? HexFormat.of().formatHex(Arrays.copyOf(bytes, 8)) + "::/64" : address;
        } catch (UnknownHostException notAnAddress) {
            return address;
        }
    }
}
