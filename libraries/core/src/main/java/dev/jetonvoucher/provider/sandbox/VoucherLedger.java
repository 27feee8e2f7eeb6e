package dev.jetonvoucher.provider.sandbox;

import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.PaymentKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The sandbox provider's books: the vouchers it issued and the operations it was given. Every write is
 * conditional, so an operation is recorded once and a voucher is redeemed once, however many requests race.
 */
public interface VoucherLedger {

    /**
     * A voucher locks for good at this many redemption attempts whose security code or expiry did not match: a
     * guesser gets 5 of the 10,000 codes, and a locked voucher is never redeemed again (the sandbox has no issuer
     * support desk to unlock it; it simply expires).
     */
    int WRONG_ATTEMPTS_BEFORE_LOCK = 5;

    Optional<Transaction> findTransaction(long operationId);

    Optional<LedgerVoucher> findVoucher(String number);

    /**
     * Records the transaction and issues its vouchers, all or nothing.
     *
     * @return RECORDED, TRANSACTION_EXISTS (an earlier submit won; nothing written) or NUMBER_TAKEN (a
     *     generated voucher number exists already; nothing written, try other numbers)
     */
    WriteOutcome recordIssue(Transaction transaction, List<LedgerVoucher> vouchers);

    /**
     * Records the transaction and redeems the voucher in one step, only if the voucher meets {@code terms}.
     *
     * @return RECORDED, TRANSACTION_EXISTS, or TERMS_NOT_MET (nothing written; read the voucher to say why)
     */
    WriteOutcome recordRedemption(Transaction transaction, RedemptionTerms terms);

    /**
     * Records a declined redemption whose voucher data did not match and counts it against that voucher, in one
     * step: the voucher's {@code wrongAttempts} grows by one and at {@link #WRONG_ATTEMPTS_BEFORE_LOCK} it is locked
     * (at {@code now}). An unknown number or a voucher already locked only gets the transaction recorded. Because the
     * count is written with the transaction, a repeated submit of one operation never counts twice.
     *
     * @return RECORDED or TRANSACTION_EXISTS (an earlier submit won; nothing written, nothing counted)
     */
    WriteOutcome recordWrongAttempt(Transaction decline, String voucherNumber, Instant now);

    /** Records a transaction with no voucher effect (test-mode results, declines, a cancel before any submit). */
    WriteOutcome record(Transaction transaction);

    /**
     * Cancels an operation that has no result yet, all or nothing: the transaction becomes CANCELLED (at {@code now})
     * and its voucher effect is undone (a sale's voucher is no longer redeemed by it, a payout's vouchers are void).
     * Only while the transaction is ACTIVE and stuck or before its result time.
     *
     * @return false when that no longer held (nothing written; read the transaction again)
     */
    boolean cancelPending(Transaction transaction, Instant now);

    /**
     * Reverses a successful operation, all or nothing: the transaction becomes REVERSED (at {@code now}), a sale's
     * voucher is no longer redeemed by it, a payout's vouchers are void (each only if nobody redeemed it).
     *
     * @return false when the transaction is not ACTIVE any more or a payout voucher was redeemed (nothing written)
     */
    boolean reverseSuccess(Transaction transaction, Instant now);

    enum WriteOutcome {
        RECORDED,
        TRANSACTION_EXISTS,
        NUMBER_TAKEN,
        TERMS_NOT_MET
    }

    /** What became of an operation's effect after its result: it stands, was cancelled before, or reversed after. */
    enum Settlement {
        ACTIVE,
        CANCELLED,
        REVERSED
    }

