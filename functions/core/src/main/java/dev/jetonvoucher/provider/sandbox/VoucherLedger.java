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

    /** Records a transaction with no voucher effect (test-mode results, declines). */
    WriteOutcome record(Transaction transaction);

    enum WriteOutcome { RECORDED, TRANSACTION_EXISTS, NUMBER_TAKEN, TERMS_NOT_MET }

    /**
     * A voucher on the books. {@code securityCodeHash} is a keyed hash; the code itself is never stored.
     *
     * @param redeemedBy the operation that redeemed it, or 0
     */
    record LedgerVoucher(String number, Money faceValue, String securityCodeHash, Instant createdAt,
            Instant expiresAt, long issuedBy, long redeemedBy) {

        public boolean redeemed() {
            return redeemedBy != 0;
        }

        /** The expiry as a customer enters it, MM/YYYY (UTC). */
        public String expiryMonth() {
            return EXPIRY_MONTH.format(expiresAt.atZone(java.time.ZoneOffset.UTC));
        }
    }

    /** What a redemption requires of the voucher, checked atomically by the ledger. */
    record RedemptionTerms(String number, String securityCodeHash, String expiryMonth, String currency,
            long minimumFaceValue, Instant now) {
    }

    java.time.format.DateTimeFormatter EXPIRY_MONTH = java.time.format.DateTimeFormatter.ofPattern("MM/yyyy");

    /**
     * An operation the provider was given.
     *
     * @param resultAt when the provider has its result (submit time + the sandbox delay)
     * @param stuck the provider never reaches a result (sandbox setting {@code stuck})
     * @param status the result it reaches at {@code resultAt}
     */
    record Transaction(long operationId, PaymentKey key, OperationType type, Money amount,
            String providerPaymentId, Instant createdAt, Instant resultAt, boolean stuck,
            PaymentStatus status, String code, String message, List<String> voucherNumbers) {

        public Transaction {
            voucherNumbers = voucherNumbers == null ? List.of() : List.copyOf(voucherNumbers);
        }
    }
}
