package dev.jetonvoucher.workflow;

import java.time.Duration;

/**
 * The queues of the asynchronous half. Delays are at most {@link #MAX_DELAY} (SQS's limit); longer waits are
 * chained by the workers through the messages' due times.
 */
public interface WorkQueues {

    Duration MAX_DELAY = Duration.ofSeconds(900);

    void dispatch(WorkMessages.Dispatch message, Duration delay);

    void poll(WorkMessages.Poll message, Duration delay);

    void callback(WorkMessages.Callback message, Duration delay);

    /** A callback whose tries are used up: kept in the dead-letter queue for the operator. */
    void callbackDeadLetter(WorkMessages.Callback message);

    /** A compensation try (travels with the status polls: the same worker function handles both). */
    void compensation(WorkMessages.Compensate message, Duration delay);

    /** A compensation that could not complete: kept in its dead-letter queue for the operator (alarmed on). */
    void compensationDeadLetter(WorkMessages.Compensate message);

    static Duration capped(Duration delay) {
        if (delay.isNegative()) {
            return Duration.ZERO;
        }
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }
}
