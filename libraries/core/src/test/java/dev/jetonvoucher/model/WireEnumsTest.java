package dev.jetonvoucher.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class WireEnumsTest {

    @Test
    void wire_values_are_the_ecommpay_strings() {
        assertEquals(List.of("purchase", "payout"), List.of(PaymentType.PURCHASE.wire(), PaymentType.PAYOUT.wire()));
        assertEquals(List.of("sale", "payout"), List.of(OperationType.SALE.wire(), OperationType.PAYOUT.wire()));
        assertEquals(
                List.of("processing", "success", "decline", "error"),
                List.of(
                        PaymentStatus.PROCESSING.wire(), PaymentStatus.SUCCESS.wire(),
                        PaymentStatus.DECLINE.wire(), PaymentStatus.ERROR.wire()));
    }

    @ParameterizedTest
    @EnumSource(PaymentType.class)
    void payment_type_round_trips_through_its_wire_value(PaymentType type) {
        assertEquals(type, PaymentType.fromWire(type.wire()));
    }

    @ParameterizedTest
    @EnumSource(OperationType.class)
    void operation_type_round_trips_through_its_wire_value(OperationType type) {
        assertEquals(type, OperationType.fromWire(type.wire()));
    }

    @ParameterizedTest
    @EnumSource(PaymentStatus.class)
    void payment_status_round_trips_through_its_wire_value(PaymentStatus status) {
        assertEquals(status, PaymentStatus.fromWire(status.wire()));
    }

    @Test
    void a_purchase_is_a_sale_operation_and_a_payout_a_payout_operation() {
        assertEquals(OperationType.SALE, PaymentType.PURCHASE.operationType());
        assertEquals(OperationType.PAYOUT, PaymentType.PAYOUT.operationType());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "PURCHASE", "Purchase", " purchase", "purchase ", "refund", "recurring", "sale"})
    void unknown_payment_types_are_rejected(String wire) {
        assertThrows(IllegalArgumentException.class, () -> PaymentType.fromWire(wire));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "SALE", "Sale", " sale", "refund", "auth", "purchase"})
    void unknown_operation_types_are_rejected(String wire) {
        assertThrows(IllegalArgumentException.class, () -> OperationType.fromWire(wire));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "SUCCESS", "Success", "awaiting customer", "internal error", "cancelled", "refunded"})
    void unknown_payment_statuses_are_rejected(String wire) {
        assertThrows(IllegalArgumentException.class, () -> PaymentStatus.fromWire(wire));
    }

    @Test
    void the_rejection_names_the_value_but_bounds_its_length() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PaymentType.fromWire("refund"));
        assertEquals("unknown payment type: \"refund\"", e.getMessage());

        IllegalArgumentException longOne =
                assertThrows(IllegalArgumentException.class, () -> PaymentStatus.fromWire("x".repeat(10_000)));
        assertTrue(longOne.getMessage().length() < 100, longOne.getMessage());

        IllegalArgumentException missing =
                assertThrows(IllegalArgumentException.class, () -> OperationType.fromWire(null));
        assertEquals("operation type is missing", missing.getMessage());
    }
}
