package dev.jetonvoucher.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.provider.ProviderNotifier;
import dev.jetonvoucher.workflow.WorkMessages;
import dev.jetonvoucher.workflow.WorkQueues;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the workers rely on from their queues: each message reaches its own queue as {@link WorkMessages}' JSON; a
 * delayed message is not received before its delay and is after it; a received message stays invisible until its
 * visibility timeout ends and then comes back, counted; a deleted one is gone; the callback dead-letter queue gets
 * what {@link WorkQueues#callbackDeadLetter} sends; provider notifications reach their own queue. SQS and the
 * in-memory queues both extend it; a queue's time is real for SQS and simulated in memory.
 */
public abstract class WorkQueuesContract {

    protected static final PaymentKey KEY = new PaymentKey(42, "pay-1");
    protected static final Instant DUE = Instant.parse("2026-03-01T10:00:00Z");

    public enum QueueName {
        DISPATCH,
        POLL,
        CALLBACK,
        CALLBACK_DEAD_LETTER,
        PROVIDER_NOTIFICATION
    }

    /** One received message; {@code handle} is what the adapter deletes it with. */
    public record Received(String body, int receiveCount, Object handle) {}

    protected abstract WorkQueues queues();

    protected abstract ProviderNotifier providerNotifier();

    /** The messages visible in the queue now (received, not deleted), without waiting. */
    protected abstract List<Received> receiveNow(QueueName queue);

    /** Waits up to {@code wait} of the queue's time for visible messages; empty if none came. */
    protected abstract List<Received> receiveWithin(QueueName queue, Duration wait);

    protected abstract void delete(QueueName queue, Received message);

    /** Ends a received message's visibility timeout {@code after} from now (SQS's ChangeMessageVisibility). */
    protected abstract void visibleAgainAfter(QueueName queue, Received message, Duration after);

    /** The messages in the queue: visible, delayed and in flight. */
    protected abstract int messagesIn(QueueName queue);

    /** The time the queue's delays and timeouts run on. */
    protected abstract Clock queueClock();

    /** Everything visible in the queue now, removed from it. */
    private List<String> drain(QueueName queue) {
        List<String> bodies = new ArrayList<>();
        List<Received> batch;
        do {
            batch = receiveNow(queue);
            for (Received message : batch) {
                bodies.add(message.body());
                delete(queue, message);
            }
        } while (!batch.isEmpty());
        return bodies;
    }

    private void assertOnlyIn(QueueName expected, String body) {
        for (QueueName queue : QueueName.values()) {
            assertEquals(queue == expected ? List.of(body) : List.of(), drain(queue), queue.name());
        }
    }

    @Test
    void each_message_goes_to_its_queue_as_work_messages_json() {
        WorkMessages.Dispatch dispatch = new WorkMessages.Dispatch(KEY, 7, "sealed", 0);
        queues().dispatch(dispatch, Duration.ZERO);
        assertOnlyIn(QueueName.DISPATCH, WorkMessages.toJson(dispatch));

        WorkMessages.Poll poll = new WorkMessages.Poll(KEY, 7, 2, DUE);
        queues().poll(poll, Duration.ZERO);
        assertOnlyIn(QueueName.POLL, WorkMessages.toJson(poll));

        WorkMessages.Callback callback = new WorkMessages.Callback(KEY, 7, 1, null, DUE, "{\"signed\":true}");
        queues().callback(callback, Duration.ZERO);
        assertOnlyIn(QueueName.CALLBACK, WorkMessages.toJson(callback));

        queues().callbackDeadLetter(callback);
        assertOnlyIn(QueueName.CALLBACK_DEAD_LETTER, WorkMessages.toJson(callback));
    }

    @Test
    void a_delayed_message_is_not_received_before_its_delay_and_is_after_it() {
        WorkMessages.Poll poll = new WorkMessages.Poll(KEY, 8, 1, DUE);
        Instant sent = queueClock().instant();
        queues().poll(poll, Duration.ofSeconds(2));

        assertEquals(List.of(), receiveNow(QueueName.POLL));
        List<Received> received = receiveWithin(QueueName.POLL, Duration.ofSeconds(6));
        Duration waited = Duration.between(sent, queueClock().instant());

        assertEquals(
                List.of(WorkMessages.toJson(poll)),
                received.stream().map(Received::body).toList());
        assertTrue(waited.compareTo(Duration.ofSeconds(2)) >= 0, () -> "visible after " + waited);
        delete(QueueName.POLL, received.get(0));
    }

    @Test
    void delays_beyond_fifteen_minutes_are_accepted_and_delay_the_message() {
        queues().dispatch(new WorkMessages.Dispatch(KEY, 9, null, 1), Duration.ofHours(2)); // SQS refuses > 900 s
        assertEquals(List.of(), receiveNow(QueueName.DISPATCH));
    }

    @Test
    void a_received_message_stays_invisible_until_its_visibility_timeout_ends_and_then_comes_back_counted() {
        WorkMessages.Callback callback = new WorkMessages.Callback(KEY, 10, 1, null, DUE, "{\"try\":1}");
        queues().callback(callback, Duration.ZERO);

        List<Received> first = receiveNow(QueueName.CALLBACK);
        assertEquals(1, first.size());
        assertEquals(1, first.get(0).receiveCount());
        assertEquals(List.of(), receiveNow(QueueName.CALLBACK), "in flight: not received by another worker");

        visibleAgainAfter(QueueName.CALLBACK, first.get(0), Duration.ofSeconds(1));
        List<Received> again = receiveWithin(QueueName.CALLBACK, Duration.ofSeconds(6));

        assertEquals(
                List.of(WorkMessages.toJson(callback)),
                again.stream().map(Received::body).toList());
        assertEquals(2, again.get(0).receiveCount());
        delete(QueueName.CALLBACK, again.get(0));
        assertEquals(0, messagesIn(QueueName.CALLBACK));
    }

    @Test
    void a_deleted_message_is_gone_while_an_undeleted_one_comes_back() {
        WorkMessages.Callback deleted = new WorkMessages.Callback(KEY, 11, 1, null, DUE, "{\"deleted\":true}");
        WorkMessages.Callback kept = new WorkMessages.Callback(KEY, 12, 1, null, DUE, "{\"deleted\":false}");
        queues().callback(deleted, Duration.ZERO);
        queues().callback(kept, Duration.ZERO);
        List<Received> both = new ArrayList<>();
        for (int i = 0; i < 5 && both.size() < 2; i++) {
            both.addAll(receiveWithin(QueueName.CALLBACK, Duration.ofSeconds(1)));
        }
        assertEquals(2, both.size());
        Received toDelete = both.stream()
                .filter(r -> r.body().equals(WorkMessages.toJson(deleted)))
                .findFirst()
                .orElseThrow();
        Received toKeep = both.stream()
                .filter(r -> r.body().equals(WorkMessages.toJson(kept)))
                .findFirst()
                .orElseThrow();

        delete(QueueName.CALLBACK, toDelete);
        visibleAgainAfter(QueueName.CALLBACK, toKeep, Duration.ZERO);

        assertEquals(1, messagesIn(QueueName.CALLBACK));
        List<Received> back = receiveWithin(QueueName.CALLBACK, Duration.ofSeconds(6));
        assertEquals(
                List.of(WorkMessages.toJson(kept)),
                back.stream().map(Received::body).toList());
        assertEquals(List.of(), drain(QueueName.CALLBACK_DEAD_LETTER));
        back.forEach(received -> delete(QueueName.CALLBACK, received)); // leaves the queue as the test found it
    }

    @Test
    void provider_notifications_go_to_their_queue_with_a_capped_delay() {
        providerNotifier().send("{\"notification\":1}", Duration.ZERO);
        assertOnlyIn(QueueName.PROVIDER_NOTIFICATION, "{\"notification\":1}");

        providerNotifier().send("{\"notification\":2}", Duration.ofHours(1));
        assertEquals(List.of(), receiveNow(QueueName.PROVIDER_NOTIFICATION));
    }
}
