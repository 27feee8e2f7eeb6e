package dev.jetonvoucher.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.PaymentAggregates.Bucket;
import dev.jetonvoucher.payment.PaymentAggregates.Change;
import dev.jetonvoucher.payment.PaymentAggregates.Tally;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaymentAggregatesTest {

    private static final CurrencyUnit EUR = CurrencyUnit.of("EUR");
    private static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);

    private static Payment payment(String id, PaymentType type, long amount, Instant createdAt) {
        return Payment.builder()
                .key(new PaymentKey(239, id))
                .type(type)
                .amount(Money.ofMinor(amount, EUR))
                .customerId("c-1")
                .channel(Channel.GATE)
                .requestId("r-1")
                .operationId(1)
                .createdAt(createdAt)
                .updatedAt(createdAt)
                .limitAt(createdAt.plusSeconds(600))
                .funds(type == PaymentType.PAYOUT ? Funds.RESERVED : Funds.NOT_APPLICABLE)
                .build();
    }

    @Test
    void a_new_payment_adds_one_of_its_amount_to_its_utc_creation_day_status_type_and_currency() {
        Payment payout = payment("p-1", PaymentType.PAYOUT, 4_000, Instant.parse("2026-03-01T23:59:59.999Z"));

        assertEquals(
                List.of(new Change(
                        new Bucket(MARCH_1, PaymentStatus.PROCESSING, OperationType.PAYOUT, EUR), new Tally(1, 4_000))),
                PaymentAggregates.created(payout));
    }

    @Test
    void a_finish_moves_the_payment_from_processing_to_its_final_status_on_its_creation_day() {
        Payment sale = payment("s-1", PaymentType.PURCHASE, 2_500, Instant.parse("2026-03-01T10:00:00Z"));
        Payment declined = sale.toBuilder()
                .status(PaymentStatus.DECLINE)
                .updatedAt(Instant.parse("2026-03-05T10:00:00Z"))
                .build();

        assertEquals(
                List.of(
                        new Change(
                                new Bucket(MARCH_1, PaymentStatus.PROCESSING, OperationType.SALE, EUR),
                                new Tally(-1, -2_500)),
                        new Change(
                                new Bucket(MARCH_1, PaymentStatus.DECLINE, OperationType.SALE, EUR),
                                new Tally(1, 2_500))),
                PaymentAggregates.moved(sale, declined));
    }

    @Test
    void a_change_that_keeps_the_status_moves_nothing() {
        Payment sale = payment("s-1", PaymentType.PURCHASE, 2_500, Instant.parse("2026-03-01T10:00:00Z"));

        assertEquals(
                List.of(),
                PaymentAggregates.moved(
                        sale, sale.toBuilder().providerPaymentId("JV1").build()));
    }

    @Test
    void a_change_cannot_move_a_payment_to_another_day_amount_or_type() {
        Payment sale = payment("s-1", PaymentType.PURCHASE, 2_500, Instant.parse("2026-03-01T10:00:00Z"));

        assertThrows(
                IllegalArgumentException.class,
                () -> PaymentAggregates.moved(
                        sale,
                        sale.toBuilder()
                                .createdAt(sale.createdAt().plusSeconds(86_400))
                                .build()));
        assertThrows(
                IllegalArgumentException.class,
                () -> PaymentAggregates.moved(
                        sale, sale.toBuilder().amount(Money.ofMinor(1, EUR)).build()));
        assertThrows(
                IllegalArgumentException.class,
                () -> PaymentAggregates.moved(
                        sale, sale.toBuilder().type(PaymentType.PAYOUT).build()));
    }

    @Test
    void created_then_moved_adds_up_to_a_recount_of_the_final_payments() {
        Payment sale = payment("s-1", PaymentType.PURCHASE, 2_500, Instant.parse("2026-03-01T10:00:00Z"));
        Payment payout = payment("p-1", PaymentType.PAYOUT, 900, Instant.parse("2026-03-02T00:00:00Z"));
        Payment success = sale.toBuilder().status(PaymentStatus.SUCCESS).build();
        Map<Bucket, Tally> totals = new HashMap<>();

        PaymentAggregates.apply(totals, PaymentAggregates.created(sale));
        PaymentAggregates.apply(totals, PaymentAggregates.created(payout));
        PaymentAggregates.apply(totals, PaymentAggregates.moved(sale, success));

        assertEquals(PaymentAggregates.recount(List.of(success, payout)), totals);
        assertEquals(
                Map.of(
                        new Bucket(MARCH_1, PaymentStatus.SUCCESS, OperationType.SALE, EUR), new Tally(1, 2_500),
                        new Bucket(MARCH_1.plusDays(1), PaymentStatus.PROCESSING, OperationType.PAYOUT, EUR),
                                new Tally(1, 900)),
                totals,
                "an emptied bucket is gone, not a zero");
    }
}
