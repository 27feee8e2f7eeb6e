package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.fixtures.GateClient;
import dev.jetonvoucher.fixtures.Polling;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.provider.ProviderNotification;
import dev.jetonvoucher.provider.ProviderResult;
import dev.jetonvoucher.signing.Signer;
import dev.jetonvoucher.workflow.WorkMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Messages delivered more than once, results that arrive late or contradict, and poison messages: none
 * may change a final status, send a second callback, or hold back the rest of a batch. The SQS mappings
 * are driven by hand here, so the test decides what is delivered when.
 */
class RedeliveryAndLateResultsTest {

    static final long TEST = 3001;
    static final long STUCK = 3002;
    static final String VOUCHER = "4619000000000000017";
    static SandboxHarness sandbox;

    @BeforeAll
    static void start() {
        ObjectNode stuck = SandboxHarness.project(STUCK, "secret-3002", true);
        ((ObjectNode) stuck.get("sandbox")).put("provider_notifications", "stuck");
        stuck.put("limit_time_seconds", 2);
        sandbox = new SandboxHarness(false, SandboxHarness.project(TEST, "secret-3001", true), stuck);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void the_same_messages_delivered_again_change_nothing_and_send_no_second_callback() {
        GateClient gate = sandbox.client(TEST, "secret-3001");
        assertEquals(
                200,
                gate.sale("twice-1", 1000, "EUR", VOUCHER, "12/2030", "7391").status());
        PaymentKey key = new PaymentKey(TEST, "twice-1");
        driveUntil(() -> sandbox.merchant.callbacksFor("twice-1").size() == 1, Duration.ofSeconds(20));
        Payment done = sandbox.payments().find(key).orElseThrow();
        assertEquals(PaymentStatus.SUCCESS, done.status());
        driveFor(Duration.ofSeconds(2)); // the notification and the base-time poll race; the loser is already late
        int lateBefore = sandbox.payments().lateResults(key).size();

        // Deliver the dispatch, the poll and the provider's notification again.
        SqsClient sqs = sandbox.endpoint.sqs();
        send(
                sqs,
                "ProviderDispatchQueue",
                WorkMessages.toJson(new WorkMessages.Dispatch(key, done.operationId(), null, 0)));
        send(
                sqs,
                "StatusPollQueue",
                WorkMessages.toJson(new WorkMessages.Poll(key, done.operationId(), 1, Instant.now())));
        String sameResult = notification(key, done, PaymentStatus.SUCCESS, "0", "Success");
        send(sqs, "ProviderNotificationQueue", sameResult);
        send(sqs, "ProviderNotificationQueue", sameResult);
        driveFor(Duration.ofSeconds(3));

        Payment after = sandbox.payments().find(key).orElseThrow();
        assertEquals(PaymentStatus.SUCCESS, after.status());
        assertEquals(done.updatedAt(), after.updatedAt(), "no second transition");
        assertEquals(1, sandbox.merchant.callbacksFor("twice-1").size(), "no second callback");
        List<PaymentStore.LateResult> late = sandbox.payments().lateResults(key);
        assertEquals(lateBefore + 2, late.size(), "both redelivered notifications are recorded: " + late);
        assertTrue(late.stream().allMatch(result -> result.disposition().startsWith("duplicate")), late.toString());
    }

    @Test
    void a_success_after_the_limit_time_decline_is_recorded_and_never_changes_the_decline() {
        GateClient gate = sandbox.client(STUCK, "secret-3002");
        assertEquals(
                200,
                gate.sale("late-1", 1000, "EUR", VOUCHER, "12/2030", "5820").status());
        PaymentKey key = new PaymentKey(STUCK, "late-1");
        driveUntil(() -> sandbox.merchant.callbacksFor("late-1").size() == 1, Duration.ofSeconds(20));
        Payment declined = sandbox.payments().find(key).orElseThrow();
        assertEquals(PaymentStatus.DECLINE, declined.status());
        assertEquals("20602", declined.resultCode());

        send(
                sandbox.endpoint.sqs(),
                "ProviderNotificationQueue",
                notification(key, declined, PaymentStatus.SUCCESS, "0", "Success"));
        driveFor(Duration.ofSeconds(2));

        Payment after = sandbox.payments().find(key).orElseThrow();
        assertEquals(PaymentStatus.DECLINE, after.status());
        assertEquals("20602", after.resultCode());
        assertEquals(1, sandbox.merchant.callbacksFor("late-1").size());
        List<PaymentStore.LateResult> late = sandbox.payments().lateResults(key);
        assertTrue(
                late.stream()
                        .anyMatch(result -> result.disposition().startsWith("conflicting")
                                && result.status().equals("success")),
                late.toString());
    }

    @Test
    void a_notification_not_signed_by_the_provider_is_refused() {
        GateClient gate = sandbox.client(TEST, "secret-3001");
        assertEquals(
                200,
                gate.sale("forged-1", 40000, "EUR", VOUCHER, "12/2030", "7391").status());
        PaymentKey key = new PaymentKey(TEST, "forged-1");
        Payment processing = sandbox.payments().find(key).orElseThrow();
        String forged = ProviderNotification.signedJson(
                key,
                new ProviderResult(
                        processing.operationId(),
                        "JV1",
                        PaymentStatus.SUCCESS,
                        "0",
                        "Success",
                        Instant.now(),
                        List.of()),
                new Signer("not-the-provider-key-0123456789"));
        SQSEvent event = event(Map.of("forged", forged));
        SQSBatchResponse response = (SQSBatchResponse)
                sandbox.runtime.function("ProviderCallbackFunction").invoke(event);
        assertEquals(
                List.of("forged"),
                response.getBatchItemFailures().stream()
                        .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                        .toList());
        driveUntil(() -> sandbox.merchant.callbacksFor("forged-1").size() == 1, Duration.ofSeconds(20));
        assertEquals(
                "decline",
                sandbox.merchant
                        .callbacksFor("forged-1")
                        .get(0)
                        .path("payment")
                        .path("status")
                        .asText(),
                "the real result (40000 declines) wins, not the forged success");
    }

    @Test
    void a_poison_message_fails_alone_and_ends_in_the_dead_letter_queue() {
        GateClient gate = sandbox.client(TEST, "secret-3001");
        assertEquals(
                200,
                gate.sale("poison-neighbour", 1000, "EUR", VOUCHER, "12/2030", "7391")
                        .status());
        PaymentKey key = new PaymentKey(TEST, "poison-neighbour");
        Payment payment = sandbox.payments().find(key).orElseThrow();
        String good = WorkMessages.toJson(new WorkMessages.Dispatch(key, payment.operationId(), null, 0));
        SQSEvent batch = event(Map.of("poison", "{\"kind\":\"dispatch\",\"project_id\":\"x\"}", "good", good));

        SQSBatchResponse response =
                (SQSBatchResponse) sandbox.runtime.function("DispatchFunction").invoke(batch);
        assertEquals(
                List.of("poison"),
                response.getBatchItemFailures().stream()
                        .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                        .toList(),
                "only the poison message fails");

        // On the real queue the poison message comes back until maxReceiveCount, then moves to the DLQ.
        SqsClient sqs = sandbox.endpoint.sqs();
        String queue = sandbox.runtime.resources().queueUrl("StatusPollQueue");
        String deadLetters = sandbox.runtime.resources().queueUrl("StatusPollDeadLetterQueue");
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody("not a poll message"));
        for (int receive = 0; receive < 10; receive++) {
            List<Message> received = sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(1))
                    .messages();
            for (Message message : received) {
                SQSEvent single = event(Map.of(message.messageId(), message.body()));
                SQSBatchResponse answer = (SQSBatchResponse)
                        sandbox.runtime.function("StatusPollFunction").invoke(single);
                if (!message.body().equals("not a poll message")) {
                    // another test's poll: handled, so deleted as the mapping would
                    assertEquals(0, answer.getBatchItemFailures().size());
                    sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(message.receiptHandle()));
                    continue;
                }
                assertEquals(1, answer.getBatchItemFailures().size());
                // What the visibility timeout does in time: the failed message becomes visible again.
                sqs.changeMessageVisibility(r ->
                        r.queueUrl(queue).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
            }
        }
        List<Message> dead = sqs.receiveMessage(r -> r.queueUrl(deadLetters).waitTimeSeconds(1))
                .messages();
        assertEquals(1, dead.size());
        assertEquals("not a poll message", dead.get(0).body());
    }

    private static String notification(
            PaymentKey key, Payment payment, PaymentStatus status, String code, String message) {
        return ProviderNotification.signedJson(
                key,
                new ProviderResult(
                        payment.operationId(),
                        "JV" + payment.operationId(),
                        status,
                        code,
                        message,
                        Instant.now(),
                        List.of()),
                new Signer(SandboxHarness.PROVIDER_KEY));
    }

    private static void send(SqsClient sqs, String queueLogicalId, String body) {
        sqs.sendMessage(r ->
                r.queueUrl(sandbox.runtime.resources().queueUrl(queueLogicalId)).messageBody(body));
    }

    private static SQSEvent event(Map<String, String> bodiesById) {
        SQSEvent event = new SQSEvent();
        event.setRecords(bodiesById.entrySet().stream()
                .map(entry -> {
                    SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
                    message.setMessageId(entry.getKey());
                    message.setBody(entry.getValue());
                    message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
                    return message;
                })
                .toList());
        return event;
    }

    private static void driveUntil(BooleanSupplier done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(
                        "not reached within " + timeout + "; callbacks " + sandbox.merchant.callbacks());
            }
            sandbox.runtime.drainQueues(20);
            Polling.pause(100);
        }
    }

    private static void driveFor(Duration duration) {
        Instant end = Instant.now().plus(duration);
        while (Instant.now().isBefore(end)) {
            sandbox.runtime.drainQueues(20);
            Polling.pause(100);
        }
    }

    static boolean containsText(JsonNode node, String text) {
        return node.toString().contains(text);
    }
}
