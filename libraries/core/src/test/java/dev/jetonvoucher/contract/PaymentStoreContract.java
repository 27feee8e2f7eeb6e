package dev.jetonvoucher.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.gate.Acceptance;
import dev.jetonvoucher.gate.Acknowledgement;
import dev.jetonvoucher.gate.PayoutCommand;
import dev.jetonvoucher.gate.SaleCommand;
import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.model.VoucherData;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.BalanceStore;
import dev.jetonvoucher.payment.BalanceStore.Balance;
import dev.jetonvoucher.payment.CallbackAttempt;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.payment.Funds;
import dev.jetonvoucher.payment.Ids;
import dev.jetonvoucher.payment.IssuedVoucher;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentAggregates;
import dev.jetonvoucher.payment.PaymentAggregates.Bucket;
import dev.jetonvoucher.payment.PaymentAggregates.Tally;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.payment.PaymentStore.CreateOutcome;
import dev.jetonvoucher.payment.PaymentStore.LateResult;
import dev.jetonvoucher.payment.TestIds;
import dev.jetonvoucher.project.InMemoryProjectDirectory;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.SandboxSettings;
import dev.jetonvoucher.provider.JetonProvider;
import dev.jetonvoucher.provider.ProviderVoucher;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import dev.jetonvoucher.workflow.Dispatcher;
import dev.jetonvoucher.workflow.Finalizer;
import dev.jetonvoucher.workflow.MessageOutcome;
import dev.jetonvoucher.workflow.StatusPoller;
import dev.jetonvoucher.workflow.WorkMessages;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PaymentStore} (with the {@link BalanceStore} its transactions move) must do: the conditions
 * that make a payment finish once, reserve once and claim each callback try once, under concurrent writers. The
 * DynamoDB adapter and the in-memory one both extend it.
 */
public abstract class PaymentStoreContract {

    private static final CurrencyUnit EUR = CurrencyUnit.of("EUR");
    /** Security codes of the vouchers these tests pay out and pay with: none may reach a table. */
    protected static final List<String> SECURITY_CODES = List.of("8317", "9462", "5078");

    /** The store under test. Tests use fresh project ids, so a store may be shared by a whole class. */
    protected abstract PaymentStore payments();

    /** The balances {@link #payments()} settles on. */
    protected abstract BalanceStore balances();

    /** A store on the same storage (or a fresh one) whose callback claims read {@code clock}. */
    protected abstract PaymentStore paymentsWithClock(Clock clock);

    /** How many acceptors race in one millisecond (each accepts three payments). */
    protected int concurrentAcceptors() {
        return 40;
    }

    protected long openedProject(long openingMinor) {
        long projectId = TestPayments.newProjectId();
        balances().openIfAbsent(projectId, Money.ofMinor(openingMinor, EUR));
        return projectId;
    }

    protected Balance balance(long projectId) {
        Balance balance = balances().find(projectId, EUR).orElseThrow();
        assertTrue(balance.conserved(), () -> "not conserved: " + balance);
        return balance;
    }

    /** A payment with every field set (nanosecond times, unicode, vouchers), as a store must give it back. */
    protected static Payment fullPayment(PaymentKey key, long operationId) {
        Instant created = Instant.parse("2026-03-01T10:00:00.123456789Z");
        return Payment.builder()
                .key(key)
                .type(PaymentType.PAYOUT)
                .amount(Money.ofMinor(12345, EUR))
                .customerId("customer-7")
                .customerIp("2001:db8::1")
                .accountNumber("4619123456789012345")
                .description("a description with ünïcode")
                .channel(Channel.PAYMENT_PAGE)
                .requestId("req-1")
                .operationId(operationId)
                .createdAt(created)
                .updatedAt(created.plusSeconds(1))
                .limitAt(created.plusSeconds(3600))
                .resultCode("0")
                .resultMessage("Success")
                .funds(Funds.INSUFFICIENT)
                .providerPaymentId("JV42")
                .providerDate(Instant.parse("2026-03-01T10:00:05Z"))
                .vouchers(issuedVouchers(Money.ofMinor(12345, EUR)))
                .callbackState(CallbackState.QUEUED)
                .callbackUrl(URI.create("https://shop.example/orders/17/callback?lang=de"))
                .build();
    }

    protected static List<IssuedVoucher> issuedVouchers(Money total) {
        Instant created = Instant.parse("2026-03-01T10:00:00Z");
        List<ProviderVoucher> fromProvider = List.of(
                new ProviderVoucher(
                        "4619000000000000017",
                        Money.ofMinor(total.minorUnits() / 2, EUR),
                        created,
                        created.plus(Duration.ofDays(365)),
                        SECURITY_CODES.get(1)),
                new ProviderVoucher(
                        "4619000000000000025",
                        Money.ofMinor(total.minorUnits() - total.minorUnits() / 2, EUR),
                        created,
                        created.plus(Duration.ofDays(365)),
                        SECURITY_CODES.get(2)));
        return fromProvider.stream().map(ProviderVoucher::withoutSecurityCode).toList();
    }

    @Nested
    class Create {

        @Test
        void stores_a_sale_once_and_reads_it_back_unchanged() {
            Payment sale =
                    TestPayments.sale(TestPayments.newKey(TestPayments.newProjectId()), 2500, "4619123456789012345");

            assertEquals(CreateOutcome.CREATED, payments().create(sale));
            assertEquals(
                    CreateOutcome.DUPLICATE,
                    payments().create(TestPayments.sale(sale.key(), 9900, "4619000000000000001")));
            assertEquals(Optional.of(sale), payments().find(sale.key()));
        }

        @Test
        void round_trips_every_field() {
            Payment full = fullPayment(TestPayments.newKey(TestPayments.newProjectId()), TestPayments.newOperationId());

            assertEquals(CreateOutcome.CREATED_WITHOUT_FUNDS, payments().create(full));
            assertEquals(Optional.of(full), payments().find(full.key()));
        }

        @Test
        void a_payout_reserves_its_amount_once() {
            long projectId = openedProject(10_000);
            Payment payout = TestPayments.payout(TestPayments.newKey(projectId), 2_500);

            assertEquals(CreateOutcome.CREATED, payments().create(payout));
            assertEquals(CreateOutcome.DUPLICATE, payments().create(TestPayments.payout(payout.key(), 2_500)));

            Balance balance = balance(projectId);
            assertEquals(7_500, balance.available().minorUnits());
            assertEquals(2_500, balance.reserved().minorUnits());
            assertEquals(
                    Funds.RESERVED, payments().find(payout.key()).orElseThrow().funds());
        }

        @Test
        void a_payout_the_balance_cannot_cover_is_stored_without_funds() {
            long projectId = openedProject(1_000);
            Payment payout = TestPayments.payout(TestPayments.newKey(projectId), 1_001);

            assertEquals(CreateOutcome.CREATED_WITHOUT_FUNDS, payments().create(payout));
            assertEquals(CreateOutcome.DUPLICATE, payments().create(TestPayments.payout(payout.key(), 10)));

            assertEquals(
                    Funds.INSUFFICIENT,
                    payments().find(payout.key()).orElseThrow().funds());
            assertEquals(1_000, balance(projectId).available().minorUnits());
        }

