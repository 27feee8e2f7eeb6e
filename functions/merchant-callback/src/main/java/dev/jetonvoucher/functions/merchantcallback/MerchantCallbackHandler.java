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

    public MerchantCallbackHandler() {
        this(Wiring.fromEnvironment());
    }

    public MerchantCallbackHandler(Wiring wiring) {
        this.delivery = wiring.callbackDelivery();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process("merchant-callback", event, body -> delivery.handle(WorkMessages.callback(body)));
    }
}
