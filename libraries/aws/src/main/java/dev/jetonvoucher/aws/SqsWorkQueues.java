package dev.jetonvoucher.aws;

import dev.jetonvoucher.workflow.WorkMessages;
import dev.jetonvoucher.workflow.WorkQueues;
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@link WorkQueues} on SQS. Bodies are {@link WorkMessages}' JSON; delays become the message's
 * {@code DelaySeconds} (at most 900). A queue whose URL is not configured fails only when it is used, so a
 * function is built with just the queues it needs.
 */
public final class SqsWorkQueues implements WorkQueues {

    private final QueueSender sqs;
    private final String dispatchQueueUrl;
    private final String pollQueueUrl;
    private final String callbackQueueUrl;
    private final String callbackDeadLetterQueueUrl;
    private final String compensationDeadLetterQueueUrl;

    /** Any URL may be null when the function never uses that queue. */
    public SqsWorkQueues(
            SqsClient sqs,
            String dispatchQueueUrl,
            String pollQueueUrl,
            String callbackQueueUrl,
            String callbackDeadLetterQueueUrl,
            String compensationDeadLetterQueueUrl) {
        this(
                QueueSender.of(sqs),
                dispatchQueueUrl,
                pollQueueUrl,
                callbackQueueUrl,
                callbackDeadLetterQueueUrl,
                compensationDeadLetterQueueUrl);
    }

    /** Any URL may be null when the function never uses that queue. */
    public SqsWorkQueues(
            QueueSender sqs,
            String dispatchQueueUrl,
            String pollQueueUrl,
            String callbackQueueUrl,
            String callbackDeadLetterQueueUrl,
            String compensationDeadLetterQueueUrl) {
        this.sqs = sqs;
        this.dispatchQueueUrl = dispatchQueueUrl;
        this.pollQueueUrl = pollQueueUrl;
        this.callbackQueueUrl = callbackQueueUrl;
        this.callbackDeadLetterQueueUrl = callbackDeadLetterQueueUrl;
        this.compensationDeadLetterQueueUrl = compensationDeadLetterQueueUrl;
    }

    public static SqsWorkQueues from(SqsClient sqs, Environment environment) {
        return from(QueueSender.of(sqs), environment);
    }

    public static SqsWorkQueues from(QueueSender sqs, Environment environment) {
        return new SqsWorkQueues(
                sqs,
                environment.optional(Environment.DISPATCH_QUEUE_URL).orElse(null),
                environment.optional(Environment.STATUS_POLL_QUEUE_URL).orElse(null),
                environment.optional(Environment.MERCHANT_CALLBACK_QUEUE_URL).orElse(null),
                environment.optional(Environment.MERCHANT_CALLBACK_DLQ_URL).orElse(null),
                environment.optional(Environment.COMPENSATION_DLQ_URL).orElse(null));
    }

    @Override
    public void dispatch(WorkMessages.Dispatch message, Duration delay) {
        send(dispatchQueueUrl, Environment.DISPATCH_QUEUE_URL, WorkMessages.toJson(message), delay);
    }

    @Override
    public void poll(WorkMessages.Poll message, Duration delay) {
        send(pollQueueUrl, Environment.STATUS_POLL_QUEUE_URL, WorkMessages.toJson(message), delay);
    }

    @Override
    public void callback(WorkMessages.Callback message, Duration delay) {
        send(callbackQueueUrl, Environment.MERCHANT_CALLBACK_QUEUE_URL, WorkMessages.toJson(message), delay);
    }

    @Override
    public void callbackDeadLetter(WorkMessages.Callback message) {
        send(
                callbackDeadLetterQueueUrl,
                Environment.MERCHANT_CALLBACK_DLQ_URL,
                WorkMessages.toJson(message),
                Duration.ZERO);
    }

    @Override
    public void compensation(WorkMessages.Compensate message, Duration delay) {
        send(pollQueueUrl, Environment.STATUS_POLL_QUEUE_URL, WorkMessages.toJson(message), delay);
    }

    @Override
    public void compensationDeadLetter(WorkMessages.Compensate message) {
        send(
                compensationDeadLetterQueueUrl,
                Environment.COMPENSATION_DLQ_URL,
                WorkMessages.toJson(message),
                Duration.ZERO);
    }

    private void send(String queueUrl, String variable, String body, Duration delay) {
        if (queueUrl == null) {
            throw Environment.notSet(variable);
        }
        sqs.send(queueUrl, body, delaySeconds(delay));
    }

    /** Whole seconds, rounded up (a message must not become due early), within SQS's 0..900. */
    static int delaySeconds(Duration delay) {
        Duration capped = WorkQueues.capped(delay);
        long seconds = capped.getSeconds() + (capped.getNano() > 0 ? 1 : 0);
        return (int) Math.min(seconds, WorkQueues.MAX_DELAY.getSeconds());
    }
}
