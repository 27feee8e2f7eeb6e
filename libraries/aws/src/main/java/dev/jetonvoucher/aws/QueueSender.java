package dev.jetonvoucher.aws;

import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends one message to an SQS queue: what the functions' queue adapters ({@link SqsWorkQueues}, {@link
 * SqsExportQueue}, {@link SqsProviderNotifier}) need of SQS. The functions send with {@link SqsSender} (one signed
 * {@code SendMessage} over the function's shared HTTP client); {@link #of(SqsClient)} adapts the SDK's client, which
 * the sandbox's tools and the tests use.
 */
@FunctionalInterface
public interface QueueSender {

    /** Sends {@code body} to the queue, to become visible after {@code delaySeconds} (0..900). */
    void send(String queueUrl, String body, int delaySeconds);

    static QueueSender of(SqsClient sqs) {
        return (queueUrl, body, delaySeconds) -> sqs.sendMessage(
                request -> request.queueUrl(queueUrl).messageBody(body).delaySeconds(delaySeconds));
    }
}
