package dev.jetonvoucher.memory;

import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.provider.sandbox.VoucherLedger;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox provider's books in memory. Each write checks its conditions and applies all of its effects under one
 * lock, as {@code DynamoVoucherLedger}'s transactions do; the two pass the same contract suite.
 */
public final class InMemoryVoucherLedger implements VoucherLedger {

    private final Map<Long, Transaction> transactions = new LinkedHashMap<>();
    private final Map<String, LedgerVoucher> vouchers = new LinkedHashMap<>();

    @Override
    public synchronized Optional<Transaction> findTransaction(long operationId) {
        return Optional.ofNullable(transactions.get(operationId));
    }

    @Override
    public synchronized Optional<LedgerVoucher> findVoucher(String number) {
        return Optional.ofNullable(vouchers.get(number));
    }

    @Override
    public synchronized WriteOutcome recordIssue(Transaction transaction, List<LedgerVoucher> issued) {
        if (new HashSet<>(issued.stream().map(LedgerVoucher::number).toList()).size() < issued.size()) {
            return WriteOutcome.NUMBER_TAKEN;
        }
        if (transactions.containsKey(transaction.operationId())) {
            return WriteOutcome.TRANSACTION_EXISTS;
        }
        if (issued.stream().anyMatch(voucher -> vouchers.containsKey(voucher.number()))) {
            return WriteOutcome.NUMBER_TAKEN;
        }
        transactions.put(transaction.operationId(), transaction);
        issued.forEach(voucher -> vouchers.put(voucher.number(), voucher));
        return WriteOutcome.RECORDED;
    }

    @Override
    public synchronized WriteOutcome recordRedemption(Transaction transaction, RedemptionTerms terms) {
        // A repeated submit finds its own transaction first (its voucher may be redeemed by itself).
        if (transactions.containsKey(transaction.operationId())) {
            return WriteOutcome.TRANSACTION_EXISTS;
        }
        LedgerVoucher voucher = vouchers.get(terms.number());
        boolean meetsTerms = voucher != null
                && voucher.securityCodeHash().equals(terms.securityCodeHash())
                && voucher.expiryMonth().equals(terms.expiryMonth())
                && voucher.faceValue().currency().code().equals(terms.currency())
                && voucher.faceValue().minorUnits() >= terms.minimumFaceValue()
                && voucher.expiresAt().isAfter(terms.now())
                && !voucher.redeemed()
                && !voucher.voided()
                && !voucher.locked();
        if (!meetsTerms) {
            return WriteOutcome.TERMS_NOT_MET;
        }
        transactions.put(transaction.operationId(), transaction);
        vouchers.put(voucher.number(), voucher.withRedeemedBy(transaction.operationId()));
        return WriteOutcome.RECORDED;
    }

    @Override
    public synchronized WriteOutcome recordWrongAttempt(Transaction decline, String voucherNumber, Instant now) {
        if (transactions.containsKey(decline.operationId())) {
            return WriteOutcome.TRANSACTION_EXISTS;
        }
        transactions.put(decline.operationId(), decline);
        LedgerVoucher voucher = vouchers.get(voucherNumber);
        if (voucher != null && !voucher.locked()) {
            vouchers.put(voucherNumber, voucher.withWrongAttempt(now));
        }
        return WriteOutcome.RECORDED;
    }

    @Override
    public synchronized WriteOutcome record(Transaction transaction) {
        if (transactions.containsKey(transaction.operationId())) {
            return WriteOutcome.TRANSACTION_EXISTS;
        }
        transactions.put(transaction.operationId(), transaction);
        return WriteOutcome.RECORDED;
    }

    @Override
    public synchronized boolean cancelPending(Transaction transaction, Instant now) {
        Transaction stored = transactions.get(transaction.operationId());
        boolean pending = stored != null
                && stored.settlement() == Settlement.ACTIVE
                && (stored.stuck() || stored.resultAt().isAfter(now));
        return pending && settle(stored, Settlement.CANCELLED, now);
    }

    @Override
    public synchronized boolean reverseSuccess(Transaction transaction, Instant now) {
        Transaction stored = transactions.get(transaction.operationId());
        boolean active =
                stored != null && stored.settlement() == Settlement.ACTIVE && stored.status() == PaymentStatus.SUCCESS;
        return active && settle(stored, Settlement.REVERSED, now);
    }

    /** The settlement and the undoing of the voucher effect, all or nothing (as DynamoDB's transaction). */
    private boolean settle(Transaction transaction, Settlement how, Instant now) {
        Map<String, LedgerVoucher> undone = new LinkedHashMap<>();
        if (transaction.status() == PaymentStatus.SUCCESS) {
            for (String number : transaction.voucherNumbers()) {
                LedgerVoucher voucher = vouchers.get(number);
                if (transaction.type() == OperationType.PAYOUT) {
                    // a payout's voucher becomes void, if nobody redeemed it
                    if (voucher == null || voucher.issuedBy() != transaction.operationId() || voucher.redeemed()) {
                        return false;
                    }
                    undone.put(number, voucher.withVoidedBy(transaction.operationId()));
                } else {
                    // a sale's voucher is spendable again, same number and code
                    if (voucher == null || voucher.redeemedBy() != transaction.operationId()) {
                        return false;
                    }
                    undone.put(number, voucher.withRedeemedBy(0));
                }
            }
        }
        transactions.put(transaction.operationId(), transaction.settled(how, now));
        vouchers.putAll(undone);
        return true;
    }

    /** Every voucher on the books, for invariants over all of them. */
    public synchronized List<LedgerVoucher> allVouchers() {
        return List.copyOf(vouchers.values());
    }

    /** Every transaction on the books. */
    public synchronized List<Transaction> allTransactions() {
        return List.copyOf(transactions.values());
    }
}
