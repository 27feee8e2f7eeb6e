package dev.jetonvoucher.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.provider.sandbox.VoucherLedger;
import dev.jetonvoucher.provider.sandbox.VoucherLedger.LedgerVoucher;
import dev.jetonvoucher.provider.sandbox.VoucherLedger.RedemptionTerms;
import dev.jetonvoucher.provider.sandbox.VoucherLedger.Transaction;
import dev.jetonvoucher.provider.sandbox.VoucherLedger.WriteOutcome;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VoucherLedger} must do: record an operation once, issue vouchers all or nothing, redeem a
 * voucher once and only on its terms, under concurrent requests.
 */
public abstract class VoucherLedgerContract {

    /** The codes of the vouchers issued here: they may be hashed into the ledger, never stored. */
    protected static final String CODE = "7391";

    protected static final String OTHER_CODE = "6824";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final AtomicLong OPERATION_IDS = new AtomicLong(System.currentTimeMillis() * 1000);

    /** The ledger under test. Tests use fresh numbers and operation ids, so a ledger may be shared by a class. */
    protected abstract VoucherLedger ledger();

    /** Stands in for the provider's keyed hash: the ledger only compares it. */
    protected static String hash(String number, String code) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("code-hash|" + number + "|" + code).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String newNumber() {
        StringBuilder number = new StringBuilder("4619");
        while (number.length() < 19) {
            number.append(ThreadLocalRandom.current().nextInt(10));
        }
        return number.toString();
    }

    protected static LedgerVoucher voucher(String number, long faceValue, long issuedBy) {
        return new LedgerVoucher(
                number,
                Money.ofMinor(faceValue, "EUR"),
                hash(number, CODE),
                NOW,
                NOW.atZone(java.time.ZoneOffset.UTC).plusYears(1).toInstant(),
                issuedBy,
                0);
    }

    protected static Transaction transaction(OperationType type, long amount, List<String> numbers) {
        long operationId = OPERATION_IDS.incrementAndGet();
        return new Transaction(
                operationId,
                new PaymentKey(42, "pay-" + operationId),
                type,
                Money.ofMinor(amount, "EUR"),
                "JV" + operationId,
                NOW,
                NOW.plusSeconds(5),
                false,
                PaymentStatus.SUCCESS,
                "0",
                "Success",
                numbers);
    }

    /** A voucher of 50.00 EUR on the books, not redeemed. */
    protected LedgerVoucher issued() {
        String number = newNumber();
        Transaction payout = transaction(OperationType.PAYOUT, 5_000, List.of(number));
        LedgerVoucher voucher = voucher(number, 5_000, payout.operationId());
        assertEquals(WriteOutcome.RECORDED, ledger().recordIssue(payout, List.of(voucher)));
        return voucher;
    }

    protected static RedemptionTerms terms(LedgerVoucher voucher, String code, long amount, Instant now) {
        return new RedemptionTerms(
                voucher.number(), hash(voucher.number(), code), voucher.expiryMonth(), "EUR", amount, now);
    }

    @Nested
    class Issue {

        @Test
        void records_the_transaction_and_its_vouchers() {
            List<String> numbers = List.of(newNumber(), newNumber());
            Transaction payout = transaction(OperationType.PAYOUT, 8_000, numbers);
            List<LedgerVoucher> vouchers = List.of(
                    voucher(numbers.get(0), 5_000, payout.operationId()),
                    voucher(numbers.get(1), 3_000, payout.operationId()));

            assertEquals(WriteOutcome.RECORDED, ledger().recordIssue(payout, vouchers));

            assertEquals(Optional.of(payout), ledger().findTransaction(payout.operationId()));
            assertEquals(Optional.of(vouchers.get(0)), ledger().findVoucher(numbers.get(0)));
            assertEquals(Optional.of(vouchers.get(1)), ledger().findVoucher(numbers.get(1)));
        }

        @Test
        void a_repeated_issue_finds_its_transaction() {
            List<String> numbers = List.of(newNumber());
            Transaction payout = transaction(OperationType.PAYOUT, 5_000, numbers);
            assertEquals(
                    WriteOutcome.RECORDED, ledger().recordIssue(payout, List.of(voucher(numbers.get(0), 5_000, 1))));

            String other = newNumber();
            assertEquals(
                    WriteOutcome.TRANSACTION_EXISTS, ledger().recordIssue(payout, List.of(voucher(other, 5_000, 1))));
            assertEquals(Optional.empty(), ledger().findVoucher(other));
        }

