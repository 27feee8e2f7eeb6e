package dev.jetonvoucher.time;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The fixed UTC text forms of instants this platform writes and reads: stored times (nine fraction digits), export and
 * page times (to the second) and ECommPay's document times ({@code +0000}, {@code +00:00}).
 *
 * <p>Each form writes exactly what its {@code DateTimeFormatter} pattern (named on the method) writes, and {@link
 * #parse} reads exactly what {@link Instant#parse} reads, but without the formatter's machinery for the years 0000 to
 * 9999 that every real time falls in: a formatter walks a chain of printer-parsers and a field map per call, which
 * interpreted is tens of microseconds a time (a cold export reads three times for each of its first rows), and
 * building one from a pattern is milliseconds. Anything outside that range, and every text the fast reading does not
 * take, goes to the JDK itself, so the results and the exceptions are the JDK's. {@code UtcTextTest} holds both
 * sides against the JDK over random instants and the edge cases.
 */
public final class UtcText {

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years written here; others go to the JDK. */
    private static final long FIRST_FAST_SECOND = -62_167_219_200L;

    private static final long LAST_FAST_SECOND = 253_402_300_799L;

    /** 0001-01-01T00:00:00Z: {@code yyyy} is the year of era, which differs from {@code uuuu} before it. */
    private static final long FIRST_YEAR_OF_ERA_SECOND = -62_135_596_800L;

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private UtcText() {}

    /** {@code uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'}: fixed width, so string order is time order (stored times, keys). */
    public static String nanos(Instant instant) {
        if (!fast(instant, FIRST_FAST_SECOND)) {
            return Jdk.NANOS.format(instant);
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        char[] text = new char[30];
        date(time, 'T', text);
        text[19] = '.';
        digits(time.getNano(), 9, text, 20);
        text[29] = 'Z';
        return new String(text);
    }

    /** {@code uuuu-MM-dd HH:mm:ss}: exports and pages. */
    public static String seconds(Instant instant) {
        return fast(instant, FIRST_FAST_SECOND) ? toTheSecond(instant, ' ', "") : Jdk.SECONDS.format(instant);
    }

    /** {@code yyyy-MM-dd'T'HH:mm:ssZ} in UTC: ECommPay's document times, {@code 2026-12-03T16:15:33+0000}. */
    public static String document(Instant instant) {
        return fast(instant, FIRST_YEAR_OF_ERA_SECOND)
                ? toTheSecond(instant, 'T', "+0000")
                : Jdk.DOCUMENT.format(instant);
    }

    /** {@code yyyy-MM-dd'T'HH:mm:ssxxx} in UTC: {@code 2026-12-03T16:15:33+00:00}. */
    public static String documentWithColon(Instant instant) {
        return fast(instant, FIRST_YEAR_OF_ERA_SECOND)
                ? toTheSecond(instant, 'T', "+00:00")
                : Jdk.DOCUMENT_WITH_COLON.format(instant);
    }

    /**
     * What {@link Instant#parse} reads, with its exception for what it refuses. Read here: {@code
     * yyyy-MM-ddTHH:mm:ss} with no fraction or 1 to 9 fraction digits, then {@code Z}, for a valid date and a time
     * before 24:00 (what this platform and ECommPay write); any other text (offsets, lower case, 24:00, a leap second,
     * other years, minutes without seconds) is left to {@code Instant.parse}.
     *
     * @throws java.time.format.DateTimeParseException as {@code Instant.parse} throws it
     */
    public static Instant parse(CharSequence text) {
        Instant read = fastParse(text);
        return read != null ? read : Instant.parse(text);
    }

    /** The instant, or null when the text is not in the one form read here. */
    private static Instant fastParse(CharSequence text) {
        int length = text.length();
        if (length != 20 && (length < 22 || length > 30)
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(length - 1) != 'Z') {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 7);
        int day = number(text, 8, 10);
        int hour = number(text, 11, 13);
        int minute = number(text, 14, 16);
        int second = number(text, 17, 19);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > monthLength(year, month)
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        int nano = 0;
        if (length > 20) {
            if (text.charAt(19) != '.') {
                return null;
            }
            int fraction = number(text, 20, length - 1);
            if (fraction < 0) {
                return null;
            }
            nano = fraction * POWERS_OF_TEN[9 - (length - 21)];
        }
        long epochDay = epochDay(year, month, day);
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second, nano);
    }

    /** The decimal digits in [from, to) as a number, or -1 when any is not an ASCII digit. */
    private static int number(CharSequence text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static int monthLength(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), for years from 0. */
    private static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    private static boolean fast(Instant instant, long firstSecond) {
        return instant.getEpochSecond() >= firstSecond && instant.getEpochSecond() <= LAST_FAST_SECOND;
    }

    private static String toTheSecond(Instant instant, char separator, String offset) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        char[] text = new char[19 + offset.length()];
        date(time, separator, text);
        offset.getChars(0, offset.length(), text, 19);
        return new String(text);
    }

    /** {@code uuuu-MM-dd?HH:mm:ss} into text[0, 19). */
    private static void date(LocalDateTime time, char separator, char[] text) {
        digits(time.getYear(), 4, text, 0);
        text[4] = '-';
        digits(time.getMonthValue(), 2, text, 5);
        text[7] = '-';
        digits(time.getDayOfMonth(), 2, text, 8);
        text[10] = separator;
        digits(time.getHour(), 2, text, 11);
        text[13] = ':';
        digits(time.getMinute(), 2, text, 14);
        text[16] = ':';
        digits(time.getSecond(), 2, text, 17);
    }

    private static void digits(int value, int width, char[] text, int at) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The JDK's formatters, built only when a year outside 0000–9999 asks for one. */
    private static final class Jdk {
        static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
                .withZone(ZoneOffset.UTC);
        static final DateTimeFormatter SECONDS =
                DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
        static final DateTimeFormatter DOCUMENT =
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ").withZone(ZoneOffset.UTC);
        static final DateTimeFormatter DOCUMENT_WITH_COLON =
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);
    }
}
