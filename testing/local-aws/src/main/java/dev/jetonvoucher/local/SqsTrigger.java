package dev.jetonvoucher.local;

/** An SQS event of a function: which template queue feeds it, and how. */
public record SqsTrigger(String eventName, String queueLogicalId, int batchSize, boolean reportBatchItemFailures) {

    /** Lambda's batch size for SQS when the template does not set one. */
    public static final int DEFAULT_BATCH_SIZE = 10;
}