        @Test
        void a_taken_number_writes_nothing() {
            LedgerVoucher existing = issued();
            String fresh = newNumber();
            Transaction payout = transaction(OperationType.PAYOUT, 10_000, List.of(fresh, existing.number()));

            assertEquals(
                    WriteOutcome.NUMBER_TAKEN,
                    ledger().recordIssue(
                                    payout,
                                    List.of(
                                            voucher(fresh, 5_000, payout.operationId()),
                                            voucher(existing.number(), 5_000, payout.operationId()))));

            assertEquals(Optional.empty(), ledger().findTransaction(payout.operationId()));
            assertEquals(Optional.empty(), ledger().findVoucher(fresh));
            assertEquals(Optional.of(existing), ledger().findVoucher(existing.number()));
        }

        @Test
        void a_number_drawn_twice_in_one_issue_is_taken() {
            String number = newNumber();
            Transaction payout = transaction(OperationType.PAYOUT, 10_000, List.of(number, number));

            assertEquals(
                    WriteOutcome.NUMBER_TAKEN,
                    ledger().recordIssue(
                                    payout,
                                    List.of(
                                            voucher(number, 5_000, payout.operationId()),
                                            voucher(number, 5_000, payout.operationId()))));
            assertEquals(Optional.empty(), ledger().findTransaction(payout.operationId()));
        }

        @Test
        void issues_fifty_vouchers_in_one_transaction() {
            List<String> numbers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                numbers.add(newNumber());
            }
            Transaction payout = transaction(OperationType.PAYOUT, 50 * 50_000, numbers);

            assertEquals(
                    WriteOutcome.RECORDED,
                    ledger().recordIssue(
                                    payout,
                                    numbers.stream()
                                            .map(n -> voucher(n, 50_000, payout.operationId()))
                                            .toList()));
            assertTrue(numbers.stream().allMatch(n -> ledger().findVoucher(n).isPresent()));
        }

