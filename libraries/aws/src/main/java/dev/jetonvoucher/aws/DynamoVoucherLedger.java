package dev.jetonvoucher.aws;

import static dev.jetonvoucher.aws.Items.bool;
import static dev.jetonvoucher.aws.Items.instant;
import static dev.jetonvoucher.aws.Items.itemUpdate;
import static dev.jetonvoucher.aws.Items.n;
import static dev.jetonvoucher.aws.Items.names;
import static dev.jetonvoucher.aws.Items.putIfPresent;
import static dev.jetonvoucher.aws.Items.s;
import static dev.jetonvoucher.aws.Items.values;

import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.provider.sandbox.VoucherLedger;
import dev.jetonvoucher.provider.sandbox.VoucherLedger.Settlement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The sandbox provider's {@link VoucherLedger} on the VoucherLedgerTable (key {@code pk} S):
 * <ul>
 *   <li>{@code pk = "T#<operation_id>"}: a transaction ({@code operation_id, project_id, payment_id, type, amount,
 *       currency, provider_payment_id, created_at, result_at, stuck, status, code, message, voucher_numbers,
 *       cancellable, settlement, settled_at}); a cancel of an operation never submitted is a transaction with
 *       settlement CANCELLED and no payment, type or amount.</li>
 *   <li>{@code pk = "V#<number>"}: a voucher ({@code number, face_value, currency, code_hash, created_at,
 *       expires_at, expiry_month, issued_by, redeemed_by, voided_by, wrong_codes, locked_at}; {@code redeemed_by = 0}
 *       until redeemed, {@code voided_by} the payout whose cancel or reversal voided it, absent or 0 otherwise;
 *       {@code wrong_codes} the redemptions tried with data that did not match, {@code locked_at} set when they reach
 *       {@link VoucherLedger#WRONG_ATTEMPTS_BEFORE_LOCK}). Only the keyed
 *       hash of the security code is kept, never the code.</li>
 * </ul>
 * A cancel or a reversal changes the transaction's settlement and undoes its voucher effect in one transaction.
 * Issue and redemption are single transactions with conditions on every item, so an operation is recorded once
 * and a voucher redeemed once however many requests race.
 */
public final class DynamoVoucherLedger implements VoucherLedger {

    private static final String NEW_ITEM = "attribute_not_exists(#pk)";

    private final DynamoDbClient dynamoDb;
    private final String ledgerTable;

    public DynamoVoucherLedger(DynamoDbClient dynamoDb, String ledgerTable) {
        this.dynamoDb = dynamoDb;
        this.ledgerTable = ledgerTable;
    }

    @Override
    public Optional<Transaction> findTransaction(long operationId) {
        return get(transactionPk(operationId)).map(DynamoVoucherLedger::transaction);
    }

    @Override
    public Optional<LedgerVoucher> findVoucher(String number) {
        return get(voucherPk(number)).map(DynamoVoucherLedger::voucher);
    }

    @Override
    public WriteOutcome recordIssue(Transaction transaction, List<LedgerVoucher> vouchers) {
        if (vouchers.size() + 1 > Transactions.MAX_ITEMS) {
            throw new IllegalArgumentException("one transaction can issue at most " + (Transactions.MAX_ITEMS - 1)
                    + " vouchers, not " + vouchers.size());
        }
        if (new HashSet<>(vouchers.stream().map(LedgerVoucher::number).toList()).size() < vouchers.size()) {
            return WriteOutcome.NUMBER_TAKEN; // DynamoDB rejects two writes of one item in a transaction
        }
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(putNew(transactionItem(transaction)));
        vouchers.forEach(voucher -> items.add(putNew(voucherItem(voucher))));
        Transactions.Result result =
                Transactions.write(dynamoDb, items, "issue vouchers of " + transaction.operationId());
        if (result.committed()) {
            return WriteOutcome.RECORDED;
        }
        return result.conditionFailed(0) ? WriteOutcome.TRANSACTION_EXISTS : WriteOutcome.NUMBER_TAKEN;
    }

    @Override
    public WriteOutcome recordRedemption(Transaction transaction, RedemptionTerms terms) {
        String redeem = "SET #redeemed_by = :operation";
        String meetsTerms = "attribute_exists(#pk) AND #code_hash = :code_hash AND #expiry_month = :expiry_month"
                + " AND #currency = :currency AND #face_value >= :amount AND #expires_at > :now AND #redeemed_by = :zero"
                + " AND (attribute_not_exists(#voided_by) OR #voided_by = :zero) AND attribute_not_exists(#locked_at)";
        TransactWriteItem redemption = TransactWriteItem.builder()
                .update(itemUpdate(
                        ledgerTable,
                        Map.of("pk", s(voucherPk(terms.number()))),
                        redeem,
                        meetsTerms,
                        values(
                                ":operation", n(transaction.operationId()),
                                ":code_hash", s(terms.securityCodeHash()),
                                ":expiry_month", s(terms.expiryMonth()),
                                ":currency", s(terms.currency()),
                                ":amount", n(terms.minimumFaceValue()),
                                ":now", instant(terms.now()),
                                ":zero", n(0))))
                .build();
        Transactions.Result result = Transactions.write(
                dynamoDb,
                List.of(putNew(transactionItem(transaction)), redemption),
                "redeem voucher for " + transaction.operationId());
        if (result.committed()) {
            return WriteOutcome.RECORDED;
        }
        // A repeated submit finds its own transaction first (its voucher may be redeemed by itself).
        return result.conditionFailed(0) ? WriteOutcome.TRANSACTION_EXISTS : WriteOutcome.TERMS_NOT_MET;
    }

    /**
     * The decline and the count in one transaction, so a repeated submit counts nothing. The count only grows, so two
     * tries settle it under any race: an increment below the last allowed, else the locking one, else (unknown number,
     * or locked meanwhile) the decline alone.
     */
    @Override
    public WriteOutcome recordWrongAttempt(Transaction decline, String voucherNumber, Instant now) {
        Map<String, AttributeValue> key = Map.of("pk", s(voucherPk(voucherNumber)));
        String unlocked = "attribute_exists(#pk) AND attribute_not_exists(#locked_at)";
        TransactWriteItem count = TransactWriteItem.builder()
                .update(itemUpdate(
                        ledgerTable,
                        key,
                        "SET #wrong_codes = if_not_exists(#wrong_codes, :zero) + :one",
                        unlocked + " AND (attribute_not_exists(#wrong_codes) OR #wrong_codes < :last)",
                        values(":zero", n(0), ":one", n(1), ":last", n(WRONG_ATTEMPTS_BEFORE_LOCK - 1))))
                .build();
        TransactWriteItem lock = TransactWriteItem.builder()
                .update(itemUpdate(
                        ledgerTable,
                        key,
                        "SET #wrong_codes = :limit, #locked_at = :now",
                        unlocked + " AND #wrong_codes = :last",
                        values(
                                ":limit",
                                n(WRONG_ATTEMPTS_BEFORE_LOCK),
                                ":now",
                                instant(now),
                                ":last",
                                n(WRONG_ATTEMPTS_BEFORE_LOCK - 1))))
                .build();
        for (TransactWriteItem attempt : List.of(count, lock)) {
            Transactions.Result result = Transactions.write(
                    dynamoDb,
                    List.of(putNew(transactionItem(decline)), attempt),
                    "count a wrong attempt for " + decline.operationId());
            if (result.committed()) {
                return WriteOutcome.RECORDED;
            }
            if (result.conditionFailed(0)) {
                return WriteOutcome.TRANSACTION_EXISTS;
            }
        }
        return record(decline);
    }

    @Override
    public WriteOutcome record(Transaction transaction) {
        return Transactions.retryingConflicts(
                () -> {
                    try {
                        dynamoDb.putItem(request -> request.tableName(ledgerTable)
                                .item(transactionItem(transaction))
                                .conditionExpression(NEW_ITEM)
                                .expressionAttributeNames(names(NEW_ITEM)));
                        return WriteOutcome.RECORDED;
                    } catch (ConditionalCheckFailedException exists) {
                        return WriteOutcome.TRANSACTION_EXISTS;
                    }
                },
                "record transaction " + transaction.operationId());
    }

    @Override
    public boolean cancelPending(Transaction transaction, Instant now) {
        String cancel = "SET #settlement = :cancelled, #settled_at = :now";
        String pending = "#settlement = :active AND (#stuck = :true OR #result_at > :now)";
        TransactWriteItem settle = TransactWriteItem.builder()
                .update(itemUpdate(
                        ledgerTable,
                        Map.of("pk", s(transactionPk(transaction.operationId()))),
                        cancel,
                        pending,
                        values(
                                ":cancelled", s(Settlement.CANCELLED.name()),
                                ":active", s(Settlement.ACTIVE.name()),
                                ":true", bool(true),
                                ":now", instant(now))))
                .build();
        return settle(transaction, settle, "cancel " + transaction.operationId());
    }

    @Override
    public boolean reverseSuccess(Transaction transaction, Instant now) {
        String reverse = "SET #settlement = :reversed, #settled_at = :now";
        String active = "#settlement = :active AND #status = :success";
        TransactWriteItem settle = TransactWriteItem.builder()
                .update(itemUpdate(
                        ledgerTable,
                        Map.of("pk", s(transactionPk(transaction.operationId()))),
                        reverse,
                        active,
                        values(
                                ":reversed", s(Settlement.REVERSED.name()),
                                ":active", s(Settlement.ACTIVE.name()),
                                ":success", s(PaymentStatus.SUCCESS.wire()),
                                ":now", instant(now))))
                .build();
        return settle(transaction, settle, "reverse " + transaction.operationId());
    }

    /** The transaction's settlement and the undoing of its voucher effect, all or nothing. */
    private boolean settle(Transaction transaction, TransactWriteItem settlement, String what) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(settlement);
        if (transaction.status() == PaymentStatus.SUCCESS) {
            for (String number : transaction.voucherNumbers()) {
                items.add(TransactWriteItem.builder()
                        .update(
                                transaction.type() == OperationType.PAYOUT
                                        ? voidIssued(number, transaction.operationId())
                                        : unredeem(number, transaction.operationId()))
                        .build());
            }
        }
        return Transactions.write(dynamoDb, items, what).committed();
    }

    /** A payout's voucher becomes void, if nobody redeemed it. */
    private Update voidIssued(String number, long operationId) {
        return itemUpdate(
                ledgerTable,
                Map.of("pk", s(voucherPk(number))),
                "SET #voided_by = :operation",
                "#issued_by = :operation AND #redeemed_by = :zero",
                values(":operation", n(operationId), ":zero", n(0)));
    }

    /** A sale's voucher is no longer redeemed by it: spendable again, with the same number and code. */
    private Update unredeem(String number, long operationId) {
        return itemUpdate(
                ledgerTable,
                Map.of("pk", s(voucherPk(number))),
                "SET #redeemed_by = :zero",
                "#redeemed_by = :operation",
                values(":operation", n(operationId), ":zero", n(0)));
    }

    // ------------------------------------------------------------------ items

    private Optional<Map<String, AttributeValue>> get(String pk) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request ->
                        request.tableName(ledgerTable).key(Map.of("pk", s(pk))).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private TransactWriteItem putNew(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(ledgerTable)
                        .item(item)
                        .conditionExpression(NEW_ITEM)
                        .expressionAttributeNames(names(NEW_ITEM))
                        .build())
                .build();
    }

    private static String transactionPk(long operationId) {
        return "T#" + operationId;
    }

    private static String voucherPk(String number) {
        return "V#" + number;
    }

    private static Map<String, AttributeValue> transactionItem(Transaction transaction) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(transactionPk(transaction.operationId())));
        item.put("operation_id", n(transaction.operationId()));
        if (transaction.key() != null) {
            item.put("project_id", n(transaction.key().projectId()));
            item.put("payment_id", s(transaction.key().paymentId()));
        }
        if (transaction.type() != null) {
            item.put("type", s(transaction.type().wire()));
        }
        if (transaction.amount() != null) {
            item.put("amount", n(transaction.amount().minorUnits()));
            item.put("currency", s(transaction.amount().currency().code()));
        }
        putIfPresent(item, "provider_payment_id", transaction.providerPaymentId());
        item.put("created_at", instant(transaction.createdAt()));
        item.put("result_at", instant(transaction.resultAt()));
        item.put("stuck", bool(transaction.stuck()));
        item.put("status", s(transaction.status().wire()));
        putIfPresent(item, "code", transaction.code());
        putIfPresent(item, "message", transaction.message());
        item.put(
                "voucher_numbers",
                AttributeValue.fromL(
                        transaction.voucherNumbers().stream().map(Items::s).toList()));
        item.put("cancellable", bool(transaction.cancellable()));
        item.put("settlement", s(transaction.settlement().name()));
        putIfPresent(item, "settled_at", transaction.settledAt());
        return item;
    }

    private static Transaction transaction(Map<String, AttributeValue> item) {
        String type = Items.string(item, "type");
        String currency = Items.string(item, "currency");
        String settlement = Items.string(item, "settlement");
        return new Transaction(
                Items.number(item, "operation_id"),
                item.containsKey("payment_id")
                        ? new PaymentKey(Items.number(item, "project_id"), Items.requiredString(item, "payment_id"))
                        : null,
                type == null ? null : OperationType.fromWire(type),
                currency == null ? null : Money.ofMinor(Items.number(item, "amount"), currency),
                Items.string(item, "provider_payment_id"),
                Items.requiredInstant(item, "created_at"),
                Items.requiredInstant(item, "result_at"),
                Items.bool(item, "stuck"),
                PaymentStatus.fromWire(Items.requiredString(item, "status")),
                Items.string(item, "code"),
                Items.string(item, "message"),
                Items.list(item, "voucher_numbers").stream()
                        .map(AttributeValue::s)
                        .toList(),
                !item.containsKey("cancellable") || Items.bool(item, "cancellable"),
                settlement == null ? Settlement.ACTIVE : Settlement.valueOf(settlement),
                Items.instant(item, "settled_at"));
    }

    private static Map<String, AttributeValue> voucherItem(LedgerVoucher voucher) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(voucherPk(voucher.number())));
        item.put("number", s(voucher.number()));
        item.put("face_value", n(voucher.faceValue().minorUnits()));
        item.put("currency", s(voucher.faceValue().currency().code()));
        item.put("code_hash", s(voucher.securityCodeHash()));
        item.put("created_at", instant(voucher.createdAt()));
        // Fixed-width instants compare as strings in the redemption condition (expires_at > :now).
        item.put("expires_at", instant(voucher.expiresAt()));
        item.put("expiry_month", s(voucher.expiryMonth()));
        item.put("issued_by", n(voucher.issuedBy()));
        item.put("redeemed_by", n(voucher.redeemedBy()));
        item.put("voided_by", n(voucher.voidedBy()));
        item.put("wrong_codes", n(voucher.wrongAttempts()));
        putIfPresent(item, "locked_at", voucher.lockedAt());
        return item;
    }

    private static LedgerVoucher voucher(Map<String, AttributeValue> item) {
        return new LedgerVoucher(
                Items.requiredString(item, "number"),
                Money.ofMinor(Items.number(item, "face_value"), Items.requiredString(item, "currency")),
                Items.requiredString(item, "code_hash"),
                Items.requiredInstant(item, "created_at"),
                Items.requiredInstant(item, "expires_at"),
                Items.number(item, "issued_by"),
                Items.numberOrZero(item, "redeemed_by"),
                Items.numberOrZero(item, "voided_by"),
                (int) Items.numberOrZero(item, "wrong_codes"),
                Items.instant(item, "locked_at"));
    }
}
