package dev.jetonvoucher.sandbox;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * An SQS event source mapping, as Lambda runs it: long-polls the queue, hands the messages to the function in
 * batches up to the configured size, deletes the messages the function did not report as failed (partial batch
 * responses), and leaves the others to the queue, which makes them visible again after the visibility timeout and
 * moves them to the DLQ after maxReceiveCount. A function that throws leaves its whole batch.
 *
 * <p>Like Lambda scaling a mapping out, batches run side by side: up to the mapping's maximum concurrency
 * (ScalingConfig.MaximumConcurrency of template.yaml, else {@link #DEFAULT_MAXIMUM_CONCURRENCY}), each on a worker
 * of its own, and the poller receives only as many messages as there are free workers. So one slow batch (a
 * merchant trickling its answer to a callback) holds one worker, and the other messages go on to the others.
 */
public final class QueuePoller implements AutoCloseable {

    /**
     * Batches handled at once when the template sets no MaximumConcurrency: the five concurrent invocations Lambda
     * starts a standard queue's mapping with. Lambda then scales out further (up to 1,000 batches) while messages
     * wait; the sandbox, one process, stays at five.
     */
    public static final int DEFAULT_MAXIMUM_CONCURRENCY = 5;
    /** SQS's most messages per receive. */
    private static final int MAX_RECEIVE = 10;

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final int batchSize;
    private final int maximumConcurrency;
    private final boolean partialBatchResponses;
    private final FunctionHost function;
    private final Thread thread;
    private final Semaphore freeWorkers;
    private final ThreadPoolExecutor workers;
    private volatile boolean running = true;

    /** @param maximumConcurrency how many batches may be handled at once (at least 1) */
    public QueuePoller(
            SqsClient sqs,
            String queueUrl,
            String queueArn,
            int batchSize,
            int maximumConcurrency,
            boolean partialBatchResponses,
            FunctionHost function) {
        if (batchSize < 1 || maximumConcurrency < 1) {
            throw new IllegalArgumentException(function.definition().logicalId() + ": batch size " + batchSize
                    + " and maximum concurrency " + maximumConcurrency + " must be at least 1");
        }
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.batchSize = Math.min(batchSize, MAX_RECEIVE);
        this.maximumConcurrency = maximumConcurrency;
        this.partialBatchResponses = partialBatchResponses;
        this.function = function;
        String name = "sqs-" + function.definition().logicalId();
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.freeWorkers = new Semaphore(maximumConcurrency);
        // Workers are made when batches come and end when idle: an idle mapping costs one thread, the poller's.
        this.workers = new ThreadPoolExecutor(
                maximumConcurrency,
                maximumConcurrency,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                new WorkerThreads(name));
        this.workers.allowCoreThreadTimeOut(true);
    }

    public void start() {
        thread.start();
    }

    public int maximumConcurrency() {
        return maximumConcurrency;
    }

    /**
     * Receives at most one batch and handles it on the calling thread; false when the queue had nothing. Tests drive
     * the mapping with it.
     */
    public boolean pollOnce(int waitSeconds) {
        List<Message> messages = receive(batchSize, waitSeconds);
        if (messages.isEmpty()) {
            return false;
        }
        handle(messages);
        return true;
    }

    private List<Message> receive(int maxMessages, int waitSeconds) {
        ReceiveMessageResponse received = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                .maxNumberOfMessages(maxMessages)
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL));
        return received.messages();
    }

    /** One invocation with one batch, and what the mapping does with its answer. */
    private void handle(List<Message> messages) {
        SQSEvent event = event(messages, queueArn);
        Set<String> failed = new HashSet<>();
        try {
            Object response = function.invoke(event);
            if (partialBatchResponses
                    && response instanceof SQSBatchResponse batch
                    && batch.getBatchItemFailures() != null) {
                batch.getBatchItemFailures().forEach(failure -> failed.add(failure.getItemIdentifier()));
            }
        } catch (RuntimeException e) {
            System.out.println("ERROR sqs.function_failed function="
                    + function.definition().logicalId() + " error=" + e);
            return; // the whole batch stays on the queue
        }
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message message : messages) {
            if (!failed.contains(message.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder()
                        .id(message.messageId())
                        .receiptHandle(message.receiptHandle())
                        .build());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(done));
        }
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
            int workersTaken = takeFreeWorkers();
            if (workersTaken == 0) {
                continue; // none came free within the wait: look at `running` again
            }
            List<Message> messages;
            try {
                messages = receive(Math.min(MAX_RECEIVE, workersTaken * batchSize), 1);
            } catch (RuntimeException e) {
                freeWorkers.release(workersTaken);
                if (running) {
                    System.out.println("WARN sqs.poll_failed function="
                            + function.definition().logicalId() + " error=" + e);
                    sleep(1000);
                }
                continue;
            }
            List<List<Message>> batches = batches(messages);
            freeWorkers.release(workersTaken - batches.size());
            for (List<Message> batch : batches) {
                try {
                    workers.execute(() -> handleOnWorker(batch));
                } catch (RejectedExecutionException e) {
                    freeWorkers.release(); // closed: the batch comes back after the visibility timeout
                }
            }
        }
    }

    /**
     * Waits briefly for one free worker, then takes as many more as one receive can fill.
     *
     * @return the workers taken (0 when none came free within the wait)
     */
    private int takeFreeWorkers() {
        try {
            if (!freeWorkers.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                return 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return 0;
        }
        int taken = 1;
        int wanted = (MAX_RECEIVE + batchSize - 1) / batchSize;
        while (taken < wanted && freeWorkers.tryAcquire()) {
            taken++;
        }
        return taken;
    }

    private List<List<Message>> batches(List<Message> messages) {
        List<List<Message>> batches = new ArrayList<>();
        for (int from = 0; from < messages.size(); from += batchSize) {
            batches.add(List.copyOf(messages.subList(from, Math.min(messages.size(), from + batchSize))));
        }
        return batches;
    }

    private void handleOnWorker(List<Message> batch) {
        try {
            handle(batch);
        } catch (RuntimeException e) {
            // The batch's messages stay on the queue and come back after the visibility timeout.
            System.out.println(
                    "WARN sqs.batch_failed function=" + function.definition().logicalId() + " error=" + e);
        } finally {
            freeWorkers.release();
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
     * Asks the mapping to stop receiving, without waiting. No interrupt: batches in progress finish their work and
     * their messages are deleted, rather than being cut off between two AWS calls and their messages coming back
     * after the visibility timeout. The long poll ends within a second anyway.
     */
    public void requestStop() {
        running = false;
    }

    /**
     * Stops receiving and gives the batches in progress (the last receive's included) a few seconds to finish; a
     * slower one finishes on its daemon worker, or its messages come back after the visibility timeout.
     */
    @Override
    public void close() {
        requestStop();
        try {
            thread.join(3000);
            workers.shutdown();
            workers.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class WorkerThreads implements ThreadFactory {
        private final String name;
        private final AtomicInteger count = new AtomicInteger();

        WorkerThreads(String name) {
            this.name = name;
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
