package dev.jetonvoucher.functions.providercallback;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.jetonvoucher.aws.lambda.QueueFunction;
import dev.jetonvoucher.aws.lambda.SqsBatch;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.workflow.MessageOutcome;
import dev.jetonvoucher.workflow.ProviderNotifications;

/**
 * Consumes ProviderNotificationQueue, where the built-in sandbox provider posts its signed result
 * notifications. A notification that fails verification is returned to the queue and ends in its DLQ.
 */
public final class ProviderNotificationQueueHandler extends QueueFunction {

    private final ProviderNotifications notifications;

    /** In Lambda: the services of the container\'s wiring, from its environment. */
    public ProviderNotificationQueueHandler() {
        this(Wiring.fromEnvironment());
    }

    /** In the sandbox: the services of a function's own wiring. */
    public ProviderNotificationQueueHandler(Wiring wiring) {
        this(wiring.providerNotifications());
    }

    public ProviderNotificationQueueHandler(ProviderNotifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(
                "provider-notification",
                event,
                body -> notifications.receive(body) == ProviderNotifications.Outcome.REJECTED
                        ? MessageOutcome.RETRY
                        : MessageOutcome.DONE);
    }
}
