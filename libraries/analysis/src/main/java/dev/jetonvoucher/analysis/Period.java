package dev.jetonvoucher.analysis;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A half-open period of creation times, {@code [from, to)}, of at most {@link #MAX_LENGTH}. Every list, total
 * and export reads one period, so no request reads a project's whole history.
 */
public record Period(Instant from, Instant to) {

    public static final Duration MAX_LENGTH = Duration.ofDays(31);
    /** The first day a period may name: nothing was created before the epoch. */
    public static final LocalDate FIRST_DAY = LocalDate.of(1970, 1, 1);
    /** The last day a period may name: its end is still a four-digit year, which every date function can carry. */
    public static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 30);

    public Period {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_LENGTH) > 0) {
            throw new IllegalArgumentException("not a period of at most 31 days: [" + from + ", " + to + ")");
        }
    }

    /** A day a request names, or a {@link QueryException} naming {@code field} when it is out of the supported range. */
    public static LocalDate supportedDay(LocalDate day, String field) {
        if (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY)) {
            throw outOfRange(field);
        }
        return day;
    }

    /** A time a request names, or a {@link QueryException} naming {@code field} when it is out of the supported range. */
    public static Instant supportedInstant(Instant instant, String field) {
        Instant first = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = LAST_DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (instant.isBefore(first) || instant.isAfter(end)) {
            throw outOfRange(field);
        }
        return instant;
    }

    /** The refusal of a day or time outside {@link #FIRST_DAY} .. {@link #LAST_DAY}. */
    public static QueryException outOfRange(String field) {
        return new QueryException(field, field + " must lie between " + FIRST_DAY + " and " + LAST_DAY);
    }

    /** The period a request asked for, or a {@link QueryException} naming {@code toField}. */
    public static Period requested(Instant from, Instant to, String toField) {
        if (!from.isBefore(to)) {
            throw new QueryException(toField, toField + " must be later than the start of the period");
        }
        if (Duration.between(from, to).compareTo(MAX_LENGTH) > 0) {
            throw new QueryException(toField, "a period spans at most 31 days, " + from + " to " + to + " is longer");
        }
        return new Period(from, to);
    }

    /** Whole UTC days, the first and the last included. */
    public static Period days(LocalDate first, LocalDate last, String lastField) {
        return requested(
                first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                lastField);
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(from) && instant.isBefore(to);
    }

    /** The UTC days the period touches, in order. */
    public List<LocalDate> utcDays() {
        List<LocalDate> days = new ArrayList<>();
        LocalDate last = to.minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate();
        for (LocalDate day = from.atZone(ZoneOffset.UTC).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            days.add(day);
        }
        return days;
    }
}
