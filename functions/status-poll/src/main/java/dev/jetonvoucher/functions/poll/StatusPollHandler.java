package dev.jetonvoucher.functions.poll;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.jetonvoucher.aws.lambda.QueueFunction;
import dev.jetonvoucher.aws.lambda.SqsBatch;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.workflow.Compensator;
import dev.jetonvoucher.workflow.StatusPoller;
import dev.jetonvoucher.workflow.WorkMessages;

/**
 * Consumes StatusPollQueue: polls the provider after the base time and declines at the limit time, and carries out
 * the compensations of declined payments that the provider finished anyway (their tries travel on the same queue).
 */
public final class StatusPollHandler extends QueueFunction {

    private final StatusPoller poller;
    private final Compensator compensator;

    /** In Lambda: the services of the container\'s wiring, from its environment. */
    public StatusPollHandler() {
        this(Wiring.fromEnvironment());
    }

    /** In the sandbox: the services of a function's own wiring. */
    public StatusPollHandler(Wiring wiring) {
        this(wiring.statusPoller(), wiring.compensator());
    }

    public StatusPollHandler(StatusPoller poller, Compensator compensator) {
        this.poller = poller;
        this.compensator = compensator;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process("status-poll", event, body -> {
            WorkMessages.StatusPollMessage message = WorkMessages.statusPollMessage(body);
            return message instanceof WorkMessages.Compensate compensate
                    ? compensator.handle(compensate)
                    : poller.handle((WorkMessages.Poll) message);
        });
    }
}
