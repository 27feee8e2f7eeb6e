package dev.jetonvoucher.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.aws.DynamoPaymentStore;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.local.TemplateResources;
import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.payment.PaymentStore.CreatedPage;
import dev.jetonvoucher.payment.PaymentStore.CreatedPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link PaymentSearch} over the by-project-created-keys index of the template's PaymentsTable, on the local endpoint. */
class PaymentSearchTest {

    private static final long PROJECT = 7101;
    private static final long OTHER_PROJECT = 7102;
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final Period THREE_DAYS = Period.requested(START, START.plus(Duration.ofDays(3)), "to");
    private static final PaymentStatus[] STATUSES = {
        PaymentStatus.SUCCESS,
        PaymentStatus.SUCCESS,
        PaymentStatus.DECLINE,
        PaymentStatus.PROCESSING,
        PaymentStatus.ERROR,
        PaymentStatus.SUCCESS,
        PaymentStatus.DECLINE
    };

    private static PaymentStore store;
    private static History history;

    @BeforeAll
    static void seed() {
        TemplateResources.Deployed tables = TemplateResources.create(
                SamTemplate.load(SamTemplate.locate()),
                LocalAwsEndpoint.shared(),
                TemplateResources.uniquePrefix("search"));
        store = new DynamoPaymentStore(
                LocalAwsEndpoint.shared().dynamoDb(),
                tables.tableName("PaymentsTable"),
                tables.tableName("BalancesTable"));
        history = new History(store);
        // 320 payments over four days (one outside the period), several sharing a creation instant.
        for (int i = 0; i < 320; i++) {
            Instant created = START.minus(Duration.ofHours(6)).plus(Duration.ofMinutes(i / 2 * 18L));
            PaymentStatus status = STATUSES[i % STATUSES.length];
            String id = "p-" + (i % 3 == 0 ? "z" : "a") + i;
            if (i % 4 == 0) {
                history.payout(PROJECT, id, created, status == PaymentStatus.SUCCESS ? PaymentStatus.DECLINE : status);
            } else {
                history.sale(PROJECT, id, created, status);
            }
            if (i % 10 == 0) {
                history.sale(OTHER_PROJECT, id, created, status);
            }
        }
    }

    static Stream<Arguments> queries() {
        return Stream.of(
                Arguments.of(PaymentFilter.EVERYTHING, 1),
                Arguments.of(PaymentFilter.EVERYTHING, 7),
                Arguments.of(PaymentFilter.EVERYTHING, 1000),
                Arguments.of(new PaymentFilter(Set.of(PaymentStatus.DECLINE), Set.of(), null), 5),
                Arguments.of(new PaymentFilter(Set.of(), Set.of(OperationType.PAYOUT), null), 9),
                Arguments.of(
                        new PaymentFilter(
                                Set.of(PaymentStatus.SUCCESS, PaymentStatus.ERROR), Set.of(OperationType.SALE), null),
                        13));
    }

    @ParameterizedTest
    @MethodSource("queries")
    void pages_concatenate_to_the_whole_result_in_creation_order(PaymentFilter filter, int limit) {
        List<String> expected = history.expected(PROJECT, THREE_DAYS, filter::matches);
        List<String> seen = new ArrayList<>();
        CreatedPosition position = null;
        int pages = 0;
        do {
            CreatedPage page = new PaymentSearch(store).page(PROJECT, THREE_DAYS, filter, position, limit);
            assertTrue(page.payments().size() <= limit);
            page.payments().forEach(p -> seen.add(p.key().paymentId()));
            position = page.next().orElse(null);
            pages++;
        } while (position != null && pages <= expected.size() + 1);
        assertEquals(expected, seen);
        assertTrue(expected.size() > 20, "the seed must make several pages: " + expected.size());
        assertEquals((expected.size() + limit - 1) / limit, pages, "a full last page ends without a cursor");
    }

    @Test
    void a_page_that_reads_its_maximum_ends_short_with_a_cursor_and_loses_nothing() {
        PaymentFilter errors = new PaymentFilter(Set.of(PaymentStatus.ERROR), Set.of(), null);
        PaymentSearch frugal = new PaymentSearch(store, 25);
        List<String> seen = new ArrayList<>();
        CreatedPosition position = null;
        int shortPagesWithCursor = 0;
        do {
            CreatedPage page = frugal.page(PROJECT, THREE_DAYS, errors, position, 10);
            page.payments().forEach(p -> seen.add(p.key().paymentId()));
            if (page.payments().size() < 10 && page.next().isPresent()) {
                shortPagesWithCursor++;
            }
            position = page.next().orElse(null);
        } while (position != null);
        assertEquals(history.expected(PROJECT, THREE_DAYS, errors::matches), seen);
        assertTrue(shortPagesWithCursor > 0);
    }

