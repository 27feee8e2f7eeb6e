package dev.jetonvoucher.memory;

import dev.jetonvoucher.provider.ProviderNotifier;
import dev.jetonvoucher.workflow.WorkMessages;
import dev.jetonvoucher.workflow.WorkQueues;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Simulated SQS standard queues on a {@link Clock}: the platform's work queues and the provider's notification
 * queue. A message sent with a delay becomes visible at its due time; a received message is invisible for the
 * queue's visibility timeout and comes back unless deleted; a message received more than {@code maxReceiveCount}
 * times moves to the queue's dead-letter list (SQS's redrive). Bodies are the JSON the SQS adapter sends.
 *
 * <p>Besides what a consumer of SQS can do (receive, delete, change visibility), a simulation may deliver what SQS
 * may: a chosen visible message out of order ({@link #receive(long)}), a message a second time while it is in
 * flight ({@link #receiveAgain}), late ({@link #postpone}); losing an acknowledgement is not deleting. Thread-safe;
 * deterministic when driven from one thread.
 */
public final class InMemoryWorkQueues implements WorkQueues {

    /** The queues, with the visibility timeouts of template.yaml. */
    public enum Queue {
        DISPATCH(Duration.ofSeconds(180)),
        POLL(Duration.ofSeconds(180)),
        PROVIDER_NOTIFICATION(Duration.ofSeconds(180)),
        CALLBACK(Duration.ofSeconds(360));

        private final Duration visibilityTimeout;

        Queue(Duration visibilityTimeout) {
            this.visibilityTimeout = visibilityTimeout;
        }

        public Duration visibilityTimeout() {
            return visibilityTimeout;
        }
    }

    /** A message in a queue (visible, delayed or in flight). */
    public record Message(long id, Queue queue, String body, Instant sentAt, Instant visibleAt, int receiveCount) {}

    /** One receipt of a message: what a consumer deletes it with. */
    public record Delivery(long messageId, Queue queue, String body, int receiveCount, long receipt) {}

    /** As template.yaml's redrive policies. */
    public static final int MAX_RECEIVE_COUNT = 5;

    private final Clock clock;
    private final int maxReceiveCount;
    private final Map<Long, Message> messages = new LinkedHashMap<>();
    private final Map<Queue, List<String>> deadLetters = new EnumMap<>(Queue.class);
    private final List<String> compensationDeadLetters = new ArrayList<>();
    private long nextId = 1;
    private long nextReceipt = 1;

    public InMemoryWorkQueues(Clock clock) {
        this(clock, MAX_RECEIVE_COUNT);
    }

    public InMemoryWorkQueues(Clock clock, int maxReceiveCount) {
        this.clock = clock;
        this.maxReceiveCount = maxReceiveCount;
        for (Queue queue : Queue.values()) {
            deadLetters.put(queue, new ArrayList<>());
        }
    }

    // ------------------------------------------------------------------ WorkQueues

    @Override
    public void dispatch(WorkMessages.Dispatch message, Duration delay) {
        send(Queue.DISPATCH, WorkMessages.toJson(message), delay);
    }

    @Override
    public void poll(WorkMessages.Poll message, Duration delay) {
        send(Queue.POLL, WorkMessages.toJson(message), delay);
    }

    @Override
    public void callback(WorkMessages.Callback message, Duration delay) {
        send(Queue.CALLBACK, WorkMessages.toJson(message), delay);
    }

    @Override
    public synchronized void callbackDeadLetter(WorkMessages.Callback message) {
        deadLetters.get(Queue.CALLBACK).add(WorkMessages.toJson(message));
    }

    /** Compensation tries travel with the status polls (one worker function handles both). */
    @Override
    public void compensation(WorkMessages.Compensate message, Duration delay) {
        send(Queue.POLL, WorkMessages.toJson(message), delay);
    }

    @Override
    public synchronized void compensationDeadLetter(WorkMessages.Compensate message) {
        compensationDeadLetters.add(WorkMessages.toJson(message));
    }

    /** What the compensation dead-letter queue holds. */
    public synchronized List<String> compensationDeadLetters() {
        return List.copyOf(compensationDeadLetters);
    }

    /** The provider's notifications, into {@link Queue#PROVIDER_NOTIFICATION}. */
    public ProviderNotifier providerNotifier() {
        return (signedNotification, delay) -> send(Queue.PROVIDER_NOTIFICATION, signedNotification, delay);
    }

    /** Sends a body; the delay is capped at SQS's 15 minutes, as the SQS adapter does. */
    public synchronized long send(Queue queue, String body, Duration delay) {
        Instant now = clock.instant();
        long id = nextId++;
        messages.put(id, new Message(id, queue, body, now, now.plus(WorkQueues.capped(delay)), 0));
        return id;
    }

    // ------------------------------------------------------------------ consumers

    /** Up to {@code max} visible messages of a queue, oldest due first; each becomes invisible for the timeout. */
    public synchronized List<Delivery> receive(Queue queue, int max) {
        Instant now = clock.instant();
        List<Message> visible = messages.values().stream()
                .filter(m -> m.queue() == queue && !m.visibleAt().isAfter(now))
                .sorted(Comparator.comparing(Message::visibleAt).thenComparing(Message::id))
                .toList();
        List<Delivery> received = new ArrayList<>();
        for (Message message : visible) {
            if (received.size() == max) {
                break;
            }
            deliver(message).ifPresent(received::add);
        }
        return received;
    }

    /** This message, if it is visible now (a delivery out of order). */
    public synchronized Optional<Delivery> receive(long messageId) {
        Message message = messages.get(messageId);
        if (message == null || message.visibleAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return deliver(message);
    }

    /** The same message again while it is in flight: SQS standard queues deliver at least once. */
    public synchronized Optional<Delivery> receiveAgain(Delivery delivery) {
        Message message = messages.get(delivery.messageId());
        if (message == null) {
            return Optional.empty();
        }
        Message again = new Message(
                message.id(),
                message.queue(),
                message.body(),
                message.sentAt(),
                message.visibleAt(),
                message.receiveCount() + 1);
        messages.put(message.id(), again);
        return Optional.of(new Delivery(again.id(), again.queue(), again.body(), again.receiveCount(), nextReceipt++));
    }

    private Optional<Delivery> deliver(Message message) {
        int count = message.receiveCount() + 1;
        if (count > maxReceiveCount) {
            messages.remove(message.id());
            deadLetters.get(message.queue()).add(message.body());
            return Optional.empty();
        }
        Message inFlight = new Message(
                message.id(),
                message.queue(),
                message.body(),
                message.sentAt(),
                clock.instant().plus(message.queue().visibilityTimeout()),
                count);
        messages.put(message.id(), inFlight);
        return Optional.of(new Delivery(message.id(), message.queue(), message.body(), count, nextReceipt++));
    }

    /** Acknowledges a message: it never comes back. False when it was deleted already. */
    public synchronized boolean delete(Delivery delivery) {
        return messages.remove(delivery.messageId()) != null;
    }

    /** SQS's ChangeMessageVisibility: the received message becomes visible again after {@code timeout}. */
    public synchronized void changeVisibility(Delivery delivery, Duration timeout) {
        Message message = messages.get(delivery.messageId());
        if (message != null) {
            messages.put(
                    message.id(),
                    new Message(
                            message.id(),
                            message.queue(),
                            message.body(),
                            message.sentAt(),
                            clock.instant().plus(timeout),
                            message.receiveCount()));
        }
    }

    /** Delivers a message late: it becomes visible {@code by} later than it would have. */
    public synchronized void postpone(long messageId, Duration by) {
        Message message = messages.get(messageId);
        if (message != null) {
            messages.put(
                    messageId,
                    new Message(
                            message.id(),
                            message.queue(),
                            message.body(),
                            message.sentAt(),
                            message.visibleAt().plus(by),
                            message.receiveCount()));
        }
    }

    // ------------------------------------------------------------------ inspection

    /** The messages visible now in every queue, in the order they were sent. */
    public synchronized List<Message> visible() {
        Instant now = clock.instant();
        return messages.values().stream()
                .filter(m -> !m.visibleAt().isAfter(now))
                .toList();
    }

    /** When the next message that is not visible yet becomes visible, if any. */
    public synchronized Optional<Instant> nextVisibleAt() {
        Instant now = clock.instant();
        return messages.values().stream()
                .map(Message::visibleAt)
                .filter(at -> at.isAfter(now))
                .min(Comparator.naturalOrder());
    }

    /** Every message of a queue: visible, delayed and in flight. */
    public synchronized List<Message> messages(Queue queue) {
        return messages.values().stream().filter(m -> m.queue() == queue).toList();
    }

    public synchronized boolean isEmpty() {
        return messages.isEmpty();
    }

    /** What the queue's dead-letter queue holds: redriven messages and, for callbacks, what was sent there. */
    public synchronized List<String> deadLetters(Queue queue) {
        return List.copyOf(deadLetters.get(queue));
    }

    /** The operator emptied the dead-letter queue. */
    public synchronized void clearDeadLetters(Queue queue) {
        deadLetters.get(queue).clear();
    }
}