        @Test
        void records_a_transaction_without_vouchers_once() {
            Transaction decline = transaction(OperationType.SALE, 5_000, List.of());

            assertEquals(WriteOutcome.RECORDED, ledger().record(decline));
            assertEquals(WriteOutcome.TRANSACTION_EXISTS, ledger().record(decline));
            assertEquals(Optional.of(decline), ledger().findTransaction(decline.operationId()));
            assertEquals(Optional.empty(), ledger().findTransaction(decline.operationId() + 1_000_000));
        }
    }

    @Nested
    class Redeem {

        @Test
        void redeems_a_voucher_once() {
            LedgerVoucher voucher = issued();
            Transaction sale = transaction(OperationType.SALE, 5_000, List.of(voucher.number()));
            Transaction another = transaction(OperationType.SALE, 5_000, List.of(voucher.number()));

            assertEquals(WriteOutcome.RECORDED, ledger().recordRedemption(sale, terms(voucher, CODE, 5_000, NOW)));
            assertEquals(
                    WriteOutcome.TRANSACTION_EXISTS, ledger().recordRedemption(sale, terms(voucher, CODE, 5_000, NOW)));
            assertEquals(
                    WriteOutcome.TERMS_NOT_MET, ledger().recordRedemption(another, terms(voucher, CODE, 5_000, NOW)));

            assertEquals(
                    sale.operationId(),
                    ledger().findVoucher(voucher.number()).orElseThrow().redeemedBy());
            assertEquals(Optional.of(sale), ledger().findTransaction(sale.operationId()));
            assertEquals(Optional.empty(), ledger().findTransaction(another.operationId()));
        }

        @Test
        void a_voucher_worth_more_than_the_amount_is_redeemed() {
            LedgerVoucher voucher = issued();
            Transaction sale = transaction(OperationType.SALE, 1_000, List.of(voucher.number()));
            assertEquals(WriteOutcome.RECORDED, ledger().recordRedemption(sale, terms(voucher, CODE, 1_000, NOW)));
        }

        @Test
        void refuses_every_unmet_term() {
            LedgerVoucher voucher = issued();
            RedemptionTerms good = terms(voucher, CODE, 5_000, NOW);
            List<RedemptionTerms> unmet = List.of(
                    terms(voucher, OTHER_CODE, 5_000, NOW),
                    new RedemptionTerms(voucher.number(), good.securityCodeHash(), "01/2020", "EUR", 5_000, NOW),
                    new RedemptionTerms(
                            voucher.number(), good.securityCodeHash(), good.expiryMonth(), "USD", 5_000, NOW),
                    terms(voucher, CODE, 5_001, NOW),
                    terms(voucher, CODE, 5_000, voucher.expiresAt()),
                    terms(voucher, CODE, 5_000, voucher.expiresAt().plus(1, ChronoUnit.DAYS)),
                    new RedemptionTerms(newNumber(), good.securityCodeHash(), good.expiryMonth(), "EUR", 5_000, NOW));

            for (RedemptionTerms terms : unmet) {
                Transaction sale = transaction(OperationType.SALE, 5_000, List.of(terms.number()));
                assertEquals(WriteOutcome.TERMS_NOT_MET, ledger().recordRedemption(sale, terms), terms::toString);
                assertEquals(Optional.empty(), ledger().findTransaction(sale.operationId()));
            }
            assertFalse(ledger().findVoucher(voucher.number()).orElseThrow().redeemed());
            // One nanosecond before it expires it is still good.
            Transaction last = transaction(OperationType.SALE, 5_000, List.of(voucher.number()));
            assertEquals(
                    WriteOutcome.RECORDED,
                    ledger().recordRedemption(
                                    last,
                                    terms(
                                            voucher,
                                            CODE,
                                            5_000,
                                            voucher.expiresAt().minusNanos(1))));
        }

        @Test
        void concurrent_redemptions_of_one_voucher_redeem_it_once() {
            LedgerVoucher voucher = issued();
            List<Transaction> sales = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sales.add(transaction(OperationType.SALE, 5_000, List.of(voucher.number())));
            }

            List<WriteOutcome> outcomes = Concurrently.run(
                    20, i -> ledger().recordRedemption(sales.get(i), terms(voucher, CODE, 5_000, NOW)));

            assertEquals(
                    1, outcomes.stream().filter(o -> o == WriteOutcome.RECORDED).count(), outcomes::toString);
            assertEquals(
                    19,
                    outcomes.stream()
                            .filter(o -> o == WriteOutcome.TERMS_NOT_MET)
                            .count(),
                    outcomes::toString);
            Transaction winner = sales.get(outcomes.indexOf(WriteOutcome.RECORDED));
            assertEquals(
                    winner.operationId(),
                    ledger().findVoucher(voucher.number()).orElseThrow().redeemedBy());
            for (Transaction sale : sales) {
                assertEquals(
                        sale == winner,
                        ledger().findTransaction(sale.operationId()).isPresent());
            }
        }
    }

    @Nested
    class WrongAttempts {

        private Transaction incorrect() {
            Transaction sale = transaction(OperationType.SALE, 5_000, List.of());
            return new Transaction(
                    sale.operationId(),
                    sale.key(),
                    sale.type(),
                    sale.amount(),
                    sale.providerPaymentId(),
                    NOW,
                    NOW.plusSeconds(5),
                    false,
                    PaymentStatus.DECLINE,
                    "20102",
                    "Incorrect account data entered",
                    List.of());
        }

        private LedgerVoucher afterWrongAttempts(int attempts) {
            LedgerVoucher voucher = issued();
            for (int i = 0; i < attempts; i++) {
                assertEquals(
                        WriteOutcome.RECORDED,
                        ledger().recordWrongAttempt(incorrect(), voucher.number(), NOW.plusSeconds(i)));
            }
            return ledger().findVoucher(voucher.number()).orElseThrow();
        }

        @Test
        void each_is_recorded_with_its_decline_and_counted() {
            LedgerVoucher voucher = issued();
            Transaction decline = incorrect();

            assertEquals(WriteOutcome.RECORDED, ledger().recordWrongAttempt(decline, voucher.number(), NOW));

            assertEquals(Optional.of(decline), ledger().findTransaction(decline.operationId()));
            LedgerVoucher counted = ledger().findVoucher(voucher.number()).orElseThrow();
            assertEquals(1, counted.wrongAttempts());
            assertFalse(counted.locked());
        }

        @Test
        void four_leave_the_voucher_redeemable() {
            LedgerVoucher voucher = afterWrongAttempts(VoucherLedger.WRONG_ATTEMPTS_BEFORE_LOCK - 1);
            assertEquals(4, voucher.wrongAttempts());
            assertFalse(voucher.locked());

            Transaction sale = transaction(OperationType.SALE, 5_000, List.of(voucher.number()));
            assertEquals(WriteOutcome.RECORDED, ledger().recordRedemption(sale, terms(voucher, CODE, 5_000, NOW)));
        }

        @Test
        void the_fifth_locks_the_voucher_for_good_and_the_right_code_no_longer_redeems_it() {
            LedgerVoucher voucher = afterWrongAttempts(VoucherLedger.WRONG_ATTEMPTS_BEFORE_LOCK);
            assertEquals(5, voucher.wrongAttempts());
            assertEquals(NOW.plusSeconds(4), voucher.lockedAt(), "locked at the fifth attempt");

            Transaction sale = transaction(OperationType.SALE, 5_000, List.of(voucher.number()));
            assertEquals(WriteOutcome.TERMS_NOT_MET, ledger().recordRedemption(sale, terms(voucher, CODE, 5_000, NOW)));
            assertEquals(
                    WriteOutcome.TERMS_NOT_MET,
                    ledger().recordRedemption(sale, terms(voucher, CODE, 5_000, NOW.plus(30, ChronoUnit.DAYS))),
                    "it does not unlock with time");
            assertEquals(Optional.empty(), ledger().findTransaction(sale.operationId()));
            assertFalse(ledger().findVoucher(voucher.number()).orElseThrow().redeemed());
        }

        @Test
        void attempts_on_a_locked_voucher_are_recorded_but_no_longer_counted() {
            LedgerVoucher locked = afterWrongAttempts(VoucherLedger.WRONG_ATTEMPTS_BEFORE_LOCK);
            Transaction decline = incorrect();

            assertEquals(
                    WriteOutcome.RECORDED, ledger().recordWrongAttempt(decline, locked.number(), NOW.plusSeconds(60)));

            assertEquals(Optional.of(decline), ledger().findTransaction(decline.operationId()));
            assertEquals(Optional.of(locked), ledger().findVoucher(locked.number()), "count and lock time unchanged");
        }

        @Test
        void a_repeated_attempt_counts_once() {
            LedgerVoucher voucher = issued();
            Transaction decline = incorrect();

            assertEquals(WriteOutcome.RECORDED, ledger().recordWrongAttempt(decline, voucher.number(), NOW));
            assertEquals(WriteOutcome.TRANSACTION_EXISTS, ledger().recordWrongAttempt(decline, voucher.number(), NOW));

            assertEquals(1, ledger().findVoucher(voucher.number()).orElseThrow().wrongAttempts());
        }

        @Test
        void an_attempt_on_an_unknown_number_records_the_decline_and_no_voucher() {
            String unknown = newNumber();
            Transaction decline = incorrect();

            assertEquals(WriteOutcome.RECORDED, ledger().recordWrongAttempt(decline, unknown, NOW));

            assertEquals(Optional.of(decline), ledger().findTransaction(decline.operationId()));
            assertEquals(Optional.empty(), ledger().findVoucher(unknown));
        }

        @Test
        void concurrent_attempts_are_each_counted_until_the_lock() {
            LedgerVoucher voucher = issued();
            List<Transaction> declines = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                declines.add(incorrect());
            }

            List<WriteOutcome> outcomes =
                    Concurrently.run(12, i -> ledger().recordWrongAttempt(declines.get(i), voucher.number(), NOW));

            assertTrue(outcomes.stream().allMatch(o -> o == WriteOutcome.RECORDED), outcomes::toString);
            LedgerVoucher after = ledger().findVoucher(voucher.number()).orElseThrow();
            assertEquals(VoucherLedger.WRONG_ATTEMPTS_BEFORE_LOCK, after.wrongAttempts());
            assertTrue(after.locked());
            assertTrue(declines.stream()
                    .allMatch(d -> ledger().findTransaction(d.operationId()).isPresent()));
        }

        @Test
        void a_lock_survives_the_reversal_of_the_sale_that_redeemed_the_voucher() {
            LedgerVoucher voucher = issued();
            Transaction sale = transaction(OperationType.SALE, 5_000, List.of(voucher.number()));
            assertEquals(WriteOutcome.RECORDED, ledger().recordRedemption(sale, terms(voucher, CODE, 5_000, NOW)));
            for (int i = 0; i < VoucherLedger.WRONG_ATTEMPTS_BEFORE_LOCK; i++) {
                ledger().recordWrongAttempt(incorrect(), voucher.number(), NOW);
            }

            assertTrue(ledger().reverseSuccess(sale, NOW.plusSeconds(10)));

            LedgerVoucher after = ledger().findVoucher(voucher.number()).orElseThrow();
            assertFalse(after.redeemed());
            assertTrue(after.locked(), "spendable again only for a holder who never let it lock");
        }
    }
}
