package dev.jetonvoucher.payment;

import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Platform identifiers: numeric operation ids (as ECommPay's) and hexadecimal request ids. */
public final class Ids {

    private final Clock clock;

    public Ids(Clock clock) {
        this.clock = clock;
    }

    /** Milliseconds since the epoch followed by three random digits: 16 digits, rising with time. */
    public long newOperationId() {
        return clock.millis() * 1000 + ThreadLocalRandom.current().nextInt(1000);
    }

    /** 48 hexadecimal characters, like the request ids in ECommPay callbacks. */
    public String newRequestId() {
        byte[] bytes = new byte[24];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
