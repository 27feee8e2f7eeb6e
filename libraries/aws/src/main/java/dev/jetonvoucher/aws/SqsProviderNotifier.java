package dev.jetonvoucher.aws;

import dev.jetonvoucher.provider.ProviderNotifier;
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The sandbox provider's notifications, delivered through the ProviderNotificationQueue. A delay beyond SQS's
 * limit is capped at 15 minutes (SQS cannot hold a message longer), so such a notification comes early rather
 * than being refused.
 */
public final class SqsProviderNotifier implements ProviderNotifier {

    private final QueueSender sqs;
    private final String queueUrl;

    public SqsProviderNotifier(SqsClient sqs, String queueUrl) {
        this(QueueSender.of(sqs), queueUrl);
    }

    public SqsProviderNotifier(QueueSender sqs, String queueUrl) {
        if (queueUrl == null || queueUrl.isBlank()) {
            throw Environment.notSet(Environment.PROVIDER_NOTIFICATION_QUEUE_URL);
        }
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    public static SqsProviderNotifier from(SqsClient sqs, Environment environment) {
        return from(QueueSender.of(sqs), environment);
    }

    public static SqsProviderNotifier from(QueueSender sqs, Environment environment) {
        return new SqsProviderNotifier(sqs, environment.required(Environment.PROVIDER_NOTIFICATION_QUEUE_URL));
    }

    @Override
    public void send(String signedNotification, Duration delay) {
        sqs.send(queueUrl, signedNotification, SqsWorkQueues.delaySeconds(delay));
    }
}
