package dev.jetonvoucher.functions.dispatch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.jetonvoucher.aws.lambda.QueueFunction;
import dev.jetonvoucher.aws.lambda.SqsBatch;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.workflow.Dispatcher;
import dev.jetonvoucher.workflow.WorkMessages;

/** Consumes ProviderDispatchQueue: hands accepted payments to the Jeton provider. */
public final class DispatchHandler extends QueueFunction {

    private final Dispatcher dispatcher;

    /** In Lambda: the services of the container\'s wiring, from its environment. */
    public DispatchHandler() {
        this(Wiring.fromEnvironment());
    }

    /** In the sandbox: the services of a function's own wiring. */
    public DispatchHandler(Wiring wiring) {
        this(wiring.dispatcher());
    }

    public DispatchHandler(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process("dispatch", event, body -> dispatcher.handle(WorkMessages.dispatch(body)));
    }
}
