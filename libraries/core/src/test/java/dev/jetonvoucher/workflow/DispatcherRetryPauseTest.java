package dev.jetonvoucher.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DispatcherRetryPauseTest {

    @Test
    void retries_of_an_unreachable_provider_start_at_2_s_double_and_stop_growing_at_60_s() {
        List<Long> seconds = IntStream.rangeClosed(1, 8)
                .mapToObj(Dispatcher::pauseBeforeRetry)
                .map(Duration::toSeconds)
                .toList();
        assertEquals(List.of(2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L), seconds);
        assertEquals(Duration.ofSeconds(60), Dispatcher.pauseBeforeRetry(1_000), "no overflow after many retries");
    }
}
