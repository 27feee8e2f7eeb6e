package dev.jetonvoucher.local;

import java.util.Optional;

/**
 * An {@code AWS::SQS::Queue} of template.yaml. Absent attributes carry SQS's defaults (visibility
 * timeout 30 s, no delay, retention 4 days), so rules read the values AWS would really use.
 */
public record QueueDef(
        String logicalId,
        int visibilityTimeoutSeconds,
        int delaySeconds,
        int messageRetentionPeriodSeconds,
        Optional<Redrive> redrive,
        boolean fifo) {

    public static final int DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;
    public static final int DEFAULT_DELAY_SECONDS = 0;
    public static final int DEFAULT_MESSAGE_RETENTION_PERIOD_SECONDS = 345_600;

    /** RedrivePolicy: after {@code maxReceiveCount} receives a message moves to the dead-letter queue. */
    public record Redrive(String deadLetterQueueLogicalId, int maxReceiveCount) {}
}
