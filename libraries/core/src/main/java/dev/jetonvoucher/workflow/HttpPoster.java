package dev.jetonvoucher.workflow;

import java.net.URI;
import java.time.Duration;

/** Posts JSON to a merchant's callback URL. */
public interface HttpPoster {

    /**
     * @return the HTTP status, or 0 with {@code error} set when no response came within the timeout
     */
    Response postJson(URI url, String body, Duration timeout);

    record Response(int status, String error) {}
}
