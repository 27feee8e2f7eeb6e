package dev.jetonvoucher.functions.poll;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.jetonvoucher.aws.lambda.QueueFunction;
import dev.jetonvoucher.aws.lambda.SqsBatch;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.workflow.StatusPoller;
import dev.jetonvoucher.workflow.WorkMessages;

/** Consumes StatusPollQueue: polls the provider after the base time and declines at the limit time. */
public final class StatusPollHandler extends QueueFunction {

    private final StatusPoller poller;

    public StatusPollHandler() {
        this(Wiring.fromEnvironment());
    }

    public StatusPollHandler(Wiring wiring) {
        this.poller = wiring.statusPoller();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process("status-poll", event, body -> poller.handle(WorkMessages.poll(body)));
    }
}
