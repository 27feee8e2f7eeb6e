package dev.jetonvoucher.contract;

import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.workflow.WorkMessages;
import dev.jetonvoucher.workflow.WorkQueues;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Work queues that keep what was sent and, for each message, whether its operation was already stored when it was
 * queued: the acceptance must queue a payment's poll and dispatch before writing it.
 */
public final class RecordingQueues implements WorkQueues {

    /** One queued message: its kind, payment, operation, and whether that operation was stored already. */
    public record Sent(String kind, PaymentKey key, long operationId, boolean operationStoredAlready, Object message) {}

    private final PaymentStore payments;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    /** @param payments where to look whether a message's operation is stored already */
    public RecordingQueues(PaymentStore payments) {
        this.payments = payments;
    }

    private void record(String kind, PaymentKey key, long operationId, Object message) {
        boolean stored =
                payments.find(key).filter(p -> p.operationId() == operationId).isPresent();
        sent.add(new Sent(kind, key, operationId, stored, message));
    }

    @Override
    public void dispatch(WorkMessages.Dispatch message, Duration delay) {
        record("dispatch", message.key(), message.operationId(), message);
    }

    @Override
    public void poll(WorkMessages.Poll message, Duration delay) {
        record("poll", message.key(), message.operationId(), message);
    }

    @Override
    public void callback(WorkMessages.Callback message, Duration delay) {
        record("callback", message.key(), message.operationId(), message);
    }

    @Override
    public void callbackDeadLetter(WorkMessages.Callback message) {
        record("callback-dead-letter", message.key(), message.operationId(), message);
    }

    @Override
    public void compensation(WorkMessages.Compensate message, Duration delay) {
        record("compensation", message.key(), message.operationId(), message);
    }

    @Override
    public void compensationDeadLetter(WorkMessages.Compensate message) {
        record("compensation-dead-letter", message.key(), message.operationId(), message);
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public List<Sent> sent(String kind) {
        return sent.stream().filter(s -> s.kind().equals(kind)).toList();
    }
}