        @Test
        void a_payout_without_any_balance_is_stored_without_funds_and_creates_no_balance() {
            long projectId = TestPayments.newProjectId();
            Payment payout = TestPayments.payout(TestPayments.newKey(projectId), 1_000);

            assertEquals(CreateOutcome.CREATED_WITHOUT_FUNDS, payments().create(payout));
            assertEquals(Optional.empty(), balances().find(projectId, EUR));
        }

        @Test
        void fifty_concurrent_creates_of_one_key_store_one_and_reserve_once() {
            long projectId = openedProject(1_000_000);
            PaymentKey key = TestPayments.newKey(projectId);
            List<Payment> contenders = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                contenders.add(TestPayments.payout(key, 1_000));
            }

            List<CreateOutcome> outcomes = Concurrently.run(50, i -> payments().create(contenders.get(i)));

            assertEquals(
                    1, outcomes.stream().filter(o -> o == CreateOutcome.CREATED).count(), outcomes::toString);
            assertEquals(
                    49,
                    outcomes.stream().filter(o -> o == CreateOutcome.DUPLICATE).count(),
                    outcomes::toString);
            Payment winner = contenders.get(outcomes.indexOf(CreateOutcome.CREATED));
            assertEquals(Optional.of(winner), payments().find(key));
            assertEquals(1_000, balance(projectId).reserved().minorUnits());
        }

        @Test
        void concurrent_payouts_beyond_the_balance_reserve_only_what_is_covered() {
            long opening = 20_000;
            long projectId = openedProject(opening);
            List<Payment> payouts = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                payouts.add(TestPayments.payout(TestPayments.newKey(projectId), 1_000 + 100L * (i % 7)));
            }

            List<CreateOutcome> outcomes = Concurrently.run(30, i -> payments().create(payouts.get(i)));

