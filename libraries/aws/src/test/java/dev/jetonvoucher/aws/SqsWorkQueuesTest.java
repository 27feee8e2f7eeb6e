package dev.jetonvoucher.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.contract.WorkQueuesContract;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.provider.ProviderNotifier;
import dev.jetonvoucher.workflow.WorkMessages;
import dev.jetonvoucher.workflow.WorkQueues;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The work queue contract on SQS (moto), in real time, sent as the functions send ({@link SqsSender}, built by {@link
 * AwsClients#newSqsSender}), and the adapter's own rules (delays, missing URLs).
 */
class SqsWorkQueuesTest extends WorkQueuesContract {

    private static LocalResources aws;
    private static SqsWorkQueues queues;
    private static QueueSender sender;

    @BeforeAll
    static void deploy() {
        aws = LocalResources.deploy(SqsWorkQueuesTest.class);
        LocalAwsEndpoint endpoint = LocalAwsEndpoint.shared();
        sender = AwsClients.newSqsSender(
                new Environment(Map.of(
                        Environment.AWS_ENDPOINT_URL,
                        endpoint.endpoint().toString(),
                        Environment.AWS_REGION,
                        endpoint.region().id(),
                        "AWS_ACCESS_KEY_ID",
                        endpoint.credentials().resolveCredentials().accessKeyId(),
                        "AWS_SECRET_ACCESS_KEY",
                        endpoint.credentials().resolveCredentials().secretAccessKey())),
                AwsClients.newHttpClient());
        queues = SqsWorkQueues.from(
                sender,
                new Environment(Map.of(
                        Environment.DISPATCH_QUEUE_URL, aws.queueUrl("ProviderDispatchQueue"),
                        Environment.STATUS_POLL_QUEUE_URL, aws.queueUrl("StatusPollQueue"),
                        Environment.MERCHANT_CALLBACK_QUEUE_URL, aws.queueUrl("MerchantCallbackQueue"),
                        Environment.MERCHANT_CALLBACK_DLQ_URL, aws.queueUrl("MerchantCallbackDeadLetterQueue"))));
    }

    private static String url(QueueName queue) {
        return aws.queueUrl(
                switch (queue) {
                    case DISPATCH -> "ProviderDispatchQueue";
                    case POLL -> "StatusPollQueue";
                    case CALLBACK -> "MerchantCallbackQueue";
                    case CALLBACK_DEAD_LETTER -> "MerchantCallbackDeadLetterQueue";
                    case PROVIDER_NOTIFICATION -> "ProviderNotificationQueue";
                });
    }

    @Override
    protected WorkQueues queues() {
        return queues;
    }

    @Override
    protected ProviderNotifier providerNotifier() {
        return SqsProviderNotifier.from(
                sender,
                new Environment(Map.of(
                        Environment.PROVIDER_NOTIFICATION_QUEUE_URL, aws.queueUrl("ProviderNotificationQueue"))));
    }

    private static List<Received> receive(QueueName queue, int waitSeconds) {
        List<Message> messages = aws.sqs()
                .receiveMessage(r -> r.queueUrl(url(queue))
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds(waitSeconds)
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .messages();
        return messages.stream()
                .map(m -> new Received(
                        m.body(),
                        Integer.parseInt(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)),
                        m.receiptHandle()))
                .toList();
    }

    @Override
    protected List<Received> receiveNow(QueueName queue) {
        return receive(queue, 0);
    }

    @Override
    protected List<Received> receiveWithin(QueueName queue, Duration wait) {
        return receive(queue, (int) Math.min(20, wait.toSeconds()));
    }

    @Override
    protected void delete(QueueName queue, Received message) {
        aws.sqs().deleteMessage(r -> r.queueUrl(url(queue)).receiptHandle((String) message.handle()));
    }

    @Override
    protected void visibleAgainAfter(QueueName queue, Received message, Duration after) {
        aws.sqs()
                .changeMessageVisibility(r -> r.queueUrl(url(queue))
                        .receiptHandle((String) message.handle())
                        .visibilityTimeout((int) after.toSeconds()));
    }

    @Override
    protected int messagesIn(QueueName queue) {
        Map<QueueAttributeName, String> attributes = aws.sqs()
                .getQueueAttributes(r -> r.queueUrl(url(queue))
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    @Override
    protected Clock queueClock() {
        return Clock.systemUTC();
    }

    @Test
    void the_sdk_client_and_the_sender_send_the_same_message() {
        String queueUrl = aws.queueUrl("ExportDeadLetterQueue");
        String body = "{\"text\":\"äß € \\u0001 \\\"quoted\\\" 😀\"}";
        QueueSender.of(aws.sqs()).send(queueUrl, body, 0);
        sender.send(queueUrl, body, 0);
        List<String> bodies = new java.util.ArrayList<>();
        for (int i = 0; i < 10 && bodies.size() < 2; i++) {
            aws.sqs()
                    .receiveMessage(
                            r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()
                    .forEach(m -> {
                        bodies.add(m.body());
                        aws.sqs().deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                    });
        }
        assertEquals(List.of(body, body), bodies);
    }

    @Test
    void a_queue_that_does_not_exist_fails_naming_it() {
        String missing = aws.queueUrl("ProviderNotificationQueue") + "-missing";
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> sender.send(missing, "{}", 0));
        assertTrue(
                error.getMessage().startsWith("SQS SendMessage to " + missing + " failed: HTTP 400"),
                error::getMessage);
    }

    @Test
    void delay_seconds_round_up_within_the_limit() {
        assertEquals(0, SqsWorkQueues.delaySeconds(Duration.ZERO));
        assertEquals(0, SqsWorkQueues.delaySeconds(Duration.ofSeconds(-5)));
        assertEquals(1, SqsWorkQueues.delaySeconds(Duration.ofMillis(1)));
        assertEquals(2, SqsWorkQueues.delaySeconds(Duration.ofMillis(1_500)));
        assertEquals(900, SqsWorkQueues.delaySeconds(Duration.ofSeconds(900)));
        assertEquals(900, SqsWorkQueues.delaySeconds(Duration.ofDays(3)));
    }

    @Test
    void a_queue_without_url_fails_when_used_naming_its_variable() {
        SqsWorkQueues onlyDispatch =
                new SqsWorkQueues(aws.sqs(), aws.queueUrl("ProviderDispatchQueue"), null, null, null, null);

        IllegalStateException error = assertThrows(
                IllegalStateException.class,
                () -> onlyDispatch.poll(new WorkMessages.Poll(KEY, 1, 1, DUE), Duration.ZERO));
        assertEquals(
                "STATUS_POLL_QUEUE_URL is not set: deploy with template.yaml or run bin/sandbox", error.getMessage());
        assertThrows(
                IllegalStateException.class,
                () -> onlyDispatch.callbackDeadLetter(new WorkMessages.Callback(KEY, 1, 1, null, DUE, "{}")));
    }

    @Test
    void a_notifier_without_its_queue_url_is_refused_naming_its_variable() {
        IllegalStateException error = assertThrows(
                IllegalStateException.class, () -> SqsProviderNotifier.from(aws.sqs(), new Environment(Map.of())));
        assertTrue(error.getMessage().startsWith("PROVIDER_NOTIFICATION_QUEUE_URL is not set"));
    }
}
