package dev.jetonvoucher.sandbox;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * An SQS event source mapping, as Lambda runs it: long-polls the queue for batches up to the configured
 * size, invokes the function with an SQS event, deletes the messages the function did not report as
 * failed (partial batch responses), and leaves the others to the queue, which makes them visible again
 * after the visibility timeout and moves them to the DLQ after maxReceiveCount. A function that throws
 * leaves its whole batch.
 */
public final class QueuePoller implements AutoCloseable {

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final int batchSize;
    private final boolean partialBatchResponses;
    private final FunctionHost function;
    private final Thread thread;
    private volatile boolean running = true;

    public QueuePoller(SqsClient sqs, String queueUrl, String queueArn, int batchSize, boolean partialBatchResponses,
            FunctionHost function) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.batchSize = Math.min(batchSize, 10);
        this.partialBatchResponses = partialBatchResponses;
        this.function = function;
        this.thread = new Thread(this::run, "sqs-" + function.definition().logicalId());
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Receives and handles at most one batch; false when the queue had nothing. Tests drive the mapping with it. */
    public boolean pollOnce(int waitSeconds) {
        ReceiveMessageResponse received = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                .maxNumberOfMessages(batchSize).waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL));
        List<Message> messages = received.messages();
        if (messages.isEmpty()) {
            return false;
        }
        SQSEvent event = event(messages, queueArn);
        Set<String> failed = new HashSet<>();
        try {
            Object response = function.invoke(event);
            if (partialBatchResponses && response instanceof SQSBatchResponse batch && batch.getBatchItemFailures() != null) {
                batch.getBatchItemFailures().forEach(failure -> failed.add(failure.getItemIdentifier()));
            }
        } catch (RuntimeException e) {
            System.out.println("ERROR sqs.function_failed function=" + function.definition().logicalId() + " error=" + e);
            return true; // the whole batch stays on the queue
        }
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message message : messages) {
            if (!failed.contains(message.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(message.messageId())
                        .receiptHandle(message.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(done));
        }
        return true;
    }

    /** The messages as the event source mapping hands them to the function. */
    public static SQSEvent event(List<Message> messages, String queueArn) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setMd5OfBody(message.md5OfBody());
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion("us-east-1");
            Map<String, String> attributes = new java.util.HashMap<>();
            message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
            record.setAttributes(attributes);
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private void run() {
        while (running) {
            try {
                pollOnce(1);
            } catch (RuntimeException e) {
                if (running) {
                    System.out.println("WARN sqs.poll_failed function=" + function.definition().logicalId() + " error=" + e);
                    sleep(1000);
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Asks the mapping to stop after its current batch, without waiting for it. No interrupt: the batch's
     * function finishes its work and its messages are deleted, rather than being cut off between two AWS
     * calls and its messages coming back after the visibility timeout. The long poll ends within a second anyway.
     */
    public void requestStop() {
        running = false;
    }

    @Override
    public void close() {
        requestStop();
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
