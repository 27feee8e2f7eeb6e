package dev.jetonvoucher.memory;

import dev.jetonvoucher.contract.WorkQueuesContract;
import dev.jetonvoucher.memory.InMemoryWorkQueues.Delivery;
import dev.jetonvoucher.memory.InMemoryWorkQueues.Queue;
import dev.jetonvoucher.provider.ProviderNotifier;
import dev.jetonvoucher.workflow.WorkQueues;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

class InMemoryWorkQueuesContractTest extends WorkQueuesContract {

    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryWorkQueues queues = new InMemoryWorkQueues(clock);

    private static Queue queue(QueueName name) {
        return switch (name) {
            case DISPATCH -> Queue.DISPATCH;
            case POLL -> Queue.POLL;
            case CALLBACK, CALLBACK_DEAD_LETTER -> Queue.CALLBACK;
            case PROVIDER_NOTIFICATION -> Queue.PROVIDER_NOTIFICATION;
        };
    }

    @Override
    protected WorkQueues queues() {
        return queues;
    }

    @Override
    protected ProviderNotifier providerNotifier() {
        return queues.providerNotifier();
    }

    @Override
    protected List<Received> receiveNow(QueueName name) {
        if (name == QueueName.CALLBACK_DEAD_LETTER) {
            // A dead-letter list has no consumers: receiving it here takes what it holds.
            List<String> bodies = queues.deadLetters(Queue.CALLBACK);
            queues.clearDeadLetters(Queue.CALLBACK);
            return bodies.stream().map(body -> new Received(body, 1, null)).toList();
        }
        return queues.receive(queue(name), 10).stream()
                .map(delivery -> new Received(delivery.body(), delivery.receiveCount(), delivery))
                .toList();
    }

    @Override
    protected List<Received> receiveWithin(QueueName name, Duration wait) {
        Instant deadline = clock.instant().plus(wait);
        List<Received> received = receiveNow(name);
        while (received.isEmpty()) {
            Instant next = queues.messages(queue(name)).stream()
                    .map(InMemoryWorkQueues.Message::visibleAt)
                    .filter(at -> at.isAfter(clock.instant()) && !at.isAfter(deadline))
                    .min(Instant::compareTo)
                    .orElse(null);
            if (next == null) {
                clock.advanceTo(deadline);
                return List.of();
            }
            clock.advanceTo(next);
            received = receiveNow(name);
        }
        return received;
    }

    @Override
    protected void delete(QueueName name, Received message) {
        if (message.handle() instanceof Delivery delivery) {
            queues.delete(delivery);
        }
    }

    @Override
    protected void visibleAgainAfter(QueueName name, Received message, Duration after) {
        queues.changeVisibility((Delivery) message.handle(), after);
    }

    @Override
    protected int messagesIn(QueueName name) {
        return queues.messages(queue(name)).size();
    }

    @Override
    protected Clock queueClock() {
        return clock;
    }
}
