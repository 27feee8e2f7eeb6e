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

    public ProviderNotificationQueueHandler() {
        this(Wiring.fromEnvironment());
    }

    public ProviderNotificationQueueHandler(Wiring wiring) {
        this.notifications = wiring.providerNotifications();
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
