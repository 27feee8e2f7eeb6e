package dev.jetonvoucher.aws;

import dev.jetonvoucher.export.ExportQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@link ExportQueue} on the ExportQueue: the message body is the job id, all the worker needs to find the job. */
public final class SqsExportQueue implements ExportQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsExportQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void submit(String jobId) {
        sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(jobId));
    }
}
