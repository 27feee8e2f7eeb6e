package dev.jetonvoucher.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.model.IllegalStatusTransitionException;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.payment.BalanceEffect;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Compensation;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.payment.PaymentStore.CreateOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lifecycle tables against a store's conditions: every callback move the domain's table allows, the store makes;
 * every other is refused before it reaches the store; and a compensation opens only on a declined payment, once, and
 * records each try once, forward only. The DynamoDB adapter (whose condition expressions this holds to the table) and
 * the in-memory one both extend it.
 */
public abstract class PaymentLifecycleContract {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    /** The store under test; tests use fresh project ids. */
    protected abstract PaymentStore payments();

    @ParameterizedTest
    @EnumSource(CallbackState.class)
    protected void the_store_moves_a_callback_exactly_along_the_domain_table(CallbackState from) {
        for (CallbackState to : CallbackState.values()) {
            Payment payment = stored(
                    TestPayments.sale(TestPayments.newKey(TestPayments.newProjectId()), 1_000, "4619000000000000017")
                            .withCallbackState(from));
            if (from.canMoveTo(to)) {
                assertTrue(payments().moveCallbackState(payment.key(), from, to), from + " -> " + to);
                assertEquals(to, payments().find(payment.key()).orElseThrow().callbackState());
                assertFalse(payments().moveCallbackState(payment.key(), from, to), "the condition holds it at " + to);
            } else {
                assertThrows(
                        IllegalStatusTransitionException.class,
                        () -> payments().moveCallbackState(payment.key(), from, to),
                        from + " -> " + to);
                assertEquals(from, payments().find(payment.key()).orElseThrow().callbackState(), "untouched");
            }
        }
    }

    @Test
    protected void a_compensation_opens_only_on_a_payment_that_ended_without_success_and_only_once() {
        Payment processing = stored(
                TestPayments.sale(TestPayments.newKey(TestPayments.newProjectId()), 1_000, "4619000000000000017"));
        Compensation opened = Compensation.open(PaymentType.PURCHASE, "provider success after decline 20602", AT);
        assertFalse(
                payments().openCompensation(processing.key(), processing.operationId(), opened), "still processing");

        Payment declined = decline(processing);
        assertFalse(
                payments().openCompensation(declined.key(), declined.operationId() + 1, opened), "another operation");
        assertTrue(payments().openCompensation(declined.key(), declined.operationId(), opened));
        assertFalse(payments().openCompensation(declined.key(), declined.operationId(), opened), "once");
        assertEquals(opened, payments().find(declined.key()).orElseThrow().compensation());

        Payment succeeded = stored(
                TestPayments.sale(TestPayments.newKey(TestPayments.newProjectId()), 1_000, "4619000000000000017"));
        Payment success = succeeded.finish(
                PaymentStatus.SUCCESS,
                "0",
                "Success",
                BalanceEffect.fundsAfter(succeeded.funds(), true),
                "JV1",
                AT,
                List.of(),
                AT);
        assertTrue(payments().finish(succeeded, success));
        assertFalse(payments().openCompensation(success.key(), success.operationId(), opened), "nothing to undo");
        assertNull(payments().find(success.key()).orElseThrow().compensation());
    }

    @Test
    protected void each_try_is_recorded_once_forward_only_and_the_closing_try_ends_the_compensation() {
        Payment declined = decline(stored(TestPayments.payout(TestPayments.newKey(TestPayments.newProjectId()), 50_000)
                .withFunds(dev.jetonvoucher.payment.Funds.INSUFFICIENT)));
        PaymentKey key = declined.key();
        assertTrue(payments()
                .openCompensation(
                        key,
                        declined.operationId(),
                        Compensation.open(
                                PaymentType.PAYOUT, "limit time: the provider could not stop the operation", AT)));

        Compensation.Attempt first =
                new Compensation.Attempt(1, AT.plusSeconds(5), "the provider is still processing it");
        assertTrue(payments().recordCompensationAttempt(key, first, Optional.empty()));
        assertFalse(payments().recordCompensationAttempt(key, first, Optional.empty()), "a duplicate records nothing");
        Compensation.Attempt third = new Compensation.Attempt(3, AT.plusSeconds(20), "vouchers voided");
        assertTrue(
                payments().recordCompensationAttempt(key, third, Optional.of(Compensation.State.COMPLETED)),
                "a try lost in a crash leaves a gap, never a stall");
        assertFalse(
                payments()
                        .recordCompensationAttempt(
                                key, new Compensation.Attempt(4, AT.plusSeconds(30), "late"), Optional.empty()),
                "closed");

        Compensation closed = payments().find(key).orElseThrow().compensation();
        assertEquals(Compensation.State.COMPLETED, closed.state());
        assertEquals("vouchers voided", closed.outcome());
        assertEquals(third.at(), closed.closedAt());
        assertEquals(3, closed.attempts());
        assertEquals(List.of(first, third), payments().compensationAttempts(key));
    }

    private Payment stored(Payment payment) {
        CreateOutcome outcome = payments().create(payment);
        assertTrue(outcome == CreateOutcome.CREATED || outcome == CreateOutcome.CREATED_WITHOUT_FUNDS, outcome.name());
        return payments().find(payment.key()).orElseThrow();
    }

    private Payment decline(Payment processing) {
        Payment declined = processing.finish(
                PaymentStatus.DECLINE,
                ResultCode.TIME_OUT.code(),
                ResultCode.TIME_OUT.message(),
                BalanceEffect.fundsAfter(processing.funds(), false),
                null,
                null,
                List.of(),
                AT);
        assertTrue(payments().finish(processing, declined));
        return payments().find(processing.key()).orElseThrow();
    }
}
