package dev.jetonvoucher.aws;

import dev.jetonvoucher.payment.Payment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Loads many new payments at once for benchmarks: the very items {@link DynamoPaymentStore#create} writes (the
 * payment and its operation-id claim, from the same mapping), but with BatchWriteItem, 25 items a call, without
 * the create's conditions and transaction. Never used by a function: a payment must be accepted through its
 * transaction; a benchmark of 100,000 rows would otherwise spend hours on moto, which copies a table per transaction.
 */
public final class BulkPaymentLoader {

    private static final int BATCH = 25;

    private final DynamoDbClient dynamoDb;
    private final String paymentsTable;

    public BulkPaymentLoader(DynamoDbClient dynamoDb, String paymentsTable) {
        this.dynamoDb = dynamoDb;
        this.paymentsTable = paymentsTable;
    }

    /** Writes the payments, which must be new; retries what DynamoDB leaves unprocessed. */
    public void load(List<Payment> payments) {
        List<WriteRequest> pending = new ArrayList<>();
        for (Payment payment : payments) {
            pending.add(put(PaymentItems.newPaymentItem(payment)));
            pending.add(put(DynamoPaymentStore.operationItem(payment)));
            if (pending.size() >= BATCH) {
                write(pending.subList(0, BATCH));
                pending = new ArrayList<>(pending.subList(BATCH, pending.size()));
            }
        }
        while (!pending.isEmpty()) {
            int size = Math.min(BATCH, pending.size());
            write(pending.subList(0, size));
            pending = new ArrayList<>(pending.subList(size, pending.size()));
        }
    }

    private void write(List<WriteRequest> batch) {
        List<WriteRequest> left = List.copyOf(batch);
        while (!left.isEmpty()) {
            List<WriteRequest> sending = left;
            Map<String, List<WriteRequest>> unprocessed = dynamoDb.batchWriteItem(
                            r -> r.requestItems(Map.of(paymentsTable, sending)))
                    .unprocessedItems();
            left = unprocessed == null ? List.of() : unprocessed.getOrDefault(paymentsTable, List.of());
        }
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder()
                .putRequest(PutRequest.builder().item(item).build())
                .build();
    }
}
