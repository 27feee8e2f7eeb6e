package dev.jetonvoucher.payment;

import java.time.Duration;
import java.time.Instant;

/**
 * One try to deliver a result callback.
 *
 * @param httpStatus the merchant's HTTP status, or 0 when no response came (connection refused, time-out)
 * @param error why there was no response, or null
 */
public record CallbackAttempt(int number, Instant at, int httpStatus, Duration latency, String error) {

    public boolean delivered() {
        return httpStatus == 200;
    }
}
