package dev.jetonvoucher.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.workflow.HttpPoster;
import dev.jetonvoucher.workflow.HttpPoster.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What callback delivery relies on from an {@link HttpPoster}: the merchant's status as it is, and a status 0 with
 * the reason (never an exception) when there is no answer: refused, or none within the timeout.
 */
public abstract class HttpPosterContract {

    protected static final Duration TIMEOUT = Duration.ofSeconds(5);

    protected abstract HttpPoster poster();

    /** A merchant endpoint that answers {@code status} (200 or an error) to every post. */
    protected abstract URI merchantAnswering(int status);

    /** An endpoint nobody listens on: the connection is refused. */
    protected abstract URI merchantDown();

    /** A merchant that answers only after a few seconds: later than a 300 ms timeout. */
    protected abstract URI merchantTooSlow();

    /** The bodies the merchant at {@code url} received. */
    protected abstract List<String> receivedBy(URI url);

    @Test
    void posts_json_and_returns_the_status() {
        URI merchant = merchantAnswering(200);

        Response response = poster().postJson(merchant, "{\"payment\":{\"id\":\"ü\"}}", TIMEOUT);

        assertEquals(new Response(200, null), response);
        assertEquals(List.of("{\"payment\":{\"id\":\"ü\"}}"), receivedBy(merchant));
    }

    @Test
    void returns_an_error_status_as_it_is() {
        assertEquals(new Response(500, null), poster().postJson(merchantAnswering(500), "{}", TIMEOUT));
        assertEquals(new Response(503, null), poster().postJson(merchantAnswering(503), "{}", TIMEOUT));
    }

    @Test
    void a_refused_connection_is_status_zero_with_the_reason() {
        Response response = poster().postJson(merchantDown(), "{}", TIMEOUT);

        assertEquals(0, response.status());
        assertNotNull(response.error());
        assertTrue(response.error().contains("ConnectException"), response.error());
    }

    @Test
    void a_slow_server_times_out() {
        Response response = poster().postJson(merchantTooSlow(), "{}", Duration.ofMillis(300));

        assertEquals(0, response.status());
        assertTrue(response.error().startsWith("no complete answer within 300 ms"), response.error());
    }
}
