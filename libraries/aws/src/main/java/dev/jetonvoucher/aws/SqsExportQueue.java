package dev.jetonvoucher.aws;

import dev.jetonvoucher.export.ExportQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@link ExportQueue} on the ExportQueue: the message body is the job id, all the worker needs to find the job. */
public final class SqsExportQueue implements ExportQueue {

    private final QueueSender sqs;
    private final String queueUrl;

    public SqsExportQueue(SqsClient sqs, String queueUrl) {
        this(QueueSender.of(sqs), queueUrl);
    }

    public SqsExportQueue(QueueSender sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void submit(String jobId) {
        sqs.send(queueUrl, jobId, 0);
    }
}
