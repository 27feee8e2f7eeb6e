package dev.jetonvoucher.aws;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * Runs {@code TransactWriteItems} to a decision. DynamoDB cancels a transaction that touches an item another
 * transaction is writing ({@code TransactionConflict}); that says nothing about the conditions, so it is
 * retried with jittered backoff (the SDK does not retry cancellations) instead of being read as a failed condition.
 */
final class Transactions {

    /** DynamoDB's limit of items per transaction. */
    static final int MAX_ITEMS = 100;

    static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final List<String> RETRYABLE =
            List.of("TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded");

    private static final int MAX_ATTEMPTS = 10;
    private static final long BASE_DELAY_MILLIS = 10;
    private static final long MAX_DELAY_MILLIS = 400;

    private Transactions() {}

    /** Committed, or cancelled by conditions: one reason code per item, in request order. */
    record Result(List<String> reasonCodes) {

        static final Result COMMITTED = new Result(List.of());

        boolean committed() {
            return reasonCodes.isEmpty();
        }

        boolean conditionFailed(int index) {
            return index < reasonCodes.size() && CONDITION_FAILED.equals(reasonCodes.get(index));
        }

        boolean anyConditionFailed(int fromIndex) {
            for (int i = fromIndex; i < reasonCodes.size(); i++) {
                if (conditionFailed(i)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * @throws IllegalStateException when the items kept conflicting with other transactions
     * @throws TransactionCanceledException for any cancellation other than conditions and conflicts (a bug)
     */
    static Result write(DynamoDbClient dynamoDb, List<TransactWriteItem> items, String what) {
        if (items.size() > MAX_ITEMS) {
            throw new IllegalArgumentException(what + ": " + items.size() + " items, DynamoDB allows " + MAX_ITEMS);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                dynamoDb.transactWriteItems(request -> request.transactItems(items));
                return Result.COMMITTED;
            } catch (TransactionCanceledException e) {
                if (!e.hasCancellationReasons()) {
                    throw e;
                }
                List<String> codes = e.cancellationReasons().stream()
                        .map(CancellationReason::code)
                        .toList();
                boolean retryable = codes.stream().anyMatch(RETRYABLE::contains);
                if (!retryable) {
                    if (codes.contains(CONDITION_FAILED)) {
                        return new Result(codes);
                    }
                    throw e;
                }
                // A condition may fail only because of the conflicting write: decide on a clean run.
                if (attempt == MAX_ATTEMPTS) {
                    throw new IllegalStateException(
                            what + ": still conflicting with concurrent transactions after " + MAX_ATTEMPTS
                                    + " attempts " + codes,
                            e);
                }
                backOff(attempt);
            }
        }
    }

    /**
     * Runs a single-item write, retrying {@link TransactionConflictException} (the item is part of a running
     * transaction at that moment).
     */
    static <T> T retryingConflicts(Supplier<T> write, String what) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (TransactionConflictException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new IllegalStateException(
                            what + ": still conflicting with concurrent transactions after " + MAX_ATTEMPTS
                                    + " attempts",
                            e);
                }
                backOff(attempt);
            }
        }
    }

    /** "Full jitter": a random wait below an exponentially growing cap, so racing writers spread out. */
    static void backOff(int attempt) {
        long cap = Math.min(MAX_DELAY_MILLIS, BASE_DELAY_MILLIS << Math.min(attempt, 16));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off a conflicting DynamoDB write", e);
        }
    }
}
