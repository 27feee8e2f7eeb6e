package dev.jetonvoucher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void the_median_of_an_odd_count_is_the_middle_value_and_of_an_even_count_the_mean_of_the_two() {
        assertEquals(new Summary(3, 1, 9, 5), Summary.of(List.of(9.0, 1.0, 3.0, 4.0, 2.0)));
        assertEquals(new Summary(2.5, 1, 4, 4), Summary.of(List.of(4.0, 1.0, 3.0, 2.0)));
        assertEquals(
                "1235 (1000–2000)", Summary.of(List.of(2000.0, 1000.0, 1234.6)).format(0));
    }

    @Test
    void no_measurement_is_no_summary() {
        assertThrows(IllegalArgumentException.class, () -> Summary.of(List.of()));
    }
}
