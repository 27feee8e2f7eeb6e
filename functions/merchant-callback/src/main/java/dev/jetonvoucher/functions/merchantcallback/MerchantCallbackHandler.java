package dev.jetonvoucher.functions.merchantcallback;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.jetonvoucher.aws.lambda.QueueFunction;
import dev.jetonvoucher.aws.lambda.SqsBatch;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.workflow.CallbackDelivery;
import dev.jetonvoucher.workflow.WorkMessages;

/** Consumes MerchantCallbackQueue: POSTs signed result callbacks and schedules the retries. */
public final class MerchantCallbackHandler extends QueueFunction {

    private final CallbackDelivery delivery;

    /** In Lambda: the services of the container\'s wiring, from its environment. */
    public MerchantCallbackHandler() {
        this(Wiring.fromEnvironment());
    }

    /** In the sandbox: the services of a function's own wiring. */
    public MerchantCallbackHandler(Wiring wiring) {
        this(wiring.callbackDelivery());
    }

    public MerchantCallbackHandler(CallbackDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process("merchant-callback", event, body -> delivery.handle(WorkMessages.callback(body)));
    }
}
