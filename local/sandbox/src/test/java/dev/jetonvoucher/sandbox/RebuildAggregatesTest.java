package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.aws.DynamoPaymentStore;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.local.TemplateResources;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentAggregates;
import dev.jetonvoucher.payment.PaymentStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bin/rebuild-aggregates on a sandbox's state: wrong or lost days come back as a recount of the payments. */
class RebuildAggregatesTest {

    private static final long PROJECT = 1818;
    private static final Instant START = Instant.parse("2026-03-01T06:00:00Z");

    record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RebuildAggregates.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void rebuilds_the_days_whose_aggregates_differ_from_their_payments_and_leaves_the_rest() {
        LocalAwsEndpoint endpoint = LocalAwsEndpoint.shared();
        String state = TemplateResources.uniquePrefix("rebuild").replaceAll("-$", "");
        TemplateResources.Deployed tables =
                TemplateResources.create(SamTemplate.load(SamTemplate.locate()), endpoint, state + "-");
        PaymentStore store = new DynamoPaymentStore(
                endpoint.dynamoDb(), tables.tableName("PaymentsTable"), tables.tableName("BalancesTable"));
        List<Payment> written = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Payment payment = PaymentHistory.payment(
                    PROJECT,
                    "r-" + i,
                    PaymentType.PURCHASE,
                    START.plus(Duration.ofHours(8L * i)),
                    i % 3 == 0 ? PaymentStatus.DECLINE : PaymentStatus.SUCCESS,
                    1_000 + i,
                    "order " + i);
            store.create(payment);
            written.add(payment);
        }
        LocalDate first = LocalDate.of(2026, 3, 1);
        store.replaceTotals(PROJECT, first, Map.of()); // as if the day's aggregates were lost

        Run rebuilt = run(
                "--project-id",
                Long.toString(PROJECT),
                "--from",
                "2026-03-01",
                "--to",
                "2026-03-04",
                "--aws-endpoint",
                endpoint.endpoint().toString(),
                "--state-prefix",
                state);

        assertEquals(0, rebuilt.status(), rebuilt.err());
        assertEquals(
                List.of(
                        "2026-03-01  3 payments  rebuilt (the aggregates counted 0)",
                        "2026-03-02  3 payments  unchanged",
                        "2026-03-03  3 payments  unchanged",
                        "2026-03-04  0 payments  unchanged",
                        "project " + PROJECT + ": 9 payments, 1 of 4 days rebuilt in " + state + "-PaymentsTable"),
                rebuilt.out().lines().toList());
        assertEquals(PaymentAggregates.recount(written), store.totals(PROJECT, first, first.plusDays(3)));
        assertTrue(
                run(
                                "--project-id",
                                Long.toString(PROJECT),
                                "--from",
                                "2026-03-01",
                                "--to",
                                "2026-03-04",
                                "--aws-endpoint",
                                endpoint.endpoint().toString(),
                                "--state-prefix",
                                state)
                        .out()
                        .contains(": 9 payments, 0 of 4 days rebuilt"),
                "a second run finds nothing to do");
    }

    @Test
    void bad_options_are_one_line_and_the_usage_with_exit2() {
        Run reversed = run("--project-id", "1", "--from", "2026-03-05", "--to", "2026-03-01", "--table", "t");
        assertEquals(2, reversed.status());
        assertTrue(
                reversed.err()
                        .startsWith("bin/rebuild-aggregates: --from 2026-03-05 is after --to 2026-03-01\n"
                                + RebuildAggregates.USAGE),
                reversed.err());
        assertEquals(
                2,
                run("--project-id", "x", "--from", "2026-03-01", "--to", "2026-03-01", "--table", "t")
                        .status());
        assertEquals(
                2,
                run("--from", "2026-03-01", "--to", "2026-03-01", "--table", "t")
                        .status());
        assertEquals(
                2,
                run("--project-id", "1", "--from", "2025-01-01", "--to", "2026-03-01", "--table", "t")
                        .status());
    }
}
