package dev.jetonvoucher.local;

import java.util.OptionalInt;

/**
 * An SQS event of a function: which template queue feeds it, and how.
 *
 * @param maximumBatchingWindowSeconds how long Lambda may gather messages before invoking with a partial batch
 * @param maximumConcurrency ScalingConfig.MaximumConcurrency: at most this many batches of the mapping are handled
 *                           at once; empty when the template leaves Lambda to scale out as it likes
 */
public record SqsTrigger(
        String eventName,
        String queueLogicalId,
        int batchSize,
        int maximumBatchingWindowSeconds,
        OptionalInt maximumConcurrency,
        boolean reportBatchItemFailures) {

    /** Lambda's batch size for SQS when the template does not set one. */
    public static final int DEFAULT_BATCH_SIZE = 10;
    /** Lambda's batching window for a standard queue when the template does not set one. */
    public static final int DEFAULT_MAXIMUM_BATCHING_WINDOW_SECONDS = 0;
}
