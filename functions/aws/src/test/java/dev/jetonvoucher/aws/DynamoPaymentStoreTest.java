package dev.jetonvoucher.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.BalanceStore.Balance;
import dev.jetonvoucher.payment.CallbackAttempt;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.payment.Funds;
import dev.jetonvoucher.payment.IssuedVoucher;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore.CreateOutcome;
import dev.jetonvoucher.payment.PaymentStore.LateResult;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.provider.ProviderVoucher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoPaymentStoreTest {

    private static final CurrencyUnit EUR = CurrencyUnit.of("EUR");
    /** Security codes of the vouchers these tests pay out and pay with: none may reach a table. */
    private static final List<String> SECURITY_CODES = List.of("8317", "9462", "5078");

    private static LocalResources aws;
    private static DynamoPaymentStore payments;
    private static DynamoBalanceStore balances;

    @BeforeAll
    static void deploy() {
        aws = LocalResources.deploy(DynamoPaymentStoreTest.class);
        payments = new DynamoPaymentStore(aws.dynamoDb(), aws.table("PaymentsTable"), aws.table("BalancesTable"));
        balances = new DynamoBalanceStore(aws.dynamoDb(), aws.table("BalancesTable"));
    }

    @AfterAll
    static void noSecurityCodeWasStored() {
        assertEquals(List.of(), SecretScan.scan(aws.dynamoDb(), aws.tables(), SECURITY_CODES));
    }

    private static long openedProject(long openingMinor) {
        long projectId = TestPayments.newProjectId();
        balances.openIfAbsent(projectId, Money.ofMinor(openingMinor, EUR));
        return projectId;
    }

    private static Balance balance(long projectId) {
        Balance balance = balances.find(projectId, EUR).orElseThrow();
        assertTrue(balance.conserved(), () -> "not conserved: " + balance);
        return balance;
    }

    private static Map<String, AttributeValue> rawItem(PaymentKey key, String sk) {
        return aws.dynamoDb().getItem(r -> r.tableName(aws.table("PaymentsTable")).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("P#" + key.projectId() + "#" + key.paymentId()),
                        "sk", AttributeValue.fromS(sk)))).item();
    }

    private static List<IssuedVoucher> issuedVouchers(Money total) {
        Instant created = Instant.parse("2026-03-01T10:00:00Z");
        List<ProviderVoucher> fromProvider = List.of(
                new ProviderVoucher("4619000000000000017", Money.ofMinor(total.minorUnits() / 2, EUR), created,
                        created.plus(Duration.ofDays(365)), SECURITY_CODES.get(1)),
                new ProviderVoucher("4619000000000000025", Money.ofMinor(total.minorUnits() - total.minorUnits() / 2, EUR),
                        created, created.plus(Duration.ofDays(365)), SECURITY_CODES.get(2)));
        return fromProvider.stream().map(ProviderVoucher::withoutSecurityCode).toList();
    }

    @Nested
    class Create {

        @Test
        void storesASaleOnceAndReadsItBackUnchanged() {
            Payment sale = TestPayments.sale(TestPayments.newKey(TestPayments.newProjectId()), 2500,
                    "4619123456789012345");

            assertEquals(CreateOutcome.CREATED, payments.create(sale));
            assertEquals(CreateOutcome.DUPLICATE, payments.create(TestPayments.sale(sale.key(), 9900, "4619000000000000001")));
            assertEquals(Optional.of(sale), payments.find(sale.key()));
        }

        @Test
        void roundTripsEveryFieldAndWritesTheDocumentedLayout() {
            PaymentKey key = TestPayments.newKey(TestPayments.newProjectId());
            Instant created = Instant.parse("2026-03-01T10:00:00.123456789Z");
            Payment full = Payment.builder()
                    .key(key)
                    .type(PaymentType.PAYOUT)
                    .amount(Money.ofMinor(12345, EUR))
                    .customerId("customer-7")
                    .customerIp("2001:db8::1")
                    .accountNumber("4619123456789012345")
                    .description("a description with ünïcode")
                    .channel(Channel.PAYMENT_PAGE)
                    .requestId("req-1")
                    .operationId(1_700_000_000_000_123L)
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
                    .build();

            assertEquals(CreateOutcome.CREATED_WITHOUT_FUNDS, payments.create(full));
            assertEquals(Optional.of(full), payments.find(key));

            Map<String, AttributeValue> item = rawItem(key, "PAYMENT");
            assertEquals(String.valueOf(key.projectId()), item.get("project_id").n());
            assertEquals("2026-03-01T10:00:00.123456789Z#" + key.paymentId(), item.get("created_key").s());
            assertEquals("12345", item.get("amount").n());
            assertEquals("EUR", item.get("currency").s());
            assertEquals("2026-03-01T10:00:05.000000000Z", item.get("provider_date").s());
            assertEquals(Set.of("number", "face_value", "currency", "created_at", "expires_at"),
                    item.get("vouchers").l().get(0).m().keySet());
            assertEquals(Set.of("pk", "sk", "project_id", "payment_id", "created_key", "type", "status", "amount",
                    "currency", "customer_id", "customer_ip", "account_number", "description", "channel",
                    "request_id", "operation_id", "created_at", "updated_at", "limit_at", "result_code",
                    "result_message", "funds", "provider_payment_id", "provider_date", "vouchers", "callback_state",
                    "callback_attempts", "callback_completed", "callback_claimed_at"), new TreeMap<>(item).keySet());
        }

        @Test
        void aPayoutReservesItsAmountOnce() {
            long projectId = openedProject(10_000);
            Payment payout = TestPayments.payout(TestPayments.newKey(projectId), 2_500);

            assertEquals(CreateOutcome.CREATED, payments.create(payout));
            assertEquals(CreateOutcome.DUPLICATE, payments.create(TestPayments.payout(payout.key(), 2_500)));

            Balance balance = balance(projectId);
            assertEquals(7_500, balance.available().minorUnits());
            assertEquals(2_500, balance.reserved().minorUnits());
            assertEquals(Funds.RESERVED, payments.find(payout.key()).orElseThrow().funds());
        }

        @Test
        void aPayoutTheBalanceCannotCoverIsStoredWithoutFunds() {
            long projectId = openedProject(1_000);
            Payment payout = TestPayments.payout(TestPayments.newKey(projectId), 1_001);

            assertEquals(CreateOutcome.CREATED_WITHOUT_FUNDS, payments.create(payout));
            assertEquals(CreateOutcome.DUPLICATE, payments.create(TestPayments.payout(payout.key(), 10)));

            assertEquals(Funds.INSUFFICIENT, payments.find(payout.key()).orElseThrow().funds());
            assertEquals(1_000, balance(projectId).available().minorUnits());
        }

        @Test
        void aPayoutWithoutAnyBalanceIsStoredWithoutFundsAndCreatesNoBalance() {
            long projectId = TestPayments.newProjectId();
            Payment payout = TestPayments.payout(TestPayments.newKey(projectId), 1_000);

            assertEquals(CreateOutcome.CREATED_WITHOUT_FUNDS, payments.create(payout));
            assertEquals(Optional.empty(), balances.find(projectId, EUR));
        }

        @Test
        void fiftyConcurrentCreatesOfOneKeyStoreOneAndReserveOnce() {
            long projectId = openedProject(1_000_000);
            PaymentKey key = TestPayments.newKey(projectId);
            List<Payment> contenders = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                contenders.add(TestPayments.payout(key, 1_000));
            }

            List<CreateOutcome> outcomes = Concurrently.run(50, i -> payments.create(contenders.get(i)));

            assertEquals(1, outcomes.stream().filter(o -> o == CreateOutcome.CREATED).count(), outcomes::toString);
            assertEquals(49, outcomes.stream().filter(o -> o == CreateOutcome.DUPLICATE).count(), outcomes::toString);
            Payment winner = contenders.get(outcomes.indexOf(CreateOutcome.CREATED));
            assertEquals(Optional.of(winner), payments.find(key));
            assertEquals(1_000, balance(projectId).reserved().minorUnits());
        }

        @Test
        void concurrentPayoutsBeyondTheBalanceReserveOnlyWhatIsCovered() {
            long opening = 20_000;
            long projectId = openedProject(opening);
            List<Payment> payouts = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                payouts.add(TestPayments.payout(TestPayments.newKey(projectId), 1_000 + 100L * (i % 7)));
            }

            List<CreateOutcome> outcomes = Concurrently.run(30, i -> payments.create(payouts.get(i)));

            long reservedSum = 0;
            List<Payment> uncovered = new ArrayList<>();
            for (int i = 0; i < payouts.size(); i++) {
                Payment stored = payments.find(payouts.get(i).key()).orElseThrow();
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
                assertTrue(payout.amount().minorUnits() > balance.available().minorUnits(),
                        () -> payout + " was refused although " + balance.available() + " is available");
            }
        }
    }

    @Nested
    class Finish {

        @Test
        void aSuccessfulPayoutMovesItsReservationToPaidOut() {
            long projectId = openedProject(10_000);
            Payment payout = TestPayments.payout(TestPayments.newKey(projectId), 4_000);
            payments.create(payout);
            Payment finished = TestPayments.succeeded(payout, issuedVouchers(payout.amount()));

            assertTrue(payments.finish(payout, finished));

            assertEquals(Optional.of(finished), payments.find(payout.key()));
            Balance balance = balance(projectId);
            assertEquals(6_000, balance.available().minorUnits());
            assertEquals(0, balance.reserved().minorUnits());
            assertEquals(4_000, balance.paidOut().minorUnits());
        }

        @Test
        void aDeclinedPayoutReleasesItsReservation() {
            long projectId = openedProject(10_000);
            Payment payout = TestPayments.payout(TestPayments.newKey(projectId), 4_000);
            payments.create(payout);

            assertTrue(payments.finish(payout, TestPayments.declined(payout)));

            Payment stored = payments.find(payout.key()).orElseThrow();
            assertEquals(PaymentStatus.DECLINE, stored.status());
            assertEquals(Funds.RELEASED, stored.funds());
            Balance balance = balance(projectId);
            assertEquals(10_000, balance.available().minorUnits());
            assertEquals(0, balance.reserved().minorUnits());
            assertEquals(0, balance.paidOut().minorUnits());
        }

        @Test
        void aPayoutWithoutFundsIsDeclinedWithoutTouchingTheBalance() {
            long projectId = openedProject(100);
            Payment payout = TestPayments.payout(TestPayments.newKey(projectId), 4_000);
            assertEquals(CreateOutcome.CREATED_WITHOUT_FUNDS, payments.create(payout));
            Payment stored = payments.find(payout.key()).orElseThrow();

            assertTrue(payments.finish(stored, TestPayments.declined(stored)));

            assertEquals(Funds.INSUFFICIENT, payments.find(payout.key()).orElseThrow().funds());
            assertEquals(100, balance(projectId).available().minorUnits());
        }

        @Test
        void aSuccessfulSaleCreditsTheBalanceEvenBeforeItIsOpened() {
            long projectId = TestPayments.newProjectId();
            Payment sale = TestPayments.sale(TestPayments.newKey(projectId), 2_500, "4619123456789012345");
            payments.create(sale);

            assertTrue(payments.finish(sale, TestPayments.succeeded(sale, List.of())));

            Balance credited = balance(projectId);
            assertEquals(2_500, credited.available().minorUnits());
            assertEquals(2_500, credited.credited().minorUnits());
            assertEquals(0, credited.opening().minorUnits());
            // The opening balance still arrives with the project's first payout, on top of the credit.
            balances.openIfAbsent(projectId, Money.ofMinor(10_000, EUR));
            Balance opened = balance(projectId);
            assertEquals(12_500, opened.available().minorUnits());
            assertEquals(10_000, opened.opening().minorUnits());
        }

        @Test
        void aDeclinedSaleLeavesTheBalanceAlone() {
            long projectId = openedProject(500);
            Payment sale = TestPayments.sale(TestPayments.newKey(projectId), 2_500, "4619123456789012345");
            payments.create(sale);

            assertTrue(payments.finish(sale, TestPayments.declined(sale)));

            assertEquals(500, balance(projectId).available().minorUnits());
            assertEquals(0, balance(projectId).credited().minorUnits());
        }

        @Test
        void finishingTwiceChangesNothingTheSecondTime() {
            long projectId = openedProject(10_000);
            Payment payout = TestPayments.payout(TestPayments.newKey(projectId), 4_000);
            payments.create(payout);
            Payment succeeded = TestPayments.succeeded(payout, issuedVouchers(payout.amount()));

            assertTrue(payments.finish(payout, succeeded));
            assertFalse(payments.finish(payout, succeeded));
            assertFalse(payments.finish(payout, TestPayments.declined(payout)));

            assertEquals(Optional.of(succeeded), payments.find(payout.key()));
            assertEquals(4_000, balance(projectId).paidOut().minorUnits());
            assertEquals(6_000, balance(projectId).available().minorUnits());
        }

        @Test
        void anotherOperationCannotFinishThePayment() {
            long projectId = openedProject(10_000);
            Payment payout = TestPayments.payout(TestPayments.newKey(projectId), 4_000);
            payments.create(payout);
            Payment impostor = TestPayments.payout(payout.key(), 4_000);

            assertFalse(payments.finish(impostor, TestPayments.declined(impostor)));
            assertEquals(PaymentStatus.PROCESSING, payments.find(payout.key()).orElseThrow().status());
            assertEquals(4_000, balance(projectId).reserved().minorUnits());
        }

        @Test
        void concurrentFinishesOfOnePaymentSucceedOnce() {
            long projectId = openedProject(10_000);
            Payment payout = TestPayments.payout(TestPayments.newKey(projectId), 4_000);
            payments.create(payout);

            List<Boolean> results = Concurrently.run(12, i -> payments.finish(payout,
                    i % 2 == 0 ? TestPayments.succeeded(payout, issuedVouchers(payout.amount()))
                            : TestPayments.declined(payout)));

            assertEquals(1, results.stream().filter(Boolean::booleanValue).count(), results::toString);
            Payment stored = payments.find(payout.key()).orElseThrow();
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
        void keepsAProviderReferenceRecordedAfterThePaymentWasRead() {
            long projectId = openedProject(10_000);
            Payment payout = TestPayments.payout(TestPayments.newKey(projectId), 4_000);
            payments.create(payout);
            payments.markDispatched(payout.key(), payout.operationId(), "JV-REF");

            assertTrue(payments.finish(payout, TestPayments.declined(payout))); // read before the dispatch

            assertEquals("JV-REF", payments.find(payout.key()).orElseThrow().providerPaymentId());
        }
    }

    @Nested
    class Dispatch {

        @Test
        void recordsTheReferenceOfTheProcessingOperationOnly() {
            Payment sale = TestPayments.sale(TestPayments.newKey(TestPayments.newProjectId()), 2_500, "4619123456789012345");
            payments.create(sale);

            payments.markDispatched(sale.key(), sale.operationId() + 1, "JV-OTHER");
            assertNull(payments.find(sale.key()).orElseThrow().providerPaymentId());

            payments.markDispatched(sale.key(), sale.operationId(), "JV-1");
            payments.markDispatched(sale.key(), sale.operationId(), "JV-1");
            assertEquals("JV-1", payments.find(sale.key()).orElseThrow().providerPaymentId());
        }

        @Test
        void leavesAFinalPaymentAlone() {
            Payment sale = TestPayments.sale(TestPayments.newKey(TestPayments.newProjectId()), 2_500, "4619123456789012345");
            payments.create(sale);
            payments.finish(sale, TestPayments.declined(sale));

            payments.markDispatched(sale.key(), sale.operationId(), "JV-LATE");

            assertNull(payments.find(sale.key()).orElseThrow().providerPaymentId());
        }

        @Test
        void missingPaymentIsNotCreated() {
            PaymentKey key = TestPayments.newKey(TestPayments.newProjectId());
            payments.markDispatched(key, 1, "JV-1");
            assertEquals(Optional.empty(), payments.find(key));
        }
    }

    @Nested
    class Callbacks {

        private PaymentKey finishedSale() {
            Payment sale = TestPayments.sale(TestPayments.newKey(TestPayments.newProjectId()), 2_500, "4619123456789012345");
            payments.create(sale);
            payments.finish(sale, TestPayments.succeeded(sale, List.of()));
            payments.moveCallbackState(sale.key(), CallbackState.PENDING, CallbackState.QUEUED);
            return sale.key();
        }

        private CallbackAttempt failedAttempt(int number) {
            return new CallbackAttempt(number, Instant.parse("2026-03-01T10:00:00Z").plusSeconds(number), 500,
                    Duration.ofNanos(123_456_789), null);
        }

        @Test
        void movesTheStateOnlyFromTheExpectedOne() {
            Payment sale = TestPayments.sale(TestPayments.newKey(TestPayments.newProjectId()), 2_500, "4619123456789012345");
            payments.create(sale);
            payments.finish(sale, TestPayments.succeeded(sale, List.of()));

            assertFalse(payments.moveCallbackState(sale.key(), CallbackState.QUEUED, CallbackState.DELIVERED));
            assertTrue(payments.moveCallbackState(sale.key(), CallbackState.PENDING, CallbackState.QUEUED));
            assertFalse(payments.moveCallbackState(sale.key(), CallbackState.PENDING, CallbackState.QUEUED));
            assertEquals(CallbackState.QUEUED, payments.find(sale.key()).orElseThrow().callbackState());
            assertFalse(payments.moveCallbackState(TestPayments.newKey(1), CallbackState.PENDING, CallbackState.QUEUED));
        }

        @Test
        void anAttemptIsClaimedOnceAndTheNextAfterIt() {
            PaymentKey key = finishedSale();

            assertTrue(payments.claimCallbackAttempt(key, 1));
            assertFalse(payments.claimCallbackAttempt(key, 1));
            assertFalse(payments.claimCallbackAttempt(key, 3));
            payments.recordCallbackAttempt(key, failedAttempt(1), Optional.empty());
            assertFalse(payments.claimCallbackAttempt(key, 1));
            assertTrue(payments.claimCallbackAttempt(key, 2));
            assertFalse(payments.claimCallbackAttempt(key, 2));
            assertEquals(2, payments.find(key).orElseThrow().callbackAttempts());
        }

        @Test
        void concurrentClaimsOfOneAttemptSucceedOnce() {
            PaymentKey key = finishedSale();

            List<Boolean> claims = Concurrently.run(10, i -> payments.claimCallbackAttempt(key, 1));

            assertEquals(1, claims.stream().filter(Boolean::booleanValue).count(), claims::toString);
        }

        @Test
        void aStaleUnrecordedClaimCanBeTakenAgain() {
            MutableClock clock = new MutableClock(Instant.now());
            DynamoPaymentStore store = new DynamoPaymentStore(aws.dynamoDb(), aws.table("PaymentsTable"),
                    aws.table("BalancesTable"), clock);
            PaymentKey key = finishedSale();

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
        void nothingIsClaimedAfterDelivery() {
            PaymentKey key = finishedSale();
            assertTrue(payments.claimCallbackAttempt(key, 1));

            payments.recordCallbackAttempt(key, new CallbackAttempt(1, Instant.now(), 200, Duration.ofMillis(12), null),
                    Optional.of(CallbackState.DELIVERED));

            assertEquals(CallbackState.DELIVERED, payments.find(key).orElseThrow().callbackState());
            assertFalse(payments.claimCallbackAttempt(key, 2));
        }

        @Test
        void aLateFailureCannotUndoADelivery() {
            PaymentKey key = finishedSale();
            payments.claimCallbackAttempt(key, 1);
            payments.claimCallbackAttempt(key, 2);
            payments.recordCallbackAttempt(key, new CallbackAttempt(2, Instant.now(), 200, Duration.ofMillis(12), null),
                    Optional.of(CallbackState.DELIVERED));

            payments.recordCallbackAttempt(key, failedAttempt(1), Optional.of(CallbackState.FAILED));

            assertEquals(CallbackState.DELIVERED, payments.find(key).orElseThrow().callbackState());
            assertEquals(2, payments.callbackAttempts(key).size());
        }

        @Test
        void recordsEveryAttemptInOrder() {
            PaymentKey key = finishedSale();
            CallbackAttempt refused = new CallbackAttempt(1, Instant.parse("2026-03-01T10:00:00.5Z"), 0,
                    Duration.ofNanos(2_000_001), "ConnectException: Connection refused");
            CallbackAttempt failed = failedAttempt(2);
            CallbackAttempt delivered = new CallbackAttempt(10, Instant.parse("2026-03-01T11:00:00Z"), 200,
                    Duration.ofMillis(15), null);

            payments.recordCallbackAttempt(key, delivered, Optional.of(CallbackState.DELIVERED));
            payments.recordCallbackAttempt(key, refused, Optional.empty());
            payments.recordCallbackAttempt(key, failed, Optional.empty());

            assertEquals(List.of(refused, failed, delivered), payments.callbackAttempts(key));
            assertEquals("2.000001", rawItem(key, "ATTEMPT#0001").get("latency_ms").n());
            assertEquals(List.of(), payments.callbackAttempts(TestPayments.newKey(1)));
        }
    }

    @Nested
    class LateResults {

        @Test
        void keepsEveryLateResultInTheOrderReceived() {
            Payment sale = TestPayments.sale(TestPayments.newKey(TestPayments.newProjectId()), 2_500, "4619123456789012345");
            payments.create(sale);
            Instant at = Instant.parse("2026-03-01T10:00:00Z");
            LateResult second = new LateResult(at.plusMillis(1500), "poll", "success", "0", "duplicate, payment already success (0)");
            LateResult first = new LateResult(at, "notification", "decline", "20000", "conflicting, payment already success (0)");
            LateResult same = new LateResult(at, "notification", "decline", "20000", "conflicting, payment already success (0)");

            payments.recordLateResult(sale.key(), second);
            payments.recordLateResult(sale.key(), first);
            payments.recordLateResult(sale.key(), same);

            assertEquals(List.of(first, same, second), payments.lateResults(sale.key()));
            assertEquals(Optional.of(sale), payments.find(sale.key()), "late results never touch the payment");
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
        void listsThePeriodFromInclusiveToExclusiveInCreatedThenIdOrder() {
            long project = TestPayments.newProjectId();
            long otherProject = TestPayments.newProjectId();
            payments.create(saleCreatedAt(project, "before", start.minusNanos(1)));
            payments.create(saleCreatedAt(project, "b#2", start));
            Payment first = saleCreatedAt(project, "a", start);
            payments.create(first);
            payments.create(saleCreatedAt(project, "later", start.plusMillis(1)));
            payments.create(saleCreatedAt(project, "last", start.plusSeconds(60).minusNanos(1)));
            payments.create(saleCreatedAt(project, "at-to", start.plusSeconds(60)));
            payments.create(saleCreatedAt(otherProject, "other", start.plusSeconds(1)));
            payments.recordLateResult(new PaymentKey(project, "a"),
                    new LateResult(start.plusSeconds(2), "poll", "success", "0", "duplicate"));

            var page = payments.createdBetween(project, start, start.plusSeconds(60), null, 100);

            assertEquals(List.of("a", "b#2", "later", "last"), ids(page.payments()));
            assertEquals(first, page.payments().get(0), "the whole payment, as find reads it");
            assertEquals(Optional.empty(), page.next());
        }

        @Test
        void pagesContinueStrictlyAfterTheirPositionEvenWhenPaymentIdsHoldHashes() {
            long project = TestPayments.newProjectId();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                String id = "p#" + i;
                payments.create(saleCreatedAt(project, id, start.plusSeconds(i / 2)));
                expected.add(id);
            }
            List<String> seen = new ArrayList<>();
            PaymentStore.CreatedPosition position = null;
            int pages = 0;
            do {
                var page = payments.createdBetween(project, start, start.plusSeconds(3600), position, 3);
                seen.addAll(ids(page.payments()));
                position = page.next().orElse(null);
                pages++;
            } while (position != null && pages < 10);

            assertEquals(expected, seen);
            assertEquals(new PaymentStore.CreatedPosition(start.plusSeconds(1), "p#2"),
                    payments.createdBetween(project, start, start.plusSeconds(3600), null, 3).next().orElseThrow());
        }

        @Test
        void anEmptyOrReversedPeriodReadsNothing() {
            long project = TestPayments.newProjectId();
            payments.create(saleCreatedAt(project, "x", start));
            assertEquals(List.of(), payments.createdBetween(project, start, start, null, 10).payments());
            assertEquals(List.of(), payments.createdBetween(project, start.plusSeconds(1), start, null, 10).payments());
        }
    }
}
