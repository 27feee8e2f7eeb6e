package dev.jetonvoucher.reliability;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.jetonvoucher.sandbox.FunctionHost;
import dev.jetonvoucher.sandbox.QueuePoller;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * An SQS event source mapping whose acknowledgements get lost: the function handles each message completely, but the
 * first time it does so the delete never reaches the queue, as if the container died between its last write and the
 * acknowledgement. The message comes back (at once here: the visibility timeout is skipped) and is handled again; the
 * second acknowledgement goes through. A message the function reported as failed comes back too, as on SQS.
 */
final class LostAcknowledgementMapping {

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final FunctionHost function;
    private final int batchSize;
    private final Set<String> acknowledgementLost = new HashSet<>();
    final AtomicInteger deliveries = new AtomicInteger();
    final AtomicInteger lostAcknowledgements = new AtomicInteger();
    final AtomicInteger reportedFailures = new AtomicInteger();

    LostAcknowledgementMapping(SqsClient sqs, String queueUrl, String queueArn, FunctionHost function, int batchSize) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.function = function;
        this.batchSize = Math.min(batchSize, 10);
    }

    String functionName() {
        return function.definition().logicalId();
    }

    /** Handles at most one batch; false when the queue had nothing visible. */
    boolean pollOnce() {
        List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                        .maxNumberOfMessages(batchSize)
                        .waitTimeSeconds(0)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .messages();
        if (messages.isEmpty()) {
            return false;
        }
        deliveries.addAndGet(messages.size());
        Set<String> failed = new HashSet<>();
        try {
            Object response = function.invoke(QueuePoller.event(messages, queueArn));
            if (response instanceof SQSBatchResponse batch && batch.getBatchItemFailures() != null) {
                batch.getBatchItemFailures().forEach(failure -> failed.add(failure.getItemIdentifier()));
            }
        } catch (RuntimeException crashed) {
            messages.forEach(message -> failed.add(message.messageId()));
        }
        for (Message message : messages) {
            if (failed.contains(message.messageId())) {
                reportedFailures.incrementAndGet();
                visibleAgain(message);
            } else if (acknowledgementLost.add(message.messageId())) {
                lostAcknowledgements.incrementAndGet();
                visibleAgain(message);
            } else {
                sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return true;
    }

    /** What the visibility timeout does in time: the message can be received again. */
    private void visibleAgain(Message message) {
        sqs.changeMessageVisibility(request -> request.queueUrl(queueUrl)
                .receiptHandle(message.receiptHandle())
                .visibilityTimeout(0));
    }
}