            long reservedSum = 0;
            List<Payment> uncovered = new ArrayList<>();
            for (int i = 0; i < payouts.size(); i++) {
                Payment stored = payments().find(payouts.get(i).key()).orElseThrow();
                if (outcomes.get(i) == CreateOutcome.CREATED) {
                    assertEquals(Funds.RESERVED, stored.funds());
                    reservedSum += stored.amount().minorUnits();
                } else {
                    assertEquals(CreateOutcome.CREATED_WITHOUT_FUNDS, outcomes.get(i));
                    assertEquals(Funds.INSUFFICIENT, stored.funds());
                    uncovered.add(stored);
                }
            }
            Balance balance = balance(projectId);
            assertEquals(reservedSum, balance.reserved().minorUnits());
            assertEquals(opening - reservedSum, balance.available().minorUnits());
            assertTrue(balance.available().minorUnits() >= 0);
            assertFalse(uncovered.isEmpty(), "30 payouts of 10.00+ cannot all fit 200.00");
            // Nothing was released meanwhile, so every payout refused for funds is still more than what is left.
            for (Payment payout : uncovered) {
                assertTrue(
                        payout.amount().minorUnits() > balance.available().minorUnits(),
                        () -> payout + " was refused although " + balance.available() + " is available");
            }
        }
    }

    @Nested
    class Finish {

        @Test
        void a_successful_payout_moves_its_reservation_to_paid_out() {
            long projectId = openedProject(10_000);
            Payment payout = TestPayments.payout(TestPayments.newKey(projectId), 4_000);
            payments().create(payout);
            Payment finished = TestPayments.succeeded(payout, issuedVouchers(payout.amount()));

            assertTrue(payments().finish(payout, finished));

            assertEquals(Optional.of(finished), payments().find(payout.key()));
            Balance balance = balance(projectId);
            assertEquals(6_000, balance.available().minorUnits());
            assertEquals(0, balance.reserved().minorUnits());
            assertEquals(4_000, balance.paidOut().minorUnits());
        }

        @Test
        void a_declined_payout_releases_its_reservation() {
            long projectId = openedProject(10_000);
            Payment payout = TestPayments.payout(TestPayments.newKey(projectId), 4_000);
            payments().create(payout);

            assertTrue(payments().finish(payout, TestPayments.declined(payout)));

            Payment stored = payments().find(payout.key()).orElseThrow();
            assertEquals(PaymentStatus.DECLINE, stored.status());
            assertEquals(Funds.RELEASED, stored.funds());
            Balance balance = balance(projectId);
            assertEquals(10_000, balance.available().minorUnits());
            assertEquals(0, balance.reserved().minorUnits());
            assertEquals(0, balance.paidOut().minorUnits());
        }

        @Test
        void a_payout_without_funds_is_declined_without_touching_the_balance() {
            long projectId = openedProject(100);
            Payment payout = TestPayments.payout(TestPayments.newKey(projectId), 4_000);
            assertEquals(CreateOutcome.CREATED_WITHOUT_FUNDS, payments().create(payout));
            Payment stored = payments().find(payout.key()).orElseThrow();

            assertTrue(payments().finish(stored, TestPayments.declined(stored)));

            assertEquals(
                    Funds.INSUFFICIENT,
                    payments().find(payout.key()).orElseThrow().funds());
            assertEquals(100, balance(projectId).available().minorUnits());
        }

        @Test
        void a_successful_sale_credits_the_balance_even_before_it_is_opened() {
            long projectId = TestPayments.newProjectId();
            Payment sale = TestPayments.sale(TestPayments.newKey(projectId), 2_500, "4619123456789012345");
            payments().create(sale);

            assertTrue(payments().finish(sale, TestPayments.succeeded(sale, List.of())));

            Balance credited = balance(projectId);
            assertEquals(2_500, credited.available().minorUnits());
            assertEquals(2_500, credited.credited().minorUnits());
            assertEquals(0, credited.opening().minorUnits());
            // The opening balance still arrives with the project's first payout, on top of the credit.
            balances().openIfAbsent(projectId, Money.ofMinor(10_000, EUR));
            Balance opened = balance(projectId);
            assertEquals(12_500, opened.available().minorUnits());
            assertEquals(10_000, opened.opening().minorUnits());
        }

        @Test
        void a_declined_sale_leaves_the_balance_alone() {
            long projectId = openedProject(500);
            Payment sale = TestPayments.sale(TestPayments.newKey(projectId), 2_500, "4619123456789012345");
            payments().create(sale);

            assertTrue(payments().finish(sale, TestPayments.declined(sale)));

            assertEquals(500, balance(projectId).available().minorUnits());
            assertEquals(0, balance(projectId).credited().minorUnits());
        }

        @Test
        void finishing_keeps_the_payments_own_callback_url() {
            URI own = URI.create("https://shop.example/orders/18/callback");
            Payment sale =
                    TestPayments.sale(TestPayments.newKey(TestPayments.newProjectId()), 2_500, "4619123456789012345")
                            .toBuilder()
                            .callbackUrl(own)
                            .build();
            payments().create(sale);

            assertTrue(payments().finish(sale, TestPayments.declined(sale)));

            assertEquals(own, payments().find(sale.key()).orElseThrow().callbackUrl());
        }

        @Test
        void finishing_twice_changes_nothing_the_second_time() {
            long projectId = openedProject(10_000);
            Payment payout = TestPayments.payout(TestPayments.newKey(projectId), 4_000);
            payments().create(payout);
            Payment succeeded = TestPayments.succeeded(payout, issuedVouchers(payout.amount()));

            assertTrue(payments().finish(payout, succeeded));
            assertFalse(payments().finish(payout, succeeded));
            assertFalse(payments().finish(payout, TestPayments.declined(payout)));

            assertEquals(Optional.of(succeeded), payments().find(payout.key()));
            assertEquals(4_000, balance(projectId).paidOut().minorUnits());
            assertEquals(6_000, balance(projectId).available().minorUnits());
        }

        @Test
        void another_operation_cannot_finish_the_payment() {
            long projectId = openedProject(10_000);
            Payment payout = TestPayments.payout(TestPayments.newKey(projectId), 4_000);
            payments().create(payout);
            Payment impostor = TestPayments.payout(payout.key(), 4_000);

            assertFalse(payments().finish(impostor, TestPayments.declined(impostor)));
            assertEquals(
                    PaymentStatus.PROCESSING,
                    payments().find(payout.key()).orElseThrow().status());
            assertEquals(4_000, balance(projectId).reserved().minorUnits());
        }

        @Test
        void concurrent_finishes_of_one_payment_succeed_once() {
            long projectId = openedProject(10_000);
            Payment payout = TestPayments.payout(TestPayments.newKey(projectId), 4_000);
            payments().create(payout);

            List<Boolean> results = Concurrently.run(
                    12,
                    i -> payments()
                            .finish(
                                    payout,
                                    i % 2 == 0
                                            ? TestPayments.succeeded(payout, issuedVouchers(payout.amount()))
                                            : TestPayments.declined(payout)));

            assertEquals(1, results.stream().filter(Boolean::booleanValue).count(), results::toString);
            Payment stored = payments().find(payout.key()).orElseThrow();
            Balance balance = balance(projectId);
            assertEquals(0, balance.reserved().minorUnits());
            if (stored.status() == PaymentStatus.SUCCESS) {
                assertEquals(4_000, balance.paidOut().minorUnits());
                assertEquals(6_000, balance.available().minorUnits());
            } else {
                assertEquals(0, balance.paidOut().minorUnits());
                assertEquals(10_000, balance.available().minorUnits());
            }
        }

        @Test
        void keeps_a_provider_reference_recorded_after_the_payment_was_read() {
            long projectId = openedProject(10_000);
            Payment payout = TestPayments.payout(TestPayments.newKey(projectId), 4_000);
            payments().create(payout);
            payments().markDispatched(payout.key(), payout.operationId(), "JV-REF");

            assertTrue(payments().finish(payout, TestPayments.declined(payout))); // read before the dispatch

            assertEquals("JV-REF", payments().find(payout.key()).orElseThrow().providerPaymentId());
        }
    }

    @Nested
    class Dispatch {

        @Test
        void records_the_reference_of_the_processing_operation_only() {
            Payment sale =
                    TestPayments.sale(TestPayments.newKey(TestPayments.newProjectId()), 2_500, "4619123456789012345");
            payments().create(sale);

            payments().markDispatched(sale.key(), sale.operationId() + 1, "JV-OTHER");
            assertNull(payments().find(sale.key()).orElseThrow().providerPaymentId());

            payments().markDispatched(sale.key(), sale.operationId(), "JV-1");
            payments().markDispatched(sale.key(), sale.operationId(), "JV-1");
            assertEquals("JV-1", payments().find(sale.key()).orElseThrow().providerPaymentId());
        }

        @Test
        void leaves_a_final_payment_alone() {
            Payment sale =
                    TestPayments.sale(TestPayments.newKey(TestPayments.newProjectId()), 2_500, "4619123456789012345");
            payments().create(sale);
            payments().finish(sale, TestPayments.declined(sale));

            payments().markDispatched(sale.key(), sale.operationId(), "JV-LATE");

            assertNull(payments().find(sale.key()).orElseThrow().providerPaymentId());
        }

        @Test
        void missing_payment_is_not_created() {
            PaymentKey key = TestPayments.newKey(TestPayments.newProjectId());
            payments().markDispatched(key, 1, "JV-1");
            assertEquals(Optional.empty(), payments().find(key));
        }
    }

    @Nested
    class Callbacks {

        private PaymentKey finishedSale() {
            return finishedSale(payments());
        }

        private PaymentKey finishedSale(PaymentStore store) {
            Payment sale =
                    TestPayments.sale(TestPayments.newKey(TestPayments.newProjectId()), 2_500, "4619123456789012345");
            store.create(sale);
            store.finish(sale, TestPayments.succeeded(sale, List.of()));
            store.moveCallbackState(sale.key(), CallbackState.PENDING, CallbackState.QUEUED);
            return sale.key();
        }

        private CallbackAttempt failedAttempt(int number) {
            return new CallbackAttempt(
                    number,
                    Instant.parse("2026-03-01T10:00:00Z").plusSeconds(number),
                    500,
                    Duration.ofNanos(123_456_789),
                    null);
        }

        @Test
        void moves_the_state_only_from_the_expected_one() {
            Payment sale =
                    TestPayments.sale(TestPayments.newKey(TestPayments.newProjectId()), 2_500, "4619123456789012345");
            payments().create(sale);
            payments().finish(sale, TestPayments.succeeded(sale, List.of()));

            assertFalse(payments().moveCallbackState(sale.key(), CallbackState.QUEUED, CallbackState.DELIVERED));
            assertTrue(payments().moveCallbackState(sale.key(), CallbackState.PENDING, CallbackState.QUEUED));
            assertFalse(payments().moveCallbackState(sale.key(), CallbackState.PENDING, CallbackState.QUEUED));
            assertEquals(
                    CallbackState.QUEUED,
                    payments().find(sale.key()).orElseThrow().callbackState());
            assertFalse(
                    payments().moveCallbackState(TestPayments.newKey(1), CallbackState.PENDING, CallbackState.QUEUED));
        }

        @Test
        void an_attempt_is_claimed_once_and_the_next_after_it() {
            PaymentKey key = finishedSale();

            assertTrue(payments().claimCallbackAttempt(key, 1));
            assertFalse(payments().claimCallbackAttempt(key, 1));
            assertFalse(payments().claimCallbackAttempt(key, 3));
            payments().recordCallbackAttempt(key, failedAttempt(1), Optional.empty());
            assertFalse(payments().claimCallbackAttempt(key, 1));
            assertTrue(payments().claimCallbackAttempt(key, 2));
            assertFalse(payments().claimCallbackAttempt(key, 2));
            assertEquals(2, payments().find(key).orElseThrow().callbackAttempts());
        }

        @Test
        void concurrent_claims_of_one_attempt_succeed_once() {
            PaymentKey key = finishedSale();

            List<Boolean> claims = Concurrently.run(10, i -> payments().claimCallbackAttempt(key, 1));

            assertEquals(1, claims.stream().filter(Boolean::booleanValue).count(), claims::toString);
        }

        @Test
        void a_stale_unrecorded_claim_can_be_taken_again() {
            MutableClock clock = new MutableClock(Instant.now());
            PaymentStore store = paymentsWithClock(clock);
            PaymentKey key = finishedSale(store);

            assertTrue(store.claimCallbackAttempt(key, 1));
            clock.advance(Duration.ofSeconds(119));
            assertFalse(store.claimCallbackAttempt(key, 1), "the first claimer may still be posting");
            clock.advance(Duration.ofSeconds(2));
            assertTrue(store.claimCallbackAttempt(key, 1), "the first claimer crashed");
            assertFalse(store.claimCallbackAttempt(key, 1));

            store.recordCallbackAttempt(key, failedAttempt(1), Optional.empty());
            clock.advance(Duration.ofMinutes(10));
            assertFalse(store.claimCallbackAttempt(key, 1), "a recorded attempt is done");
            assertTrue(store.claimCallbackAttempt(key, 2));
        }

        @Test
        void nothing_is_claimed_after_delivery() {
            PaymentKey key = finishedSale();
            assertTrue(payments().claimCallbackAttempt(key, 1));

            payments()
                    .recordCallbackAttempt(
                            key,
                            new CallbackAttempt(1, Instant.now(), 200, Duration.ofMillis(12), null),
                            Optional.of(CallbackState.DELIVERED));

            assertEquals(
                    CallbackState.DELIVERED, payments().find(key).orElseThrow().callbackState());
            assertFalse(payments().claimCallbackAttempt(key, 2));
        }

        @Test
        void a_delivery_recorded_after_a_failure_of_the_same_try_still_delivers() {
            // Try 1 claimed twice (the first claimer went stale): one post failed and was recorded first, the other
            // got HTTP 200 and records after it. The try is already complete; the callback must still be delivered.
            MutableClock clock = new MutableClock(Instant.now());
            PaymentStore store = paymentsWithClock(clock);
            PaymentKey key = finishedSale(store);
            assertTrue(store.claimCallbackAttempt(key, 1));
            clock.advance(Duration.ofMinutes(3));
            assertTrue(store.claimCallbackAttempt(key, 1));

            store.recordCallbackAttempt(key, failedAttempt(1), Optional.empty());
            store.recordCallbackAttempt(
                    key,
                    new CallbackAttempt(1, clock.instant(), 200, Duration.ofMillis(12), null),
                    Optional.of(CallbackState.DELIVERED));

            assertEquals(CallbackState.DELIVERED, store.find(key).orElseThrow().callbackState());
            assertFalse(store.claimCallbackAttempt(key, 2));
        }

        @Test
        void a_final_state_recorded_with_its_try_ends_the_claims() {
            PaymentKey key = finishedSale();
            assertTrue(payments().claimCallbackAttempt(key, 1));

            payments().recordCallbackAttempt(key, failedAttempt(1), Optional.of(CallbackState.FAILED));

            assertEquals(
                    CallbackState.FAILED, payments().find(key).orElseThrow().callbackState());
            assertFalse(payments().claimCallbackAttempt(key, 1), "a recorded attempt is done");
            assertEquals(List.of(failedAttempt(1)), payments().callbackAttempts(key));
        }

        @Test
        void a_late_failure_cannot_undo_a_delivery() {
            PaymentKey key = finishedSale();
            payments().claimCallbackAttempt(key, 1);
            payments().claimCallbackAttempt(key, 2);
            payments()
                    .recordCallbackAttempt(
                            key,
                            new CallbackAttempt(2, Instant.now(), 200, Duration.ofMillis(12), null),
                            Optional.of(CallbackState.DELIVERED));

            payments().recordCallbackAttempt(key, failedAttempt(1), Optional.of(CallbackState.FAILED));

            assertEquals(
                    CallbackState.DELIVERED, payments().find(key).orElseThrow().callbackState());
            assertEquals(2, payments().callbackAttempts(key).size());
        }

        @Test
        void records_every_attempt_in_order() {
            PaymentKey key = finishedSale();
            CallbackAttempt refused = new CallbackAttempt(
                    1,
                    Instant.parse("2026-03-01T10:00:00.5Z"),
                    0,
                    Duration.ofNanos(2_000_001),
                    "ConnectException: Connection refused");
            CallbackAttempt failed = failedAttempt(2);
            CallbackAttempt delivered =
                    new CallbackAttempt(10, Instant.parse("2026-03-01T11:00:00Z"), 200, Duration.ofMillis(15), null);

            payments().recordCallbackAttempt(key, delivered, Optional.of(CallbackState.DELIVERED));
            payments().recordCallbackAttempt(key, refused, Optional.empty());
            payments().recordCallbackAttempt(key, failed, Optional.empty());

            assertEquals(List.of(refused, failed, delivered), payments().callbackAttempts(key));
            assertEquals(List.of(), payments().callbackAttempts(TestPayments.newKey(1)));
        }
    }

    @Nested
    class LateResults {

        @Test
        void keeps_every_late_result_in_the_order_received() {
            Payment sale =
                    TestPayments.sale(TestPayments.newKey(TestPayments.newProjectId()), 2_500, "4619123456789012345");
            payments().create(sale);
            Instant at = Instant.parse("2026-03-01T10:00:00Z");
            LateResult second = new LateResult(
                    at.plusMillis(1500), "poll", "success", "0", "duplicate, payment already success (0)");
            LateResult first =
                    new LateResult(at, "notification", "decline", "20000", "conflicting, payment already success (0)");
            LateResult same =
                    new LateResult(at, "notification", "decline", "20000", "conflicting, payment already success (0)");

            payments().recordLateResult(sale.key(), second);
            payments().recordLateResult(sale.key(), first);
            payments().recordLateResult(sale.key(), same);

            assertEquals(List.of(first, same, second), payments().lateResults(sale.key()));
            assertEquals(Optional.of(sale), payments().find(sale.key()), "late results never touch the payment");
        }
    }

    @Nested
    class CreatedBetween {

        private final Instant start = Instant.parse("2026-03-01T00:00:00Z");

        private Payment saleCreatedAt(long projectId, String paymentId, Instant createdAt) {
            Payment template = TestPayments.sale(new PaymentKey(projectId, paymentId), 2_000, "4619123456789012345");
            return Payment.builder()
                    .key(template.key())
                    .type(template.type())
                    .status(template.status())
                    .amount(template.amount())
                    .customerId(template.customerId())
                    .customerIp(template.customerIp())
                    .accountNumber(template.accountNumber())
                    .description(template.description())
                    .channel(template.channel())
                    .requestId(template.requestId())
                    .operationId(template.operationId())
                    .createdAt(createdAt)
                    .updatedAt(createdAt)
                    .limitAt(createdAt.plusSeconds(3600))
                    .funds(template.funds())
                    .build();
        }

        private List<String> ids(List<Payment> payments) {
            return payments.stream().map(p -> p.key().paymentId()).toList();
        }

        @Test
        void lists_the_period_from_inclusive_to_exclusive_in_created_then_id_order() {
            long project = TestPayments.newProjectId();
            long otherProject = TestPayments.newProjectId();
            payments().create(saleCreatedAt(project, "before", start.minusNanos(1)));
            payments().create(saleCreatedAt(project, "b#2", start));
            Payment first = saleCreatedAt(project, "a", start);
            payments().create(first);
            payments().create(saleCreatedAt(project, "later", start.plusMillis(1)));
            payments()
                    .create(saleCreatedAt(project, "last", start.plusSeconds(60).minusNanos(1)));
            payments().create(saleCreatedAt(project, "at-to", start.plusSeconds(60)));
            payments().create(saleCreatedAt(otherProject, "other", start.plusSeconds(1)));
            payments()
                    .recordLateResult(
                            new PaymentKey(project, "a"),
                            new LateResult(start.plusSeconds(2), "poll", "success", "0", "duplicate"));

            var page = payments().createdBetween(project, start, start.plusSeconds(60), null, 100);

            assertEquals(List.of("a", "b#2", "later", "last"), ids(page.payments()));
            assertEquals(first, page.payments().get(0), "the whole payment, as find reads it");
            assertEquals(Optional.empty(), page.next());
        }

        @Test
        void a_page_of_more_than_a_hundred_lists_whole_payments_in_created_order() {
            long project = TestPayments.newProjectId();
            List<Payment> created = new ArrayList<>();
            for (int i = 0; i < 130; i++) {
                // ids against the created order, so an order taken from the ids or the keys would show
                Payment payment = saleCreatedAt(project, String.format("z%03d", 130 - i), start.plusMillis(i));
                payments().create(payment);
                created.add(payment);
            }

            var first = payments().createdBetween(project, start, start.plusSeconds(60), null, 120);
            var rest = payments()
                    .createdBetween(
                            project, start, start.plusSeconds(60), first.next().orElseThrow(), 120);

            assertEquals(created.subList(0, 120), first.payments());
            assertEquals(created.subList(120, 130), rest.payments());
            assertEquals(Optional.empty(), rest.next());
        }

        @Test
        void pages_continue_strictly_after_their_position_even_when_payment_ids_hold_hashes() {
            long project = TestPayments.newProjectId();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                String id = "p#" + i;
                payments().create(saleCreatedAt(project, id, start.plusSeconds(i / 2)));
                expected.add(id);
            }
            List<String> seen = new ArrayList<>();
            PaymentStore.CreatedPosition position = null;
            int pages = 0;
            do {
                var page = payments().createdBetween(project, start, start.plusSeconds(3600), position, 3);
                seen.addAll(ids(page.payments()));
                position = page.next().orElse(null);
                pages++;
            } while (position != null && pages < 10);

            assertEquals(expected, seen);
            assertEquals(
                    new PaymentStore.CreatedPosition(start.plusSeconds(1), "p#2"),
                    payments()
                            .createdBetween(project, start, start.plusSeconds(3600), null, 3)
                            .next()
                            .orElseThrow());
        }

        @Test
        void an_empty_or_reversed_period_reads_nothing() {
            long project = TestPayments.newProjectId();
            payments().create(saleCreatedAt(project, "x", start));
            assertEquals(
                    List.of(),
                    payments().createdBetween(project, start, start, null, 10).payments());
            assertEquals(
                    List.of(),
                    payments()
                            .createdBetween(project, start.plusSeconds(1), start, null, 10)
                            .payments());
        }
    }

    /** The aggregates: every payment counted once, in the bucket of its creation day, status, type and currency. */
    @Nested
    class Aggregates {

        private final LocalDate day1 = LocalDate.of(2026, 3, 1);
        private final LocalDate day2 = LocalDate.of(2026, 3, 2);

        private Payment createdAt(Payment template, Instant createdAt) {
            return template.toBuilder()
                    .createdAt(createdAt)
                    .updatedAt(createdAt)
                    .limitAt(createdAt.plusSeconds(3600))
                    .build();
        }

        private Payment sale(long projectId, long amount, String currency, Instant createdAt) {
            Payment sale = TestPayments.sale(TestPayments.newKey(projectId), amount, "4619123456789012345");
            return createdAt(
                    sale.toBuilder().amount(Money.ofMinor(amount, currency)).build(), createdAt);
        }

        private Map<Bucket, Tally> recount(List<Payment> created) {
            return PaymentAggregates.recount(created.stream()
                    .map(p -> payments().find(p.key()).orElseThrow())
                    .toList());
        }

        private Map<Bucket, Tally> recountIn(PaymentStore store, List<Payment> created) {
            return PaymentAggregates.recount(
                    created.stream().map(p -> store.find(p.key()).orElseThrow()).toList());
        }

        private Map<Bucket, Tally> totals(long projectId, LocalDate first, LocalDate last) {
            return new TreeMap<>(payments().totals(projectId, first, last));
        }

        @Test
        void count_and_sum_each_payment_in_the_bucket_of_its_utc_day_status_type_and_currency() {
            long projectId = openedProject(100_000);
            Instant lateOnDay1 = Instant.parse("2026-03-01T23:59:59.999999999Z");
            Payment eurSale = sale(projectId, 2_000, "EUR", lateOnDay1);
            Payment usdSale = sale(projectId, 700, "USD", lateOnDay1);
            Payment declinedSale = sale(projectId, 300, "EUR", Instant.parse("2026-03-02T00:00:00Z"));
            Payment payout = createdAt(TestPayments.payout(TestPayments.newKey(projectId), 4_000), lateOnDay1);
            Payment uncovered = createdAt(TestPayments.payout(TestPayments.newKey(projectId), 1_000_000), lateOnDay1);
            List<Payment> created = List.of(eurSale, usdSale, declinedSale, payout, uncovered);
            created.forEach(payments()::create);

            assertEquals(
                    Map.of(
                            new Bucket(day1, PaymentStatus.PROCESSING, OperationType.SALE, EUR), new Tally(1, 2_000),
                            new Bucket(day1, PaymentStatus.PROCESSING, OperationType.SALE, CurrencyUnit.of("USD")),
                                    new Tally(1, 700),
                            new Bucket(day1, PaymentStatus.PROCESSING, OperationType.PAYOUT, EUR),
                                    new Tally(2, 1_004_000),
                            new Bucket(day2, PaymentStatus.PROCESSING, OperationType.SALE, EUR), new Tally(1, 300)),
                    totals(projectId, day1, day2));

            assertTrue(payments().finish(eurSale, TestPayments.succeeded(eurSale, List.of())));
            assertTrue(payments().finish(declinedSale, TestPayments.declined(declinedSale)));
            assertTrue(payments().finish(payout, TestPayments.succeeded(payout, issuedVouchers(payout.amount()))));
            Payment stored = payments().find(uncovered.key()).orElseThrow();
            assertTrue(payments().finish(stored, TestPayments.declined(stored)));

            Map<Bucket, Tally> expected = new TreeMap<>();
            expected.put(new Bucket(day1, PaymentStatus.SUCCESS, OperationType.SALE, EUR), new Tally(1, 2_000));
            expected.put(
                    new Bucket(day1, PaymentStatus.PROCESSING, OperationType.SALE, CurrencyUnit.of("USD")),
                    new Tally(1, 700));
            expected.put(new Bucket(day1, PaymentStatus.SUCCESS, OperationType.PAYOUT, EUR), new Tally(1, 4_000));
            expected.put(new Bucket(day1, PaymentStatus.DECLINE, OperationType.PAYOUT, EUR), new Tally(1, 1_000_000));
            expected.put(new Bucket(day2, PaymentStatus.DECLINE, OperationType.SALE, EUR), new Tally(1, 300));
            assertEquals(expected, totals(projectId, day1, day2));
            assertEquals(recount(created), totals(projectId, day1, day2));
        }

        @Test
        void a_days_totals_stay_exact_while_it_is_open_after_it_settles_and_after_late_changes() {
            long projectId = TestPayments.newProjectId();
            MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
            PaymentStore store = paymentsWithClock(clock);
            List<Payment> created = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Payment sale = sale(projectId, 1_000 + i, i % 3 == 0 ? "USD" : "EUR", clock.instant());
                assertEquals(CreateOutcome.CREATED, store.create(sale));
                created.add(sale);
                clock.advance(Duration.ofMinutes(7));
            }
            assertEquals(
                    recountIn(store, created), new TreeMap<>(store.totals(projectId, day1, day2)), "the day itself");

            // Finishes spread over the day's life: the next day, just before and after it settles, and much later.
            List<Duration> finishedAfterTheFirstDay = List.of(
                    Duration.ofHours(20), // 2026-03-02 05:56: the day is still open
                    Duration.ofHours(38), // 2026-03-02 23:56
                    Duration.ofHours(39), // 2026-03-03 00:56: settled, not yet foldable
                    Duration.ofHours(45), // 2026-03-03 06:56: foldable
                    Duration.ofDays(12)); // long after
            for (int i = 0; i < finishedAfterTheFirstDay.size(); i++) {
                clock.set(Instant.parse("2026-03-01T09:56:00Z").plus(finishedAfterTheFirstDay.get(i)));
                Payment sale = created.get(i);
                Payment finished = i % 2 == 0 ? TestPayments.succeeded(sale, List.of()) : TestPayments.declined(sale);
                assertTrue(store.finish(sale, finished));
                assertEquals(
                        recountIn(store, created),
                        new TreeMap<>(store.totals(projectId, day1.minusDays(3), day2.plusDays(20))),
                        "after a finish at " + clock.instant());
                assertEquals(
                        recountIn(store, created),
                        new TreeMap<>(store.totals(projectId, day1, day1)),
                        "read again at " + clock.instant());
            }

            Map<Bucket, Tally> counted = recountIn(store, created);
            store.replaceTotals(projectId, day1, counted);
            assertEquals(counted, new TreeMap<>(store.totals(projectId, day1, day1)), "rebuilt long after the day");
            Payment late = created.get(6);
            assertTrue(store.finish(late, TestPayments.declined(late)));
            assertEquals(
                    recountIn(store, created), new TreeMap<>(store.totals(projectId, day1, day1)), "a change after it");
        }

        @Test
        void creates_finishes_and_reads_at_random_moments_of_a_week_always_read_the_recount() {
            long projectId = TestPayments.newProjectId();
            Instant start = Instant.parse("2026-03-01T00:00:00Z");
            MutableClock clock = new MutableClock(start);
            PaymentStore store = paymentsWithClock(clock);
            SplittableRandom random = new SplittableRandom(18);
            List<Payment> created = new ArrayList<>();
            List<Payment> processing = new ArrayList<>();
            for (int step = 0; step < 90; step++) {
                // Time moves on by up to five hours a step: over the week, days open, settle and become foldable.
                clock.advance(Duration.ofMinutes(random.nextInt(300)));
                int action = random.nextInt(10);
                if (action < 5 || processing.isEmpty()) {
                    // Created now, or (a late acceptance's item) up to a day earlier.
                    Instant at = clock.instant().minusSeconds(random.nextInt(86_400));
                    Payment sale =
                            sale(projectId, 100 + random.nextInt(10_000), random.nextBoolean() ? "EUR" : "USD", at);
                    assertEquals(CreateOutcome.CREATED, store.create(sale));
                    created.add(sale);
                    processing.add(sale);
                } else if (action < 8) {
                    Payment sale = processing.remove(random.nextInt(processing.size()));
                    Payment finished = random.nextBoolean()
                            ? TestPayments.succeeded(sale, List.of())
                            : TestPayments.declined(sale);
                    assertTrue(store.finish(sale, finished));
                } else {
                    LocalDate first = day1.plusDays(random.nextInt(8));
                    LocalDate last = first.plusDays(random.nextInt(6));
                    Map<Bucket, Tally> expected = new TreeMap<>(recountIn(store, created));
                    expected.keySet()
                            .removeIf(bucket ->
                                    bucket.day().isBefore(first) || bucket.day().isAfter(last));
                    assertEquals(
                            expected,
                            new TreeMap<>(store.totals(projectId, first, last)),
                            "step " + step + " at " + clock.instant() + ", " + first + " to " + last);
                }
            }
            assertEquals(
                    recountIn(store, created),
                    new TreeMap<>(store.totals(projectId, day1.minusDays(2), day1.plusDays(12))));
        }

        @Test
        void readers_of_a_settled_day_at_the_same_moment_all_read_its_exact_totals() {
            long projectId = TestPayments.newProjectId();
            MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
            PaymentStore store = paymentsWithClock(clock);
            List<Payment> created = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Payment sale = sale(projectId, 500 + i, "EUR", clock.instant().plusSeconds(i));
                store.create(sale);
                created.add(sale);
            }
            clock.set(Instant.parse("2026-03-05T00:00:00Z"));
            Map<Bucket, Tally> counted = recountIn(store, created);

            List<Map<Bucket, Tally>> read = Concurrently.run(
                    8, i -> new TreeMap<>(store.totals(projectId, day1.minusDays(1), day1.plusDays(1))));

            read.forEach(totals -> assertEquals(counted, totals));
            assertEquals(counted, new TreeMap<>(store.totals(projectId, day1, day1)));
        }

        @Test
        void read_only_the_days_asked_for_and_only_the_projects_own() {
            long projectId = TestPayments.newProjectId();
            long otherProject = TestPayments.newProjectId();
            payments().create(sale(projectId, 100, "EUR", Instant.parse("2026-03-01T12:00:00Z")));
            payments().create(sale(projectId, 200, "EUR", Instant.parse("2026-03-02T12:00:00Z")));
            payments().create(sale(projectId, 400, "EUR", Instant.parse("2026-03-03T12:00:00Z")));
            payments().create(sale(otherProject, 800, "EUR", Instant.parse("2026-03-02T12:00:00Z")));

            assertEquals(
                    Map.of(new Bucket(day2, PaymentStatus.PROCESSING, OperationType.SALE, EUR), new Tally(1, 200)),
                    totals(projectId, day2, day2));
            assertEquals(3, totals(projectId, day1, day1.plusDays(30)).size());
            assertEquals(Map.of(), totals(projectId, day2.plusDays(5), day2.plusDays(9)));
            assertEquals(Map.of(), totals(projectId, day2, day1));
        }

        @Test
        void writes_that_change_no_payment_count_nothing() {
            long projectId = openedProject(10_000);
            Payment sale = sale(projectId, 2_500, "EUR", Instant.parse("2026-03-01T08:00:00Z"));
            payments().create(sale);
            Payment payout = createdAt(
                    TestPayments.payout(TestPayments.newKey(projectId), 4_000), Instant.parse("2026-03-01T09:00:00Z"));
            payments().create(payout);

            assertEquals(CreateOutcome.DUPLICATE, payments().create(sale));
            assertEquals(
                    CreateOutcome.OPERATION_ID_TAKEN,
                    payments()
                            .create(TestPayments.withOperationId(
                                    sale(projectId, 9_999, "EUR", sale.createdAt()), sale.operationId())));
            assertTrue(payments().finish(payout, TestPayments.declined(payout)));
            assertFalse(payments().finish(payout, TestPayments.succeeded(payout, issuedVouchers(payout.amount()))));
            assertFalse(payments().finish(payout, TestPayments.declined(payout)));
            Payment impostor = TestPayments.withOperationId(sale, TestPayments.newOperationId());
            assertFalse(payments().finish(impostor, TestPayments.declined(impostor)));

            assertEquals(
                    Map.of(
                            new Bucket(day1, PaymentStatus.PROCESSING, OperationType.SALE, EUR), new Tally(1, 2_500),
                            new Bucket(day1, PaymentStatus.DECLINE, OperationType.PAYOUT, EUR), new Tally(1, 4_000)),
                    totals(projectId, day1, day1));
        }

        @Test
        void concurrent_finishes_of_one_payment_move_it_once() {
            long projectId = openedProject(10_000);
            Payment payout = createdAt(
                    TestPayments.payout(TestPayments.newKey(projectId), 4_000), Instant.parse("2026-03-01T10:00:00Z"));
            payments().create(payout);

            Concurrently.run(
                    12,
                    i -> payments()
                            .finish(
                                    payout,
                                    i % 2 == 0
                                            ? TestPayments.succeeded(payout, issuedVouchers(payout.amount()))
                                            : TestPayments.declined(payout)));

            Map<Bucket, Tally> totals = totals(projectId, day1, day1);
            assertEquals(recount(List.of(payout)), totals);
            assertEquals(1, totals.size());
            assertEquals(new Tally(1, 4_000), totals.values().iterator().next());
        }

        @Test
        void many_concurrent_payments_of_one_project_are_each_counted_once() {
            long projectId = TestPayments.newProjectId();
            List<Payment> created = Concurrently.run(concurrentAcceptors(), i -> {
                Payment sale = sale(
                        projectId,
                        100 + i,
                        "EUR",
                        Instant.parse("2026-03-01T10:00:00Z").plusMillis(i));
                assertEquals(CreateOutcome.CREATED, payments().create(sale));
                if (i % 3 != 0) {
                    assertTrue(payments()
                            .finish(
                                    sale,
                                    i % 3 == 1
                                            ? TestPayments.succeeded(sale, List.of())
                                            : TestPayments.declined(sale)));
                }
                return sale;
            });

            Map<Bucket, Tally> totals = totals(projectId, day1, day1);
            assertEquals(recount(created), totals);
            assertEquals(
                    concurrentAcceptors(),
                    totals.values().stream().mapToLong(Tally::count).sum());
        }

        @Test
        void replacing_a_days_totals_changes_that_day_only() {
            long projectId = TestPayments.newProjectId();
            List<Payment> created = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Payment sale = sale(
                        projectId,
                        1_000 + i,
                        "EUR",
                        Instant.parse("2026-03-01T10:00:00Z").plusSeconds(i * 40_000L));
                payments().create(sale);
                created.add(sale);
            }
            Map<Bucket, Tally> counted = recount(created);
            Bucket wrong = new Bucket(day1, PaymentStatus.ERROR, OperationType.PAYOUT, CurrencyUnit.of("USD"));

            assertEquals(counted, totals(projectId, day1, day2.plusDays(5)));
            assertEquals(3, counted.size(), "two sales on each of three days");

            payments().replaceTotals(projectId, day1, Map.of(wrong, new Tally(7, 70)));
            assertEquals(Map.of(wrong, new Tally(7, 70)), totals(projectId, day1, day1));
            assertEquals(
                    counted.entrySet().stream()
                            .filter(e -> !e.getKey().day().equals(day1))
                            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                    totals(projectId, day2, day2.plusDays(5)));

            payments().replaceTotals(projectId, day1, counted);
            assertEquals(counted, totals(projectId, day1, day2.plusDays(5)));

            Payment first = created.get(0);
            assertTrue(payments().finish(first, TestPayments.declined(first)));
            assertEquals(recount(created), totals(projectId, day1, day2.plusDays(5)), "changes after a rebuild add up");
        }
    }

    @Nested
    class UniqueOperationIds {

        private static final String VOUCHER = "4619123456789012345";

        @Test
        void a_payment_with_an_operation_id_another_payment_holds_is_not_written() {
            Payment first = TestPayments.sale(TestPayments.newKey(TestPayments.newProjectId()), 2_500, VOUCHER);
            Payment sameOperation = TestPayments.withOperationId(
                    TestPayments.sale(TestPayments.newKey(TestPayments.newProjectId()), 1_000, VOUCHER),
                    first.operationId());

            assertEquals(CreateOutcome.CREATED, payments().create(first));
            assertEquals(CreateOutcome.OPERATION_ID_TAKEN, payments().create(sameOperation));

            assertEquals(Optional.empty(), payments().find(sameOperation.key()));
            assertEquals(Optional.of(first), payments().find(first.key()));
        }

        @Test
        void a_payout_with_a_taken_operation_id_reserves_nothing() {
            long projectId = openedProject(10_000);
            Payment first = TestPayments.payout(TestPayments.newKey(projectId), 1_000);
            assertEquals(CreateOutcome.CREATED, payments().create(first));
            Payment covered = TestPayments.withOperationId(
                    TestPayments.payout(TestPayments.newKey(projectId), 2_000), first.operationId());
            Payment uncovered = TestPayments.withOperationId(
                    TestPayments.payout(TestPayments.newKey(projectId), 50_000), first.operationId());

            assertEquals(CreateOutcome.OPERATION_ID_TAKEN, payments().create(covered));
            assertEquals(CreateOutcome.OPERATION_ID_TAKEN, payments().create(uncovered));

            assertEquals(Optional.empty(), payments().find(covered.key()));
            assertEquals(Optional.empty(), payments().find(uncovered.key()));
            assertEquals(1_000, balance(projectId).reserved().minorUnits());
            assertEquals(9_000, balance(projectId).available().minorUnits());
        }

        @Test
        void a_repeated_request_is_a_duplicate_whatever_its_operation_id() {
            Payment sale = TestPayments.sale(TestPayments.newKey(TestPayments.newProjectId()), 2_500, VOUCHER);
            assertEquals(CreateOutcome.CREATED, payments().create(sale));

            assertEquals(CreateOutcome.DUPLICATE, payments().create(sale), "same payment_id, same operation id");
            assertEquals(
                    CreateOutcome.DUPLICATE,
                    payments().create(TestPayments.sale(sale.key(), 2_500, VOUCHER)),
                    "same payment_id, a new operation id");
            assertEquals(Optional.of(sale), payments().find(sale.key()));
        }

        @Test
        void concurrent_creates_with_one_operation_id_store_one() {
            long operationId = TestPayments.newOperationId();
            long projectId = TestPayments.newProjectId();
            List<Payment> contenders = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                contenders.add(TestPayments.withOperationId(
                        TestPayments.sale(TestPayments.newKey(projectId), 1_000 + i, VOUCHER), operationId));
            }

            List<CreateOutcome> outcomes = Concurrently.run(20, i -> payments().create(contenders.get(i)));

            assertEquals(
                    1, outcomes.stream().filter(o -> o == CreateOutcome.CREATED).count(), outcomes::toString);
            assertEquals(
                    19,
                    outcomes.stream()
                            .filter(o -> o == CreateOutcome.OPERATION_ID_TAKEN)
                            .count(),
                    outcomes::toString);
            for (int i = 0; i < contenders.size(); i++) {
                assertEquals(
                        outcomes.get(i) == CreateOutcome.CREATED,
                        payments().find(contenders.get(i).key()).isPresent());
            }
        }
    }

    /**
     * Operation ids are unique by construction: many acceptors (each drawing ids as its own container would), one
     * clock standing still in one millisecond, one store.
     */
    @Nested
    class AcceptorsInOneMillisecond {

        private final VoucherTransitCipher cipher = new VoucherTransitCipher(VoucherTransitCipher.newKey());

        private Project project(long projectId) {
            return new Project(
                    projectId,
                    "secret-" + projectId,
                    Optional.empty(),
                    true,
                    Set.of(EUR),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(60),
                    Map.of(EUR, 100_000_000L),
                    SandboxSettings.NORMAL);
        }

        private Acceptance acceptor(RecordingQueues queues, Clock clock, long seed) {
            return new Acceptance(
                    payments(),
                    balances(),
                    queues,
                    cipher,
                    clock,
                    TestIds.drawingWith(clock, new SplittableRandom(seed)));
        }

        private SaleCommand sale(Project project, int i) {
            return new SaleCommand(
                    project,
                    TestPayments.newKey(project.projectId()),
                    Money.ofMinor(1_000 + i, EUR),
                    "customer-" + i,
                    "198.51.100.7",
                    new VoucherData("4619123456789012345", YearMonth.of(2030, 1), "8317"),
                    "sale " + i);
        }

        @Test
        void many_acceptors_sharing_one_millisecond_accept_every_payment_with_its_own_operation_id() {
            Clock oneMillisecond = Clock.fixed(TestPayments.newAcceptanceMillisecond(), ZoneOffset.UTC);
            Project project = project(TestPayments.newProjectId());
            RecordingQueues queues = new RecordingQueues(payments());
            int acceptors = concurrentAcceptors();
            int paymentsEach = 3;
            // Acceptors 2k and 2k+1 draw from the same seed: their first ids are equal, so at least one clash per pair.
            List<Acceptance> acceptances = new ArrayList<>();
            for (int i = 0; i < acceptors; i++) {
                acceptances.add(acceptor(queues, oneMillisecond, 7_000 + i / 2));
            }

            List<List<Acknowledgement>> accepted = Concurrently.run(acceptors, a -> {
                List<Acknowledgement> mine = new ArrayList<>();
                for (int n = 0; n < paymentsEach; n++) {
                    int i = a * paymentsEach + n;
                    mine.add(
                            i % 3 == 2
                                    ? acceptances
                                            .get(a)
                                            .acceptPayout(new PayoutCommand(
                                                    project,
                                                    TestPayments.newKey(project.projectId()),
                                                    Money.ofMinor(500 + i, EUR),
                                                    "c",
                                                    "198.51.100.7",
                                                    "payout"))
                                    : acceptances.get(a).acceptSale(sale(project, i), Channel.GATE));
                }
                return mine;
            });

            List<Payment> stored = accepted.stream()
                    .flatMap(List::stream)
                    .map(ack ->
                            payments().find(ack.key()).orElseThrow(() -> new AssertionError(ack.key() + " not stored")))
                    .toList();
            assertEquals(acceptors * paymentsEach, stored.size());
            Set<Long> operationIds = stored.stream().map(Payment::operationId).collect(Collectors.toSet());
            assertEquals(stored.size(), operationIds.size(), "every payment its own operation id");
            assertTrue(
                    operationIds.stream()
                            .allMatch(id -> Ids.issuedAt(id).equals(oneMillisecond.instant()) && id < (1L << 53)),
                    "numeric ids of that millisecond, below 2^53");
            int clashes = queues.sent("poll").size() - stored.size();
            assertTrue(clashes >= acceptors / 2, () -> "only " + clashes + " clashes: the paired acceptors must meet");
            for (Payment payment : stored) {
                for (String kind : List.of("poll", "dispatch")) {
                    List<RecordingQueues.Sent> forIt = queues.sent(kind).stream()
                            .filter(s -> s.key().equals(payment.key()) && s.operationId() == payment.operationId())
                            .toList();
                    assertEquals(1, forIt.size(), () -> kind + " of " + payment);
                    assertFalse(
                            forIt.get(0).operationStoredAlready(),
                            () -> kind + " queued after the write of " + payment);
                }
            }
        }

        @Test
        void an_acceptor_that_draws_a_taken_id_accepts_with_another_and_the_messages_of_the_taken_id_do_nothing() {
            Instant millisecond = TestPayments.newAcceptanceMillisecond();
            Clock clock = Clock.fixed(millisecond, ZoneOffset.UTC);
            Project project = project(TestPayments.newProjectId());
            RecordingQueues firstQueues = new RecordingQueues(payments());
            RecordingQueues secondQueues = new RecordingQueues(payments());
            // Two containers whose random sources agree: the second draws the id the first one just stored.
            Acknowledgement first = acceptor(firstQueues, clock, 42).acceptSale(sale(project, 1), Channel.GATE);
            Acknowledgement second = acceptor(secondQueues, clock, 42).acceptSale(sale(project, 2), Channel.GATE);

            long takenId = payments().find(first.key()).orElseThrow().operationId();
            Payment secondPayment = payments().find(second.key()).orElseThrow();
            assertNotEquals(takenId, secondPayment.operationId());
            List<RecordingQueues.Sent> secondPolls = secondQueues.sent("poll");
            assertEquals(
                    List.of(takenId, secondPayment.operationId()),
                    secondPolls.stream().map(RecordingQueues.Sent::operationId).toList(),
                    "the clash, then the new id");
            WorkMessages.Dispatch orphanDispatch =
                    (WorkMessages.Dispatch) secondQueues.sent("dispatch").get(0).message();
            WorkMessages.Poll orphanPoll =
                    (WorkMessages.Poll) secondPolls.get(0).message();
            assertEquals(takenId, orphanDispatch.operationId());
            // The sealed voucher of each message opens only with its own operation id.
            WorkMessages.Dispatch liveDispatch =
                    (WorkMessages.Dispatch) secondQueues.sent("dispatch").get(1).message();
            assertEquals(
                    "8317",
                    cipher.open(liveDispatch.sealedVoucher(), secondPayment.operationId())
                            .securityCode());

            // The messages of the taken id find the second payment under another operation and leave it alone.
            List<String> providerCalls = new ArrayList<>();
            JetonProvider provider = (JetonProvider) Proxy.newProxyInstance(
                    JetonProvider.class.getClassLoader(),
                    new Class<?>[] {JetonProvider.class},
                    (proxy, method, args) -> {
                        providerCalls.add(method.getName());
                        throw new AssertionError("the provider was asked to " + method.getName());
                    });
            InMemoryProjectDirectory projects = new InMemoryProjectDirectory(List.of(project));
            RecordingQueues workerQueues = new RecordingQueues(payments());
            Clock atBaseTime = Clock.fixed(orphanPoll.dueAt(), ZoneOffset.UTC);
            Finalizer finalizer = new Finalizer(payments(), projects, provider, workerQueues, cipher, atBaseTime);
            Dispatcher dispatcher =
                    new Dispatcher(payments(), projects, provider, finalizer, workerQueues, cipher, atBaseTime);
            StatusPoller poller = new StatusPoller(payments(), projects, provider, finalizer, workerQueues, atBaseTime);

            assertEquals(MessageOutcome.DONE, dispatcher.handle(orphanDispatch));
            assertEquals(MessageOutcome.DONE, poller.handle(orphanPoll));

            assertEquals(List.of(), providerCalls);
            assertEquals(List.of(), workerQueues.sent());
            assertEquals(Optional.of(secondPayment), payments().find(second.key()));
        }
    }
}
