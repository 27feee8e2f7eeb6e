package dev.jetonvoucher.aws;

import static dev.jetonvoucher.aws.Items.itemUpdate;
import static dev.jetonvoucher.aws.Items.n;
import static dev.jetonvoucher.aws.Items.names;
import static dev.jetonvoucher.aws.Items.s;
import static dev.jetonvoucher.aws.Items.values;

import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.payment.BalanceDelta;
import dev.jetonvoucher.payment.BalanceEffect;
import dev.jetonvoucher.payment.CallbackAttempt;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Compensation;
import dev.jetonvoucher.payment.Funds;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentAggregates;
import dev.jetonvoucher.payment.PaymentAggregates.Bucket;
import dev.jetonvoucher.payment.PaymentAggregates.Change;
import dev.jetonvoucher.payment.PaymentAggregates.Tally;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * {@link PaymentStore} on DynamoDB: the PaymentsTable for payments, the BalancesTable for the balance effects
 * that go with them (in the same transactions).
 *
 * <p>PaymentsTable items (key {@code pk} S + {@code sk} S), one partition per payment,
 * {@code pk = "P#<project_id>#<payment_id>"}:
 * <ul>
 *   <li>{@code sk = "PAYMENT"}: every {@link Payment} field in snake_case ({@code type}, {@code status} as wire
 *       values; {@code amount} N minor units + {@code currency} S; instants as fixed-width ISO-8601 strings;
 *       {@code funds}, {@code callback_state} as enum names; {@code vouchers} a list of maps {@code number,
 *       face_value, currency, created_at, expires_at}: never a security code), plus {@code project_id} N and
 *       {@code created_key = "<created_at>#<payment_id>"} for the {@code by-project-created-keys} index, and the callback
 *       bookkeeping {@code callback_attempts} (claimed tries), {@code callback_completed} (recorded tries) and
 *       {@code callback_claimed_at} (epoch milliseconds N) that make a try claimable once.</li>
 *   <li>{@code sk = "ATTEMPT#0001"}...: one callback delivery try ({@code number, at, http_status, latency_ms, error}).</li>
 *   <li>{@code sk = "LATE#<received_at>#<random>"}: a provider result that came after the payment was final
 *       ({@code received_at, source, status, code, disposition}).</li>
 * </ul>
 * And one partition per operation id ever used, {@code pk = "OP#<operation_id>"}, {@code sk = "OPERATION"}
 * ({@code operation_id} N, {@code payment_key = "<project_id>/<payment_id>"}): {@link #create} writes it with the
 * payment in one TransactWriteItems, both conditioned on {@code attribute_not_exists(pk)} (a payout's reservation
 * is the third item), so no two payments ever share an operation id, whichever containers drew it
 * ({@link CreateOutcome#OPERATION_ID_TAKEN}; a taken payment_id wins and reads DUPLICATE).
 * And the aggregates ({@link AggregateItems}): {@code pk = "AGG#<project_id>#<shard>"}, {@code sk = "DAY#<day>"},
 * changed in the same TransactWriteItems as each create and finish, so they count every payment exactly once.
 * Attempt, late, operation and aggregate items have no {@code project_id}/{@code created_key}, so the index holds
 * payments only.
 * Absent attributes stand for null values. Every status change is conditional on the status (and operation) it
 * had, so a payment finishes once however many workers race.
 */
public final class DynamoPaymentStore implements PaymentStore {

    /**
     * A claimed callback try that was not recorded within this time is taken to have crashed and may be claimed
     * again: longer than a delivery takes (10 s timeout), shorter than the queue's redelivery (visibility timeout).
     */
    static final Duration CLAIM_STALE_AFTER = Duration.ofMinutes(2);

    private static final String NEW_ITEM = "attribute_not_exists(#pk)";
    static final String OPERATION_PREFIX = "OP#";
    static final String OPERATION_SK = "OPERATION";
    /** DynamoDB's limit of keys per BatchGetItem. */
    private static final int MAX_BATCH_GET = 100;

    private static final int MAX_BATCH_GET_ATTEMPTS = 10;

    private final DynamoDbClient dynamoDb;
    private final String paymentsTable;
    private final String balancesTable;
    private final Clock clock;

    public DynamoPaymentStore(DynamoDbClient dynamoDb, String paymentsTable, String balancesTable) {
        this(dynamoDb, paymentsTable, balancesTable, Clock.systemUTC());
    }

    /** @param clock for callback claims (their staleness) */
    public DynamoPaymentStore(DynamoDbClient dynamoDb, String paymentsTable, String balancesTable, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.paymentsTable = paymentsTable;
        this.balancesTable = balancesTable;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ payments

    @Override
    public CreateOutcome create(Payment payment) {
        return switch (payment.funds()) {
            case NOT_APPLICABLE -> createClaimingOperation(payment, CreateOutcome.CREATED);
            case INSUFFICIENT -> createClaimingOperation(payment, CreateOutcome.CREATED_WITHOUT_FUNDS);
            case RESERVED -> createReserving(payment);
            default -> throw new IllegalArgumentException("a new payment cannot have funds " + payment.funds());
        };
    }

    private CreateOutcome createReserving(Payment payment) {
        long amount = payment.amount().minorUnits();
        if (amount <= 0) {
            throw new IllegalArgumentException("a payout reserves a positive amount, not " + payment.amount());
        }
        TransactWriteItem reservation = TransactWriteItem.builder()
                .update(balanceChange(payment, BalanceDelta.reservation(amount)))
                .build();

        Transactions.Result result = Transactions.write(
                dynamoDb,
                List.of(
                        putNew(PaymentItems.newPaymentItem(payment)),
                        putNew(operationItem(payment)),
                        reservation,
                        aggregates(payment, PaymentAggregates.created(payment))),
                "create payout " + payment.key());
        if (result.committed()) {
            return CreateOutcome.CREATED;
        }
        if (result.conditionFailed(0)) {
            return CreateOutcome.DUPLICATE;
        }
        if (result.conditionFailed(1)) {
            return CreateOutcome.OPERATION_ID_TAKEN;
        }
        // The balance cannot cover it (or was never opened): the payout is stored to be declined with 3028.
        return createClaimingOperation(payment.withFunds(Funds.INSUFFICIENT), CreateOutcome.CREATED_WITHOUT_FUNDS);
    }

    /** The payment and its operation id claim, both new, in one transaction. */
    private CreateOutcome createClaimingOperation(Payment payment, CreateOutcome created) {
        Transactions.Result result = Transactions.write(
                dynamoDb,
                List.of(
                        putNew(PaymentItems.newPaymentItem(payment)),
                        putNew(operationItem(payment)),
                        aggregates(payment, PaymentAggregates.created(payment))),
                "create payment " + payment.key());
        if (result.committed()) {
            return created;
        }
        // A repeated request must read as a duplicate (3041) even though its operation id may be taken too.
        return result.conditionFailed(0) ? CreateOutcome.DUPLICATE : CreateOutcome.OPERATION_ID_TAKEN;
    }

    private TransactWriteItem putNew(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(paymentsTable)
                        .item(item)
                        .conditionExpression(NEW_ITEM)
                        .expressionAttributeNames(names(NEW_ITEM))
                        .build())
                .build();
    }

    /** The counters a payment's write changes, in the same transaction (see {@link AggregateItems}). */
    private TransactWriteItem aggregates(Payment payment, List<Change> changes) {
        return TransactWriteItem.builder()
                .update(AggregateItems.update(paymentsTable, payment.key(), changes, clock.instant()))
                .build();
    }

    /** The claim of an operation id: one item per id ever used, naming its payment. */
    static Map<String, AttributeValue> operationItem(Payment payment) {
        return Map.of(
                "pk",
                s(OPERATION_PREFIX + payment.operationId()),
                "sk",
                s(OPERATION_SK),
                "operation_id",
                n(payment.operationId()),
                "payment_key",
                s(payment.key().toString()));
    }

    @Override
    public Optional<Payment> find(PaymentKey key) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(paymentsTable)
                        .key(PaymentItems.paymentKey(key))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(PaymentItems.payment(item));
    }

    @Override
    public boolean finish(Payment processing, Payment finished) {
        if (!processing.key().equals(finished.key()) || processing.operationId() != finished.operationId()) {
            throw new IllegalArgumentException(
                    "finish must keep the payment and operation: " + processing + " -> " + finished);
        }
        BalanceEffect effect = BalanceEffect.between(processing.funds(), finished.funds());
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder()
                .update(finishing(processing, finished))
                .build());
        List<Change> moved = PaymentAggregates.moved(
                processing, processing.toBuilder().status(finished.status()).build());
        if (!moved.isEmpty()) {
            writes.add(aggregates(processing, moved));
        }
        if (effect != BalanceEffect.NONE) {
            writes.add(TransactWriteItem.builder()
                    .update(balanceUpdate(processing, effect))
                    .build());
        }
        Transactions.Result result = Transactions.write(dynamoDb, writes, "finish " + processing.key());
        if (result.committed()) {
            return true;
        }
        if (result.conditionFailed(0)) {
            return false;
        }
        throw new IllegalStateException(
                "the balance of project " + processing.key().projectId() + " in "
                        + processing.amount().currency() + " has no reservation for " + processing.key()
                        + ": the books are inconsistent");
    }

    /** The payment's change from processing to final, conditional on it still being processing. */
    private Update finishing(Payment processing, Payment finished) {
        // An update, not a put: fields this step does not own (a dispatch reference recorded meanwhile, the
        // callback bookkeeping) stay as they are. Null values leave the stored one.
        Map<String, AttributeValue> changes = new LinkedHashMap<>();
        changes.put("status", s(finished.status().wire()));
        changes.put("funds", s(finished.funds().name()));
        changes.put("callback_state", s(finished.callbackState().name()));
        changes.put("vouchers", PaymentItems.vouchers(finished.vouchers()));
        if (finished.updatedAt() != null) {
            changes.put("updated_at", Items.instant(finished.updatedAt()));
        }
        if (finished.resultCode() != null) {
            changes.put("result_code", s(finished.resultCode()));
        }
        if (finished.resultMessage() != null) {
            changes.put("result_message", s(finished.resultMessage()));
        }
        if (finished.providerPaymentId() != null) {
            changes.put("provider_payment_id", s(finished.providerPaymentId()));
        }
        if (finished.providerDate() != null) {
            changes.put("provider_date", Items.instant(finished.providerDate()));
        }
        String update = changes.keySet().stream()
                .map(name -> "#" + name + " = :" + name)
                .collect(Collectors.joining(", ", "SET ", ""));
        // The funds are part of the condition because the balance effect is derived from them.
        String stillProcessing = "#status = :processing AND #operation_id = :operation AND #funds = :funds_before";
        Map<String, AttributeValue> values = changes.entrySet().stream()
                .collect(Collectors.toMap(e -> ":" + e.getKey(), Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        values.put(":processing", s(PaymentStatus.PROCESSING.wire()));
        values.put(":operation", n(processing.operationId()));
        values.put(":funds_before", s(processing.funds().name()));
        return paymentUpdate(processing.key(), update, stillProcessing, values);
    }

    private Update balanceUpdate(Payment payment, BalanceEffect effect) {
        return balanceChange(payment, effect.delta(payment.amount().minorUnits()));
    }

    /**
     * The balance item's update for a domain delta: each part that changes is added to (a sale may come before the
     * project's first payout opened the balance, so parts start from zero; "opening" is left to openIfAbsent), and
     * each part that shrinks must cover the change, so no part ever goes below zero.
     */
    private Update balanceChange(Payment payment, BalanceDelta delta) {
        if (!delta.conserves()) {
            throw new IllegalArgumentException("a balance delta must conserve the books: " + delta);
        }
        Map<String, Long> parts = new LinkedHashMap<>();
        parts.put("available", delta.available());
        parts.put("reserved", delta.reserved());
        parts.put("paid_out", delta.paidOut());
        parts.put("credited", delta.credited());
        List<String> sets = new java.util.ArrayList<>();
        List<String> conditions = new java.util.ArrayList<>();
        Map<String, AttributeValue> values = values(":zero", n(0));
        parts.forEach((part, change) -> {
            if (change == 0) {
                sets.add("#" + part + " = if_not_exists(#" + part + ", :zero)");
                return;
            }
            values.put(":" + part, n(Math.abs(change)));
            sets.add("#" + part + " = if_not_exists(#" + part + ", :zero) " + (change > 0 ? "+" : "-") + " :" + part);
            if (change < 0) {
                conditions.add("#" + part + " >= :" + part);
            }
        });
        String condition = conditions.isEmpty() ? null : String.join(" AND ", conditions);
        return itemUpdate(
                balancesTable,
                BalanceItems.key(payment.key().projectId(), payment.amount().currency()),
                "SET " + String.join(", ", sets),
                condition,
                values);
    }

    @Override
    public void markDispatched(PaymentKey key, long operationId, String providerPaymentId) {
        String update = "SET #provider_payment_id = :reference";
        String condition = "#status = :processing AND #operation_id = :operation";
        // A payment that is final or belongs to another operation is left alone: nothing to record.
        conditionalUpdate(
                paymentUpdate(
                        key,
                        update,
                        condition,
                        values(
                                ":reference",
                                s(providerPaymentId),
                                ":processing",
                                s(PaymentStatus.PROCESSING.wire()),
                                ":operation",
                                n(operationId))),
                "mark dispatched " + key);
    }

    // ------------------------------------------------------------------ callbacks

    @Override
    public boolean moveCallbackState(PaymentKey key, CallbackState expected, CallbackState next) {
        expected.moveTo(next); // only a move of the domain's table reaches the table
        String update = "SET #callback_state = :next";
        String condition = "#callback_state = :expected";
        return conditionalUpdate(
                paymentUpdate(key, update, condition, values(":next", s(next.name()), ":expected", s(expected.name()))),
                "move callback state " + key);
    }

    @Override
    public boolean claimCallbackAttempt(PaymentKey key, int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts are numbered from 1, not " + attempt);
        }
        Instant now = clock.instant();
        String update = "SET #callback_attempts = :attempt, #callback_claimed_at = :now";
        // The next try, or this try again if its claimer never recorded it and the claim is stale (a crash).
        String condition = "attribute_exists(#pk) AND #callback_state <> :delivered AND (#callback_attempts = :previous"
                + " OR (#callback_attempts = :attempt AND #callback_completed < :attempt AND #callback_claimed_at < :stale))";
        return conditionalUpdate(
                paymentUpdate(
                        key,
                        update,
                        condition,
                        values(
                                ":attempt", n(attempt),
                                ":previous", n(attempt - 1L),
                                ":now", n(now.toEpochMilli()),
                                ":stale", n(now.minus(CLAIM_STALE_AFTER).toEpochMilli()),
                                ":delivered", s(CallbackState.DELIVERED.name()))),
                "claim callback attempt " + attempt + " of " + key);
    }

    @Override
    public void recordCallbackAttempt(PaymentKey key, CallbackAttempt attempt, Optional<CallbackState> newState) {
        // The try's own item first (a repeat overwrites it), then the payment: separate writes, because each
        // payment change has its own condition and a failed one must not lose the record of the try.
        Transactions.retryingConflicts(
                () -> dynamoDb.putItem(
                        request -> request.tableName(paymentsTable).item(PaymentItems.attemptItem(key, attempt))),
                "record callback attempt " + key);

        // Only forward: a slow record of an earlier try must not reopen a later one for re-claiming.
        String completed = "SET #callback_completed = :number";
        String forward = "attribute_exists(#pk) AND #callback_completed < :number";
        if (newState.isPresent()) {
            // The usual end of a callback (delivered, or its schedule used up): both changes in one write when both
            // conditions hold, which is what the two writes below would do one after the other. Otherwise (a record
            // repeated, a later try recorded first, already delivered) the two writes each do their part alone.
            String both = completed + ", #callback_state = :state";
            String bothHold = forward + " AND #callback_state <> :delivered";
            boolean done = conditionalUpdate(
                    paymentUpdate(
                            key,
                            both,
                            bothHold,
                            values(
                                    ":number",
                                    n(attempt.number()),
                                    ":state",
                                    s(newState.get().name()),
                                    ":delivered",
                                    s(CallbackState.DELIVERED.name()))),
                    "complete callback attempt and set callback state " + key);
            if (done) {
                return;
            }
        }
        conditionalUpdate(
                paymentUpdate(key, completed, forward, values(":number", n(attempt.number()))),
                "complete callback attempt " + key);

        newState.ifPresent(state -> {
            // DELIVERED is the end: a late failure of a duplicate try cannot turn it into FAILED.
            String setState = "SET #callback_state = :state";
            String notDelivered = "attribute_exists(#pk) AND #callback_state <> :delivered";
            conditionalUpdate(
                    paymentUpdate(
                            key,
                            setState,
                            notDelivered,
                            values(":state", s(state.name()), ":delivered", s(CallbackState.DELIVERED.name()))),
                    "set callback state " + key);
        });
    }

    // ------------------------------------------------------------------ compensations

    @Override
    public boolean openCompensation(PaymentKey key, long operationId, Compensation compensation) {
        if (!compensation.pending() || compensation.attempts() != 0) {
            throw new IllegalArgumentException("a compensation opens pending with no try: " + compensation);
        }
        Map<String, AttributeValue> attributes = PaymentItems.openedCompensation(compensation);
        String update = attributes.keySet().stream()
                .map(name -> "#" + name + " = :" + name)
                .collect(Collectors.joining(", ", "SET ", ""));
        // Only a final payment that did not succeed has anything to undo; one compensation per payment.
        String condition = "#operation_id = :operation AND #status <> :processing AND #status <> :success"
                + " AND attribute_not_exists(#compensation_state)";
        Map<String, AttributeValue> values = attributes.entrySet().stream()
                .collect(Collectors.toMap(e -> ":" + e.getKey(), Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        values.put(":operation", n(operationId));
        values.put(":processing", s(PaymentStatus.PROCESSING.wire()));
        values.put(":success", s(PaymentStatus.SUCCESS.wire()));
        return conditionalUpdate(paymentUpdate(key, update, condition, values), "open compensation " + key);
    }

    @Override
    public boolean recordCompensationAttempt(
            PaymentKey key, Compensation.Attempt attempt, Optional<Compensation.State> closedAs) {
        if (attempt.number() < 1) {
            throw new IllegalArgumentException("tries are numbered from 1, not " + attempt.number());
        }
        closedAs.ifPresent(Compensation.State.PENDING::moveTo);
        // Forward only: a crash may skip a number, a duplicate finds its number (or a later one) taken.
        StringBuilder update = new StringBuilder("SET #compensation_attempts = :number");
        String condition = "#compensation_state = :pending AND #compensation_attempts < :number";
        Map<String, AttributeValue> values =
                values(":number", n(attempt.number()), ":pending", s(Compensation.State.PENDING.name()));
        if (closedAs.isPresent()) {
            update.append(", #compensation_state = :closed, #compensation_closed_at = :at,"
                    + " #compensation_outcome = :outcome");
            values.put(":closed", s(closedAs.get().name()));
            values.put(":at", Items.instant(attempt.at()));
            values.put(":outcome", s(attempt.outcome()));
        }
        TransactWriteItem payment = TransactWriteItem.builder()
                .update(paymentUpdate(key, update.toString(), condition, values))
                .build();
        TransactWriteItem record = TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(paymentsTable)
                        .item(PaymentItems.compensationAttemptItem(key, attempt))
                        .build())
                .build();
        return Transactions.write(dynamoDb, List.of(payment, record), "record compensation try " + key)
                .committed();
    }

    @Override
    public List<Compensation.Attempt> compensationAttempts(PaymentKey key) {
        return query(key, PaymentItems.COMPENSATION_PREFIX, PaymentItems::compensationAttempt);
    }

    @Override
    public List<CallbackAttempt> callbackAttempts(PaymentKey key) {
        return query(key, PaymentItems.ATTEMPT_PREFIX, PaymentItems::attempt);
    }

    @Override
    public void recordLateResult(PaymentKey key, LateResult lateResult) {
        // The random suffix keeps two results received in the same nanosecond apart.
        String unique = String.format("%016x", ThreadLocalRandom.current().nextLong());
        Transactions.retryingConflicts(
                () -> dynamoDb.putItem(request ->
                        request.tableName(paymentsTable).item(PaymentItems.lateItem(key, lateResult, unique))),
                "record late result " + key);
    }

    @Override
    public List<LateResult> lateResults(PaymentKey key) {
        return query(key, PaymentItems.LATE_PREFIX, PaymentItems::lateResult);
    }

    // ------------------------------------------------------------------ analysis

    @Override
    public CreatedPage createdBetween(long projectId, Instant from, Instant to, CreatedPosition after, int pageSize) {
        if (!from.isBefore(to)) {
            return new CreatedPage(List.of(), Optional.empty());
        }
        // BETWEEN is inclusive, yet this is [from, to): every key is "<instant>#<payment_id>", so the bare instant
        // of 'to' sorts before every key created at 'to' and after every key created earlier.
        String condition = "#project_id = :project AND #created_key BETWEEN :from AND :to";
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(paymentsTable)
                .indexName(PaymentItems.CREATED_INDEX)
                .keyConditionExpression(condition)
                .expressionAttributeNames(names(condition))
                .expressionAttributeValues(values(
                        ":project",
                        n(projectId),
                        ":from",
                        s(Items.formatInstant(from)),
                        ":to",
                        s(Items.formatInstant(to))))
                .limit(pageSize);
        if (after != null) {
            request.exclusiveStartKey(PaymentItems.createdIndexKey(projectId, after));
        }
        QueryResponse response = dynamoDb.query(request.build());
        Optional<CreatedPosition> next =
                response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? Optional.of(PaymentItems.createdPosition(response.lastEvaluatedKey()))
                        : Optional.empty();
        return new CreatedPage(listed(response.items()), next);
    }

    /**
     * The payment items an index page lists, in its order: the index projects only keys (so that a payment's changes
     * after its creation never write the index again), so the items are read from the table by key, BatchGetItem of at
     * most 100 keys: a page of n payments costs one index query and ⌈n / 100⌉ batch reads, whatever the table holds.
     */
    private List<Payment> listed(List<Map<String, AttributeValue>> indexItems) {
        if (indexItems.isEmpty()) {
            return List.of();
        }
        List<Map<String, AttributeValue>> keys = indexItems.stream()
                .map(entry -> Map.of("pk", entry.get("pk"), "sk", entry.get("sk")))
                .toList();
        Map<String, Map<String, AttributeValue>> byPk = new HashMap<>();
        for (int from = 0; from < keys.size(); from += MAX_BATCH_GET) {
            getAll(keys.subList(from, Math.min(keys.size(), from + MAX_BATCH_GET)))
                    .forEach(item -> byPk.put(item.get("pk").s(), item));
        }
        List<Payment> payments = new ArrayList<>(keys.size());
        for (Map<String, AttributeValue> key : keys) {
            Map<String, AttributeValue> item = byPk.get(key.get("pk").s());
            if (item != null) { // payment items are never deleted; an index entry without one is not a payment
                payments.add(PaymentItems.payment(item));
            }
        }
        return payments;
    }

    @Override
    public Map<Bucket, Tally> totals(long projectId, LocalDate firstDay, LocalDate lastDay) {
        // The period's day items in one Query; the shards only of the days not folded yet (as a rule today and
        // yesterday), by key; and each of those days past its fold margin folded on the way, so that the next view of
        // it reads its day item alone. A view's reads are a few requests whatever the period's volume.
        if (firstDay.isAfter(lastDay)) {
            return new TreeMap<>();
        }
        Instant now = clock.instant();
        Map<LocalDate, Map<String, AttributeValue>> dayItems = dayItems(projectId, firstDay, lastDay);
        List<LocalDate> unfolded = new ArrayList<>();
        for (LocalDate day = firstDay; !day.isAfter(lastDay); day = day.plusDays(1)) {
            if (!AggregateItems.folded(dayItems.get(day))) {
                unfolded.add(day);
            }
        }
        Map<LocalDate, List<Map<String, AttributeValue>>> shards = shards(projectId, unfolded);
        boolean mayBeFolded = false;
        for (LocalDate day : unfolded) {
            if (AggregateItems.foldable(day, now)) {
                fold(projectId, day, shards.getOrDefault(day, List.of()));
            }
            // Another reader may fold a settled day between the two reads: its day item, read again after its shards,
            // says whether to count them.
            mayBeFolded |= AggregateItems.settled(day, now);
        }
        if (mayBeFolded) {
            unfolded.forEach(dayItems::remove);
            dayItems.putAll(dayItems(projectId, unfolded.get(0), unfolded.get(unfolded.size() - 1)));
        }
        Map<Bucket, Tally> totals = new TreeMap<>();
        dayItems.values().forEach(item -> AggregateItems.addTo(totals, item));
        for (LocalDate day : unfolded) {
            if (!AggregateItems.folded(dayItems.get(day))) {
                shards.getOrDefault(day, List.of()).forEach(item -> AggregateItems.addTo(totals, item));
            }
        }
        return totals;
    }

    /** A project's day items from {@code firstDay} to {@code lastDay}, by day: one consistent Query. */
    private Map<LocalDate, Map<String, AttributeValue>> dayItems(
            long projectId, LocalDate firstDay, LocalDate lastDay) {
        Map<LocalDate, Map<String, AttributeValue>> byDay = new TreeMap<>();
        String condition = "#pk = :pk AND #sk BETWEEN :first AND :last";
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(paymentsTable)
                .consistentRead(true)
                .keyConditionExpression(condition)
                .expressionAttributeNames(names(condition))
                .expressionAttributeValues(values(
                        ":pk",
                        s(AggregateItems.daysPk(projectId)),
                        ":first",
                        s(AggregateItems.sk(firstDay)),
                        ":last",
                        s(AggregateItems.sk(lastDay))));
        Map<String, AttributeValue> after = null;
        do {
            if (after != null) {
                request.exclusiveStartKey(after);
            }
            QueryResponse response = dynamoDb.query(request.build());
            response.items().forEach(item -> byDay.put(AggregateItems.day(item), item));
            after = response.hasLastEvaluatedKey()
                            && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey()
                    : null;
        } while (after != null);
        return byDay;
    }

    /** Every shard item of the given days, by day (BatchGetItem, 100 keys a request); absent shards are left out. */
    private Map<LocalDate, List<Map<String, AttributeValue>>> shards(long projectId, List<LocalDate> days) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (LocalDate day : days) {
            for (int shard = 0; shard < AggregateItems.SHARDS; shard++) {
                keys.add(AggregateItems.key(projectId, shard, day));
            }
        }
        Map<LocalDate, List<Map<String, AttributeValue>>> byDay = new TreeMap<>();
        for (int from = 0; from < keys.size(); from += MAX_BATCH_GET) {
            getAll(keys.subList(from, Math.min(keys.size(), from + MAX_BATCH_GET)))
                    .forEach(item -> byDay.computeIfAbsent(AggregateItems.day(item), d -> new ArrayList<>())
                            .add(item));
        }
        return byDay;
    }

    /**
     * Folds a day's shards, as read, into its day item. Cancelled when another reader folded it first, or (never, with
     * the fold margin) when a shard changed since it was read: either way the day item read again tells the caller
     * what to count.
     */
    private void fold(long projectId, LocalDate day, List<Map<String, AttributeValue>> shards) {
        Transactions.Result result = Transactions.write(
                dynamoDb,
                AggregateItems.fold(paymentsTable, projectId, day, shards),
                "fold the aggregates of project " + projectId + " on " + day);
        if (!result.committed() && !result.conditionFailed(0)) {
            Log.warn("aggregates.fold_cancelled", "project_id", projectId, "day", day.toString());
        }
    }

    /**
     * BatchGetItem of at most 100 keys of the payments table, consistent, asking again for the keys DynamoDB left
     * unprocessed (in no particular order).
     */
    private List<Map<String, AttributeValue>> getAll(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, KeysAndAttributes> request = Map.of(
                paymentsTable,
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        for (int attempt = 1; !request.isEmpty(); attempt++) {
            Map<String, KeysAndAttributes> asked = request;
            BatchGetItemResponse response = dynamoDb.batchGetItem(r -> r.requestItems(asked));
            items.addAll(response.responses().getOrDefault(paymentsTable, List.of()));
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            if (!request.isEmpty()) {
                if (attempt == MAX_BATCH_GET_ATTEMPTS) {
                    throw new IllegalStateException(
                            "batch read: keys still unprocessed after " + attempt + " requests");
                }
                Transactions.backOff(attempt);
            }
        }
        return items;
    }

    @Override
    public void replaceTotals(long projectId, LocalDate day, Map<Bucket, Tally> totals) {
        // One transaction, all or nothing: a foldable day's totals as its folded day item and every shard deleted; a
        // day still open (or within its fold margin) keeps taking shard writes: its totals in shard 0, the other
        // shards and its day item deleted.
        boolean foldable = AggregateItems.foldable(day, clock.instant());
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(paymentsTable)
                        .item(
                                foldable
                                        ? AggregateItems.foldedDayItem(projectId, day, totals)
                                        : AggregateItems.item(projectId, 0, day, totals))
                        .build())
                .build());
        for (int shard = foldable ? 0 : 1; shard < AggregateItems.SHARDS; shard++) {
            writes.add(delete(AggregateItems.key(projectId, shard, day)));
        }
        if (!foldable) {
            writes.add(delete(AggregateItems.dayKey(projectId, day)));
        }
        if (!Transactions.write(dynamoDb, writes, "replace totals of " + projectId + " on " + day)
                .committed()) {
            throw new IllegalStateException("the totals of project " + projectId + " on " + day + " were not replaced");
        }
    }

    private TransactWriteItem delete(Map<String, AttributeValue> key) {
        return TransactWriteItem.builder()
                .delete(Delete.builder().tableName(paymentsTable).key(key).build())
                .build();
    }

    // ------------------------------------------------------------------ helpers

    /** An update of the payment's item, on a condition. */
    private Update paymentUpdate(PaymentKey key, String update, String condition, Map<String, AttributeValue> values) {
        return itemUpdate(paymentsTable, PaymentItems.paymentKey(key), update, condition, values);
    }

    /** @return false when the condition failed (nothing changed) */
    private boolean conditionalUpdate(Update update, String what) {
        return Transactions.retryingConflicts(
                () -> {
                    try {
                        dynamoDb.updateItem(request -> request.tableName(update.tableName())
                                .key(update.key())
                                .updateExpression(update.updateExpression())
                                .conditionExpression(update.conditionExpression())
                                .expressionAttributeNames(update.expressionAttributeNames())
                                .expressionAttributeValues(update.expressionAttributeValues()));
                        return true;
                    } catch (ConditionalCheckFailedException e) {
                        return false;
                    }
                },
                what);
    }

    private <T> List<T> query(PaymentKey key, String skPrefix, Function<Map<String, AttributeValue>, T> mapper) {
        String condition = "#pk = :pk AND begins_with(#sk, :prefix)";
        QueryRequest request = QueryRequest.builder()
                .tableName(paymentsTable)
                .keyConditionExpression(condition)
                .expressionAttributeNames(names(condition))
                .expressionAttributeValues(values(":pk", s(PaymentItems.pk(key)), ":prefix", s(skPrefix)))
                .consistentRead(true)
                .build();
        return dynamoDb.queryPaginator(request).items().stream().map(mapper).toList();
    }
}
