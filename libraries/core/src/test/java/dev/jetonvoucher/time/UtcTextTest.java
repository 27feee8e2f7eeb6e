package dev.jetonvoucher.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every form against the JDK formatter of its pattern, and {@code parse} against {@link Instant#parse}. */
class UtcTextTest {

    private static final DateTimeFormatter NANOS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DOCUMENT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DOCUMENT_WITH_COLON =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

    private static final long YEAR_0 = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long AFTER_YEAR_9999 =
            Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

    private static final List<Instant> EDGES = List.of(
            Instant.EPOCH,
            Instant.EPOCH.minusNanos(1),
            Instant.parse("0000-01-01T00:00:00Z"),
            Instant.parse("0000-01-01T00:00:00Z").minusNanos(1),
            Instant.parse("0000-02-29T12:00:00Z"),
            Instant.parse("0000-12-31T23:59:59.999999999Z"),
            Instant.parse("0001-01-01T00:00:00Z"),
            Instant.parse("1900-02-28T23:59:59Z"),
            Instant.parse("2000-02-29T00:00:00.000000001Z"),
            Instant.parse("2024-02-29T23:59:59.100Z"),
            Instant.parse("2026-12-03T16:15:33.123456789Z"),
            Instant.parse("9999-12-31T23:59:59.999999999Z"),
            Instant.parse("+10000-01-01T00:00:00Z"),
            Instant.parse("-0001-12-31T23:59:59Z"),
            Instant.parse("-9999-06-15T10:00:00Z"));

    @Test
    void every_form_writes_what_its_pattern_writes_at_the_edges() {
        for (Instant instant : EDGES) {
            assertSameAsJdk(instant);
        }
    }

    @Test
    void every_form_writes_what_its_pattern_writes_for_random_instants_of_every_year() {
        SplittableRandom random = new SplittableRandom(16);
        for (int i = 0; i < 200_000; i++) {
            long second = random.nextLong(YEAR_0 - 86_400L * 800, AFTER_YEAR_9999 + 86_400L * 800);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                default -> random.nextInt(1_000_000_000);
            };
            assertSameAsJdk(Instant.ofEpochSecond(second, nano));
        }
    }

    @Test
    void a_stored_time_reads_back_as_the_same_instant_as_instant_parse_reads_it() {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 200_000; i++) {
            Instant instant =
                    Instant.ofEpochSecond(random.nextLong(YEAR_0, AFTER_YEAR_9999), random.nextInt(1_000_000_000));
            String text = UtcText.nanos(instant);
            assertEquals(instant, UtcText.parse(text), text);
            assertEquals(Instant.parse(text), UtcText.parse(text), text);
        }
    }

    @Test
    void every_fraction_length_and_no_fraction_read_as_instant_parse_reads_them() {
        SplittableRandom random = new SplittableRandom(18);
        for (int i = 0; i < 100_000; i++) {
            Instant instant =
                    Instant.ofEpochSecond(random.nextLong(YEAR_0, AFTER_YEAR_9999), random.nextInt(1_000_000_000));
            String nanos = UtcText.nanos(instant);
            int digits = random.nextInt(10);
            String text = nanos.substring(0, 19) + (digits == 0 ? "" : "." + nanos.substring(20, 20 + digits)) + "Z";
            assertEquals(Instant.parse(text), UtcText.parse(text), text);
            assertEquals(Instant.parse(text), UtcText.parse(new StringBuilder(text)), text);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-12-03T16:15:33Z",
                "2026-12-03t16:15:33z", // ISO_INSTANT reads case-insensitively
                "2026-12-03T16:15:33+01:00", // and offsets, since JDK 12
                "2026-12-31T24:00:00Z", // and 24:00, as the next day
                "2026-12-31T23:59:60Z", // and a leap second, as :59
                "+10000-01-01T00:00:00Z",
                "-0001-01-01T00:00:00Z",
                "2024-02-29T00:00:00Z",
                "0000-02-29T00:00:00Z",
                "2026-12-03T16:15:33.000000000Z",
                "2026-12-03T16:15:33.5Z",
                "2026-12-03T16:15:33.Z" // a point without digits
            })
    void text_instant_parse_reads_is_read_the_same(String text) {
        assertEquals(Instant.parse(text), UtcText.parse(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "2026",
                "2026-12-03T16:15:33",
                "2026-12-03 16:15:33Z",
                "2026-12-03T16:15Z", // minutes without seconds
                "2026-12-03T16:15:33.1234567890Z",
                "2026-12-03T16:15:33.12a4Z",
                "2026-13-03T16:15:33Z",
                "2026-00-03T16:15:33Z",
                "2026-02-29T16:15:33Z", // not a leap year
                "1900-02-29T00:00:00Z",
                "2026-04-31T00:00:00Z",
                "2026-12-00T00:00:00Z",
                "2026-12-03T25:00:00Z",
                "2026-12-03T16:60:00Z",
                "2026-12-03T16:15:61Z",
                "2026-12-03T-1:15:33Z",
                "2026-1２-03T16:15:33Z", // a full-width digit
                "2026-12-03T16:15:33ZZ",
                "02026-12-03T16:15:33Z"
            })
    void text_instant_parse_refuses_is_refused_with_its_exception(String text) {
        DateTimeParseException jdk = assertThrows(DateTimeParseException.class, () -> Instant.parse(text));
        DateTimeParseException ours = assertThrows(DateTimeParseException.class, () -> UtcText.parse(text));
        assertEquals(jdk.getMessage(), ours.getMessage());
    }

    private static void assertSameAsJdk(Instant instant) {
        assertSameAsJdk(NANOS, UtcText::nanos, instant);
        assertSameAsJdk(SECONDS, UtcText::seconds, instant);
        assertSameAsJdk(DOCUMENT, UtcText::document, instant);
        assertSameAsJdk(DOCUMENT_WITH_COLON, UtcText::documentWithColon, instant);
    }

    private static void assertSameAsJdk(DateTimeFormatter jdk, Function<Instant, String> ours, Instant instant) {
        String expected;
        try {
            expected = jdk.format(instant);
        } catch (DateTimeException refused) {
            assertThrows(refused.getClass(), () -> ours.apply(instant), instant.toString());
            return;
        }
        assertEquals(expected, ours.apply(instant), instant.toString());
    }
}
