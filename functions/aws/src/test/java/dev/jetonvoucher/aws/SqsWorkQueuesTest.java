package dev.jetonvoucher.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.workflow.WorkMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

class SqsWorkQueuesTest {

    private static final PaymentKey KEY = new PaymentKey(42, "pay-1");
    private static final Instant DUE = Instant.parse("2026-03-01T10:00:00Z");

    private static LocalResources aws;
    private static SqsWorkQueues queues;

    @BeforeAll
    static void deploy() {
        aws = LocalResources.deploy(SqsWorkQueuesTest.class);
        queues = SqsWorkQueues.from(aws.sqs(), new Environment(Map.of(
                Environment.DISPATCH_QUEUE_URL, aws.queueUrl("ProviderDispatchQueue"),
                Environment.STATUS_POLL_QUEUE_URL, aws.queueUrl("StatusPollQueue"),
                Environment.MERCHANT_CALLBACK_QUEUE_URL, aws.queueUrl("MerchantCallbackQueue"),
                Environment.MERCHANT_CALLBACK_DLQ_URL, aws.queueUrl("MerchantCallbackDeadLetterQueue"))));
    }

    /** Everything visible in the queue now, removed from it. */
    private static List<String> drain(String logicalId) {
        String url = aws.queueUrl(logicalId);
        List<String> bodies = new ArrayList<>();
        List<Message> batch;
        do {
            batch = aws.sqs().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            for (Message message : batch) {
                bodies.add(message.body());
                aws.sqs().deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
            }
        } while (!batch.isEmpty());
        return bodies;
    }

    private static void assertOnlyIn(String logicalId, String body) {
        for (String queue : List.of("ProviderDispatchQueue", "StatusPollQueue", "MerchantCallbackQueue",
                "MerchantCallbackDeadLetterQueue", "ProviderNotificationQueue")) {
            assertEquals(queue.equals(logicalId) ? List.of(body) : List.of(), drain(queue), queue);
        }
    }

    @Test
    void eachMessageGoesToItsQueueAsWorkMessagesJson() {
        WorkMessages.Dispatch dispatch = new WorkMessages.Dispatch(KEY, 7, "sealed", 0);
        queues.dispatch(dispatch, Duration.ZERO);
        assertOnlyIn("ProviderDispatchQueue", WorkMessages.toJson(dispatch));

        WorkMessages.Poll poll = new WorkMessages.Poll(KEY, 7, 2, DUE);
        queues.poll(poll, Duration.ZERO);
        assertOnlyIn("StatusPollQueue", WorkMessages.toJson(poll));

        WorkMessages.Callback callback = new WorkMessages.Callback(KEY, 7, 1, null, DUE, "{\"signed\":true}");
        queues.callback(callback, Duration.ZERO);
        assertOnlyIn("MerchantCallbackQueue", WorkMessages.toJson(callback));

        queues.callbackDeadLetter(callback);
        assertOnlyIn("MerchantCallbackDeadLetterQueue", WorkMessages.toJson(callback));
    }

    @Test
    void aDelayedMessageBecomesVisibleOnlyAfterItsDelay() {
        WorkMessages.Poll poll = new WorkMessages.Poll(KEY, 8, 1, DUE);
        long sent = System.nanoTime();
        queues.poll(poll, Duration.ofMillis(1_500)); // rounded up to 2 s

        assertEquals(List.of(), drain("StatusPollQueue"));
        String url = aws.queueUrl("StatusPollQueue");
        List<Message> received = aws.sqs().receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(5)).messages();
        Duration waited = Duration.ofNanos(System.nanoTime() - sent);

        assertEquals(1, received.size());
        assertEquals(WorkMessages.toJson(poll), received.get(0).body());
        assertTrue(waited.compareTo(Duration.ofMillis(1_500)) >= 0, () -> "visible after " + waited);
        aws.sqs().deleteMessage(r -> r.queueUrl(url).receiptHandle(received.get(0).receiptHandle()));
    }

    @Test
    void delaysBeyondFifteenMinutesAreCapped() {
        queues.dispatch(new WorkMessages.Dispatch(KEY, 9, null, 1), Duration.ofHours(2)); // SQS refuses > 900
        assertEquals(List.of(), drain("ProviderDispatchQueue"));
    }

    @Test
    void delaySecondsRoundUpWithinTheLimit() {
        assertEquals(0, SqsWorkQueues.delaySeconds(Duration.ZERO));
        assertEquals(0, SqsWorkQueues.delaySeconds(Duration.ofSeconds(-5)));
        assertEquals(1, SqsWorkQueues.delaySeconds(Duration.ofMillis(1)));
        assertEquals(2, SqsWorkQueues.delaySeconds(Duration.ofMillis(1_500)));
        assertEquals(900, SqsWorkQueues.delaySeconds(Duration.ofSeconds(900)));
        assertEquals(900, SqsWorkQueues.delaySeconds(Duration.ofDays(3)));
    }

    @Test
    void aQueueWithoutUrlFailsWhenUsedNamingItsVariable() {
        SqsWorkQueues onlyDispatch = new SqsWorkQueues(aws.sqs(), aws.queueUrl("ProviderDispatchQueue"), null, null, null, null);

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> onlyDispatch.poll(new WorkMessages.Poll(KEY, 1, 1, DUE), Duration.ZERO));
        assertEquals("STATUS_POLL_QUEUE_URL is not set: deploy with template.yaml or run bin/sandbox", error.getMessage());
        assertThrows(IllegalStateException.class, () -> onlyDispatch.callbackDeadLetter(
                new WorkMessages.Callback(KEY, 1, 1, null, DUE, "{}")));
    }

    @Test
    void providerNotificationsGoToTheirQueueWithACappedDelay() {
        SqsProviderNotifier notifier = SqsProviderNotifier.from(aws.sqs(), new Environment(Map.of(
                Environment.PROVIDER_NOTIFICATION_QUEUE_URL, aws.queueUrl("ProviderNotificationQueue"))));

        notifier.send("{\"notification\":1}", Duration.ZERO);
        assertOnlyIn("ProviderNotificationQueue", "{\"notification\":1}");

        notifier.send("{\"notification\":2}", Duration.ofHours(1));
        assertEquals(List.of(), drain("ProviderNotificationQueue"));

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> SqsProviderNotifier.from(aws.sqs(), new Environment(Map.of())));
        assertTrue(error.getMessage().startsWith("PROVIDER_NOTIFICATION_QUEUE_URL is not set"));
    }
}
