package dev.jetonvoucher.memory;

import dev.jetonvoucher.provider.sandbox.VoucherLedger;
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
                && !voucher.redeemed();
        if (!meetsTerms) {
            return WriteOutcome.TERMS_NOT_MET;
        }
        transactions.put(transaction.operationId(), transaction);
        vouchers.put(voucher.number(), new LedgerVoucher(voucher.number(), voucher.faceValue(),
                voucher.securityCodeHash(), voucher.createdAt(), voucher.expiresAt(), voucher.issuedBy(),
                transaction.operationId()));
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

    /** Every voucher on the books, for invariants over all of them. */
    public synchronized List<LedgerVoucher> allVouchers() {
        return List.copyOf(vouchers.values());
    }

    /** Every transaction on the books. */
    public synchronized List<Transaction> allTransactions() {
        return List.copyOf(transactions.values());
    }
}
