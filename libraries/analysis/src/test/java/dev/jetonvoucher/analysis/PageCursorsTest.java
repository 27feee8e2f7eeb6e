package dev.jetonvoucher.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.payment.PaymentStore.CreatedPosition;
import dev.jetonvoucher.project.Project;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PageCursorsTest {

    private static final Project PROJECT = TestProjects.project(41, "secret-41");
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final Period PERIOD = Period.requested(START, START.plusSeconds(86_400), "to");
    private static final PaymentFilter DECLINED = new PaymentFilter(Set.of(PaymentStatus.DECLINE), Set.of(), null);
    private static final CreatedPosition POSITION =
            new CreatedPosition(Instant.parse("2026-03-01T10:00:00.123456789Z"), "order#7 é");

    private final PageCursors cursors = PageCursors.of(PROJECT, "test");

    @Test
    void decodes_what_it_encoded_for_the_same_query() {
        String cursor = cursors.encode(PERIOD, DECLINED, POSITION);
        assertEquals(POSITION, cursors.decode(cursor, PERIOD, DECLINED, "cursor"));
        assertFalse(cursor.contains("secret"), cursor);
    }

    @Test
    void refuses_a_cursor_of_another_query() {
        String cursor = cursors.encode(PERIOD, DECLINED, POSITION);
        assertForeign(() -> cursors.decode(cursor, PERIOD, PaymentFilter.EVERYTHING, "cursor"));
        assertForeign(() -> cursors.decode(
                cursor,
                PERIOD,
                new PaymentFilter(Set.of(PaymentStatus.DECLINE), Set.of(OperationType.SALE), null),
                "cursor"));
        assertForeign(() ->
                cursors.decode(cursor, Period.requested(START, START.plusSeconds(86_401), "to"), DECLINED, "cursor"));
    }

    @Test
    void refuses_a_cursor_of_another_project_or_purpose() {
        String cursor = cursors.encode(PERIOD, DECLINED, POSITION);
        assertForeign(() -> PageCursors.of(TestProjects.project(42, "secret-42"), "test")
                .decode(cursor, PERIOD, DECLINED, "cursor"));
        assertForeign(() -> PageCursors.of(TestProjects.project(41, "a new secret"), "test")
                .decode(cursor, PERIOD, DECLINED, "cursor"));
        assertForeign(() -> PageCursors.of(PROJECT, "other").decode(cursor, PERIOD, DECLINED, "cursor"));
    }

    @Test
    void refuses_another_spelling_of_the_same_mac() {
        String cursor = cursors.encode(PERIOD, DECLINED, POSITION);
        String respelled = cursor.substring(0, cursor.length() - 1)
                + DashboardSessionsTest.flipUnusedBit(cursor.charAt(cursor.length() - 1));
        assertForeign(() -> cursors.decode(respelled, PERIOD, DECLINED, "cursor"));
    }

    @Test
    void refuses_an_edited_position() {
        String cursor = cursors.encode(PERIOD, DECLINED, POSITION);
        String mac = cursor.substring(cursor.indexOf('.'));
        String edited = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("2026-03-01T00:00:00Z\norder#1".getBytes(StandardCharsets.UTF_8))
                + mac;
        assertForeign(() -> cursors.decode(edited, PERIOD, DECLINED, "cursor"));
        assertForeign(() -> cursors.decode(cursor.substring(0, cursor.length() - 2), PERIOD, DECLINED, "cursor"));
    }

    @Test
    void refuses_garbage() {
        for (String garbage : new String[] {"", ".", "abc", "abc.", ".abc", "!!!.???", "a".repeat(2000) + ".b"}) {
            assertForeign(() -> cursors.decode(garbage, PERIOD, DECLINED, "cursor"));
        }
    }

    private static void assertForeign(org.junit.jupiter.api.function.Executable decode) {
        assertEquals("cursor", assertThrows(QueryException.class, decode).field());
    }
}