    /**
     * A voucher on the books. {@code securityCodeHash} is a keyed hash; the code itself is never stored.
     *
     * @param redeemedBy the operation that redeemed it, or 0
     * @param voidedBy the payout whose cancel or reversal voided it, or 0: a void voucher is never redeemable
     * @param wrongAttempts redemptions tried with a security code or expiry that did not match
     * @param lockedAt when the last allowed wrong attempt locked it, or null: a locked voucher is never redeemable
     */
    record LedgerVoucher(
            String number,
            Money faceValue,
            String securityCodeHash,
            Instant createdAt,
            Instant expiresAt,
            long issuedBy,
            long redeemedBy,
            long voidedBy,
            int wrongAttempts,
            Instant lockedAt) {

        public LedgerVoucher(
                String number,
                Money faceValue,
                String securityCodeHash,
                Instant createdAt,
                Instant expiresAt,
                long issuedBy,
                long redeemedBy) {
            this(number, faceValue, securityCodeHash, createdAt, expiresAt, issuedBy, redeemedBy, 0, 0, null);
        }

        public boolean locked() {
            return lockedAt != null;
        }

        /** The same voucher redeemed by {@code operationId} (0: no longer redeemed). */
        public LedgerVoucher withRedeemedBy(long operationId) {
            return new LedgerVoucher(
                    number,
                    faceValue,
                    securityCodeHash,
                    createdAt,
                    expiresAt,
                    issuedBy,
                    operationId,
                    voidedBy,
                    wrongAttempts,
                    lockedAt);
        }

        /** The same voucher, void by {@code payout}'s cancel or reversal. */
        public LedgerVoucher withVoidedBy(long payout) {
            return new LedgerVoucher(
                    number,
                    faceValue,
                    securityCodeHash,
                    createdAt,
                    expiresAt,
                    issuedBy,
                    redeemedBy,
                    payout,
                    wrongAttempts,
                    lockedAt);
        }

        /** The same voucher with one more wrong attempt counted, locked at {@code now} if that was the last allowed. */
        public LedgerVoucher withWrongAttempt(Instant now) {
            int attempts = wrongAttempts + 1;
            return new LedgerVoucher(
                    number,
                    faceValue,
                    securityCodeHash,
                    createdAt,
                    expiresAt,
                    issuedBy,
                    redeemedBy,
                    voidedBy,
                    attempts,
                    attempts >= WRONG_ATTEMPTS_BEFORE_LOCK ? now : null);
        }

        public boolean redeemed() {
            return redeemedBy != 0;
        }

        public boolean voided() {
            return voidedBy != 0;
        }

        /** The expiry as a customer enters it, MM/YYYY (UTC). */
        public String expiryMonth() {
            return EXPIRY_MONTH.format(expiresAt.atZone(java.time.ZoneOffset.UTC));
        }
    }

    /** What a redemption requires of the voucher, checked atomically by the ledger. */
    record RedemptionTerms(
            String number,
            String securityCodeHash,
            String expiryMonth,
            String currency,
            long minimumFaceValue,
            Instant now) {}

    java.time.format.DateTimeFormatter EXPIRY_MONTH = java.time.format.DateTimeFormatter.ofPattern("MM/yyyy");

    /**
     * An operation the provider was given.
     *
     * @param resultAt when the provider has its result (submit time + the sandbox delay)
     * @param stuck the provider never reaches a result (sandbox setting {@code stuck})
     * @param status the result it reaches at {@code resultAt}
     * @param cancellable whether a cancel before the result stops it (sandbox setting {@code provider_cancels})
     * @param settledAt when it was cancelled or reversed; null while ACTIVE
     */
    record Transaction(
            long operationId,
            PaymentKey key,
            OperationType type,
            Money amount,
            String providerPaymentId,
            Instant createdAt,
            Instant resultAt,
            boolean stuck,
            PaymentStatus status,
            String code,
            String message,
            List<String> voucherNumbers,
            boolean cancellable,
            Settlement settlement,
            Instant settledAt) {

        public Transaction {
            voucherNumbers = voucherNumbers == null ? List.of() : List.copyOf(voucherNumbers);
            java.util.Objects.requireNonNull(settlement, "settlement");
        }

        /** An active, cancellable transaction. */
        public Transaction(
                long operationId,
                PaymentKey key,
                OperationType type,
                Money amount,
                String providerPaymentId,
                Instant createdAt,
                Instant resultAt,
                boolean stuck,
                PaymentStatus status,
                String code,
                String message,
                List<String> voucherNumbers) {
            this(
                    operationId,
                    key,
                    type,
                    amount,
                    providerPaymentId,
                    createdAt,
                    resultAt,
                    stuck,
                    status,
                    code,
                    message,
                    voucherNumbers,
                    true,
                    Settlement.ACTIVE,
                    null);
        }

        /**
         * A cancel of an operation the provider never received: it records the id as used, so a submit that comes
         * later finds it cancelled and does nothing. It knows no payment, type or amount.
         */
        public static Transaction cancelledUnknown(long operationId, Instant now) {
            return new Transaction(
                    operationId,
                    null,
                    null,
                    null,
                    "JV" + operationId,
                    now,
                    now,
                    false,
                    PaymentStatus.DECLINE,
                    null,
                    null,
                    List.of(),
                    true,
                    Settlement.CANCELLED,
                    now);
        }

        /** The provider has its result: not stuck, and the result time has come. */
        public boolean finishedAt(Instant now) {
            return !stuck && !now.isBefore(resultAt);
        }

        public Transaction settled(Settlement how, Instant at) {
            return new Transaction(
                    operationId,
                    key,
                    type,
                    amount,
                    providerPaymentId,
                    createdAt,
                    resultAt,
                    stuck,
                    status,
                    code,
                    message,
                    voucherNumbers,
                    cancellable,
                    how,
                    at);
        }
    }
}
