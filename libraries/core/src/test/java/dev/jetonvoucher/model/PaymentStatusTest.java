package dev.jetonvoucher.model;

import static dev.jetonvoucher.model.PaymentStatus.DECLINE;
import static dev.jetonvoucher.model.PaymentStatus.ERROR;
import static dev.jetonvoucher.model.PaymentStatus.PROCESSING;
import static dev.jetonvoucher.model.PaymentStatus.SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class PaymentStatusTest {

    /** The whole state machine: processing ends in exactly one final status. */
    private static final Set<String> ALLOWED =
            Set.of("processing->success", "processing->decline", "processing->error");

    static Stream<Arguments> everyPairOfStatuses() {
        return Arrays.stream(PaymentStatus.values())
                .flatMap(from -> Arrays.stream(PaymentStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPairOfStatuses")
    void only_processing_may_move_to_a_final_status(PaymentStatus from, PaymentStatus to) {
        boolean allowed = ALLOWED.contains(from.wire() + "->" + to.wire());

        assertEquals(allowed, from.canTransitionTo(to));
        if (allowed) {
            assertSame(to, from.transitionTo(to));
        } else {
            IllegalStatusTransitionException e =
                    assertThrows(IllegalStatusTransitionException.class, () -> from.transitionTo(to));
            assertEquals(from.wire(), e.from());
            assertEquals(to.wire(), e.to());
            assertEquals("payment status cannot change from " + from.wire() + " to " + to.wire(), e.getMessage());
        }
    }

    @Test
    void every_pair_is_covered() {
        assertEquals(16, everyPairOfStatuses().count());
    }

    @Test
    void success_decline_and_error_are_final_and_processing_is_not() {
        assertFalse(PROCESSING.isFinal());
        assertTrue(SUCCESS.isFinal());
        assertTrue(DECLINE.isFinal());
        assertTrue(ERROR.isFinal());
    }

    @ParameterizedTest
    @EnumSource(
            value = PaymentStatus.class,
            names = {"SUCCESS", "DECLINE", "ERROR"})
    void a_final_status_never_changes_not_even_to_itself(PaymentStatus finalStatus) {
        for (PaymentStatus next : PaymentStatus.values()) {
            assertFalse(finalStatus.canTransitionTo(next), finalStatus + " -> " + next);
        }
    }

    @Test
    void staying_in_processing_is_not_a_transition() {
        assertFalse(PROCESSING.canTransitionTo(PROCESSING));
        assertThrows(IllegalStatusTransitionException.class, () -> PROCESSING.transitionTo(PROCESSING));
    }

    @Test
    void the_exception_is_unchecked() {
        assertTrue(RuntimeException.class.isAssignableFrom(IllegalStatusTransitionException.class));
    }

    @Test
    void a_missing_next_status_is_a_programming_error() {
        assertThrows(NullPointerException.class, () -> PROCESSING.canTransitionTo(null));
        assertThrows(NullPointerException.class, () -> PROCESSING.transitionTo(null));
    }
}
