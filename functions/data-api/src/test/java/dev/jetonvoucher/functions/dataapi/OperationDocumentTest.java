package dev.jetonvoucher.functions.dataapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.payment.Compensation;
import dev.jetonvoucher.payment.Funds;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The Data API's operation document: a compensated operation says what was undone at the provider, and how it went. */
class OperationDocumentTest {

    private static final Instant DECLINED = Instant.parse("2026-03-01T10:00:06Z");
    private static final Payment PAYOUT = Payment.builder()
            .key(new PaymentKey(239, "payout-9"))
            .type(PaymentType.PAYOUT)
            .status(PaymentStatus.DECLINE)
            .amount(Money.ofMinor(60_000, "EUR"))
            .channel(Channel.GATE)
            .requestId("r")
            .operationId(1_772_359_200_000_123L)
            .createdAt(Instant.parse("2026-03-01T10:00:00Z"))
            .updatedAt(DECLINED)
            .resultCode("20602")
            .resultMessage("Time-out")
            .funds(Funds.RELEASED)
            .build();

    @Test
    void a_compensated_operation_carries_its_compensation_in_the_requested_time_zone() {
        Payment compensated = PAYOUT.toBuilder()
                .compensation(new Compensation(
                        Compensation.Action.VOID_VOUCHERS,
                        Compensation.State.COMPLETED,
                        "limit time: the provider could not stop the operation",
                        DECLINED,
                        DECLINED.plusSeconds(20),
                        "vouchers voided: none of them can be redeemed",
                        3))
                .build();

        JsonNode compensation =
                OperationsApi.operation(compensated, ZoneId.of("Europe/Malta")).path("compensation");

        assertEquals("void_vouchers", compensation.path("action").asText());
        assertEquals("completed", compensation.path("state").asText());
        assertEquals(
                "limit time: the provider could not stop the operation",
                compensation.path("reason").asText());
        assertEquals(
                "2026-03-01T11:00:06.000+01:00", compensation.path("opened_at").asText());
        assertEquals(
                "2026-03-01T11:00:26.000+01:00", compensation.path("closed_at").asText());
        assertEquals(
                "vouchers voided: none of them can be redeemed",
                compensation.path("outcome").asText());
        assertEquals(3, compensation.path("attempts").asInt());
    }

    @Test
    void a_pending_compensation_has_no_close_yet_and_an_uncompensated_operation_no_compensation() {
        Payment pending = PAYOUT.toBuilder()
                .compensation(Compensation.open(
                        PaymentType.PAYOUT,
                        "provider success (provider-notification) after the decline 20602",
                        DECLINED))
                .build();

        JsonNode compensation =
                OperationsApi.operation(pending, ZoneId.of("UTC")).path("compensation");
        assertEquals("pending", compensation.path("state").asText());
        assertFalse(compensation.has("closed_at"));
        assertFalse(compensation.has("outcome"));
        assertEquals(0, compensation.path("attempts").asInt());

        assertFalse(OperationsApi.operation(PAYOUT, ZoneId.of("UTC")).has("compensation"));
    }
}
