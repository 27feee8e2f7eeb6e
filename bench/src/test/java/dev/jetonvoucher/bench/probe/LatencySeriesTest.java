package dev.jetonvoucher.bench.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatencySeriesTest {

    @Test
    void percentiles_are_nearest_rank_in_milliseconds() {
        LatencySeries series = new LatencySeries(100);
        for (int ms = 100; ms >= 1; ms--) {
            series.add(ms * 1_000_000L);
        }
        assertEquals(50.0, series.percentileMillis(50));
        assertEquals(99.0, series.percentileMillis(99));
        assertEquals(100.0, series.percentileMillis(100));
        assertEquals(1.0, series.percentileMillis(0.5));
    }
}