    @Test
    void payments_created_between_two_pages_never_shift_the_rest() {
        long project = 7103;
        for (int i = 0; i < 30; i++) {
            history.sale(project, String.format("s-%02d", i), START.plusSeconds(i * 60L), PaymentStatus.SUCCESS);
        }
        PaymentSearch search = new PaymentSearch(store);
        CreatedPage first = search.page(project, THREE_DAYS, PaymentFilter.EVERYTHING, null, 10);
        // Behind the position (never to be listed by this walk) and ahead of it (to be listed in its place).
        history.sale(project, "s-03-late", START.plusSeconds(3 * 60L), PaymentStatus.SUCCESS);
        history.sale(project, "s-15-new", START.plusSeconds(15 * 60L), PaymentStatus.DECLINE);
        history.sale(project, "s-99-newest", START.plusSeconds(99 * 60L), PaymentStatus.PROCESSING);
        List<String> seen = new ArrayList<>(
                first.payments().stream().map(p -> p.key().paymentId()).toList());
        CreatedPosition position = first.next().orElseThrow();
        while (position != null) {
            CreatedPage page = search.page(project, THREE_DAYS, PaymentFilter.EVERYTHING, position, 10);
            page.payments().forEach(p -> seen.add(p.key().paymentId()));
            position = page.next().orElse(null);
        }
        List<String> expected = new ArrayList<>(history.expected(project, THREE_DAYS, p -> true));
        expected.remove("s-03-late");
        assertEquals(expected, seen);
        assertTrue(seen.contains("s-15-new") && seen.contains("s-99-newest"));
    }

    @Test
    void a_payment_id_is_read_by_its_key_and_only_inside_the_period_and_project() {
        String inside = history.expected(PROJECT, THREE_DAYS, p -> p.status() == PaymentStatus.SUCCESS)
                .get(5);
        PaymentSearch search = new PaymentSearch(store);
        assertEquals(
                List.of(inside),
                ids(search.page(PROJECT, THREE_DAYS, new PaymentFilter(Set.of(), Set.of(), inside), null, 10)));
        assertEquals(
                List.of(),
                ids(search.page(PROJECT, THREE_DAYS, new PaymentFilter(Set.of(), Set.of(), "p-z0"), null, 10)),
                "p-z0 was created before the period");
        assertEquals(
                List.of(),
                ids(search.page(
                        PROJECT,
                        THREE_DAYS,
                        new PaymentFilter(Set.of(PaymentStatus.PROCESSING), Set.of(), inside),
                        null,
                        10)),
                inside + " is a success");
        assertEquals(
                List.of(), ids(search.page(7199, THREE_DAYS, new PaymentFilter(Set.of(), Set.of(), inside), null, 10)));
    }

    @Test
    void for_each_streams_every_match_in_order_and_only_of_its_project() {
        List<String> streamed = new ArrayList<>();
        new PaymentSearch(store)
                .forEach(
                        OTHER_PROJECT,
                        THREE_DAYS,
                        PaymentFilter.EVERYTHING,
                        p -> streamed.add(p.key().paymentId()));
        assertEquals(history.expected(OTHER_PROJECT, THREE_DAYS, p -> true), streamed);
        assertTrue(streamed.size() > 20);
    }

    @Test
    void positions_compare_in_the_index_order_utf8_bytes_not_utf16_units() {
        Instant at = START.plus(Duration.ofHours(1));
        String fullwidthA = "\uFF21";
        String emoji = "\uD83D\uDE00";
        assertTrue(fullwidthA.compareTo(emoji) > 0, "UTF-16 puts the surrogate pair first");
        assertTrue(
                new CreatedPosition(at, fullwidthA).compareTo(new CreatedPosition(at, emoji)) < 0,
                "UTF-8 (code point) order puts U+FF21 before U+1F600");
        assertTrue(
                new CreatedPosition(at, "b").compareTo(new CreatedPosition(at.plusNanos(1), "a")) < 0,
                "the created time comes first");
        assertEquals(0, new CreatedPosition(at, emoji).compareTo(new CreatedPosition(at, emoji)));

        long project = 7104;
        List<CreatedPosition> seeded = new ArrayList<>();
        for (String id : List.of(emoji, "b", fullwidthA, "Z", "\u00E9", "a", "a\uD83D\uDE00", "a\uFF21")) {
            seeded.add(CreatedPosition.of(history.sale(project, id, at, PaymentStatus.SUCCESS)));
        }
        seeded.add(CreatedPosition.of(history.sale(project, "0-later", at.plusSeconds(1), PaymentStatus.SUCCESS)));
        List<String> listed = new ArrayList<>();
        CreatedPosition position = null;
        do {
            CreatedPage page =
                    new PaymentSearch(store).page(project, THREE_DAYS, PaymentFilter.EVERYTHING, position, 1);
            page.payments().forEach(p -> listed.add(p.key().paymentId()));
            position = page.next().orElse(null);
        } while (position != null);
        assertEquals(
                seeded.stream().sorted().map(CreatedPosition::paymentId).toList(),
                listed,
                "the store lists payments in the positions' order");
        assertEquals(
                List.of("Z", "a", "a\uFF21", "a\uD83D\uDE00", "b", "\u00E9", fullwidthA, emoji, "0-later"), listed);
    }

    private static List<String> ids(CreatedPage page) {
        return page.payments().stream()
                .map(Payment::key)
                .map(k -> k.paymentId())
                .toList();
    }
}
