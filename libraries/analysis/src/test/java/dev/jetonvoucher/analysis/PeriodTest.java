package dev.jetonvoucher.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeriodTest {

    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void contains_its_start_but_not_its_end() {
        Period period = Period.requested(START, START.plusSeconds(60), "to");
        assertTrue(period.contains(START));
        assertTrue(period.contains(START.plusSeconds(60).minusNanos(1)));
        assertFalse(period.contains(START.plusSeconds(60)));
        assertFalse(period.contains(START.minusNanos(1)));
    }

    @Test
    void spans_at_most_thirty_one_days() {
        assertEquals(
                START.plus(Period.MAX_LENGTH),
                Period.requested(START, START.plus(Period.MAX_LENGTH), "to").to());
        QueryException tooLong = assertThrows(
                QueryException.class,
                () -> Period.requested(START, START.plus(Period.MAX_LENGTH).plusNanos(1), "interval.to"));
        assertEquals("interval.to", tooLong.field());
        assertTrue(tooLong.getMessage().contains("31 days"), tooLong.getMessage());
    }

    @Test
    void ends_after_it_starts() {
        QueryException empty = assertThrows(QueryException.class, () -> Period.requested(START, START, "interval.to"));
        assertEquals("interval.to", empty.field());
        assertThrows(QueryException.class, () -> Period.requested(START, START.minusSeconds(1), "to"));
        assertThrows(IllegalArgumentException.class, () -> new Period(START, START));
    }

    @Test
    void whole_days_include_the_last_day_and_list_their_utc_days() {
        Period march = Period.days(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"), "to");
        assertEquals(START, march.from());
        assertEquals(Instant.parse("2026-04-01T00:00:00Z"), march.to());
        assertEquals(31, march.utcDays().size());
        assertEquals(
                List.of(LocalDate.parse("2026-03-01")),
                Period.days(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-01"), "to")
                        .utcDays());
        assertEquals(
                "to",
                assertThrows(
                                QueryException.class,
                                () -> Period.days(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-04-01"), "to"))
                        .field());
    }

    @Test
    void names_times_outside_the_supported_range() {
        assertEquals(
                "interval.from",
                assertThrows(QueryException.class, () -> Period.supportedInstant(Instant.MAX, "interval.from"))
                        .field());
        assertEquals(
                "interval.to",
                assertThrows(
                                QueryException.class,
                                () -> Period.supportedInstant(Instant.parse("1969-12-31T23:59:59Z"), "interval.to"))
                        .field());
        assertEquals(START, Period.supportedInstant(START, "interval.from"));
        assertEquals(Instant.EPOCH, Period.supportedInstant(Instant.EPOCH, "interval.from"));
        assertEquals(
                "to",
                assertThrows(QueryException.class, () -> Period.supportedDay(LocalDate.MAX, "to"))
                        .field());
        assertEquals(Period.LAST_DAY, Period.supportedDay(Period.LAST_DAY, "to"));
    }
}
