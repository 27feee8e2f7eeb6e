package dev.jetonvoucher.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DashboardQueryTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-03-15");

    private static DashboardQuery parse(String... pairs) {
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            parameters.put(pairs[i], pairs[i + 1]);
        }
        return DashboardQuery.parse(parameters::get, TODAY);
    }

    @Test
    void without_parameters_it_is_the_last_seven_days_including_today() {
        DashboardQuery query = parse();
        assertEquals(LocalDate.parse("2026-03-09"), query.first());
        assertEquals(TODAY, query.last());
        assertEquals(Instant.parse("2026-03-16T00:00:00Z"), query.period().to());
        assertEquals(query, DashboardQuery.defaults(TODAY));
    }

    @Test
    void reads_every_filter_and_writes_them_back_into_links() {
        DashboardQuery query = parse(
                "from",
                "2026-02-01",
                "to",
                "2026-02-28",
                "status",
                "decline",
                "type",
                "payout",
                "payment_id",
                "order #1 & co",
                "cursor",
                "abc.def");
        assertEquals(Optional.of(PaymentStatus.DECLINE), query.status());
        assertEquals(Optional.of(OperationType.PAYOUT), query.type());
        String link = query.queryString();
        assertEquals(
                "from=2026-02-01&to=2026-02-28&status=decline&type=payout&payment_id=order+%231+%26+co&cursor=abc.def",
                link);
        Map<String, String> back = new HashMap<>();
        for (String pair : link.split("&")) {
            String[] nameValue = pair.split("=", 2);
            back.put(nameValue[0], URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }
        assertEquals(query, DashboardQuery.parse(back::get, TODAY));
        assertEquals(
                "from=2026-02-01&to=2026-02-28&status=decline&type=payout&payment_id=order+%231+%26+co",
                query.withCursor(null).queryString());
    }

    @Test
    void blank_parameters_mean_any() {
        DashboardQuery query = parse("status", "", "type", " ", "payment_id", "");
        assertEquals(Optional.empty(), query.status());
        assertEquals(Optional.empty(), query.type());
        assertEquals(null, query.paymentId());
    }

    @Test
    void names_the_parameter_it_cannot_use() {
        assertEquals(
                "from",
                assertThrows(QueryException.class, () -> parse("from", "01/02/2026"))
                        .field());
        assertEquals(
                "status",
                assertThrows(QueryException.class, () -> parse("status", "paid"))
                        .field());
        assertEquals(
                "type",
                assertThrows(QueryException.class, () -> parse("type", "refund"))
                        .field());
        assertEquals(
                "to",
                assertThrows(QueryException.class, () -> parse("from", "2026-03-10", "to", "2026-03-01"))
                        .field());
        assertEquals(
                "to",
                assertThrows(QueryException.class, () -> parse("from", "2026-01-01", "to", "2026-02-01"))
                        .field());
        assertEquals(
                LocalDate.parse("2026-01-01"),
                parse("from", "2026-01-01", "to", "2026-01-31").first(),
                "31 days is fine");
    }

    @Test
    void days_beyond_the_supported_range_are_named_not_failed() {
        assertEquals(
                "to",
                assertThrows(QueryException.class, () -> parse("to", "+999999999-12-31"))
                        .field());
        assertEquals(
                "from",
                assertThrows(QueryException.class, () -> parse("from", "-999999999-01-01", "to", "2026-03-01"))
                        .field());
        assertEquals(
                "from",
                assertThrows(QueryException.class, () -> parse("from", "+999999999-12-25"))
                        .field());
        assertEquals(
                "to",
                assertThrows(QueryException.class, () -> parse("from", "9999-12-25", "to", "9999-12-31"))
                        .field());
        assertEquals(
                Instant.parse("9999-12-31T00:00:00Z"),
                parse("from", "9999-12-24", "to", "9999-12-30").period().to(),
                "the last supported day");
        assertEquals(
                LocalDate.parse("1970-01-01"),
                parse("from", "1970-01-01", "to", "1970-01-07").first());
    }

    @Test
    void a_payment_id_filter_is_text_a_payment_id_can_be() {
        assertEquals(
                "payment_id",
                assertThrows(QueryException.class, () -> parse("payment_id", "order-\ud800"))
                        .field());
        assertEquals(
                "payment_id",
                assertThrows(QueryException.class, () -> parse("payment_id", "x".repeat(256)))
                        .field());
    }
}
