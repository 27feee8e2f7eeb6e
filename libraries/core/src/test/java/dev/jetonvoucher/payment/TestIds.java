package dev.jetonvoucher.payment;

import java.time.Clock;
import java.util.random.RandomGenerator;

/** Operation ids from a random source a test chooses: two of them with the same seed draw the same ids. */
public final class TestIds {

    private TestIds() {}

    public static Ids drawingWith(Clock clock, RandomGenerator random) {
        return new Ids(clock, random);
    }
}
