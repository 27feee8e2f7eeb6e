package dev.jetonvoucher.aws.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.jetonvoucher.logging.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A function consuming an SQS queue with partial batch responses. Lambda calls the stream method: the batch's JSON
 * is read by {@link LambdaEventJson} rather than by the runtime's own serializer, which cost 250–600 ms of each cold
 * start. Subclasses implement the typed method, which tests call directly. Every line logged during the stream method
 * carries the invocation's request id, function name and cold-start flag ({@link InvocationLog}).
 */
public abstract class QueueFunction implements RequestStreamHandler {

    private final InvocationLog invocations = new InvocationLog();

    @Override
    public final void handleRequest(InputStream event, OutputStream response, Context context) throws IOException {
        try (Log.Scope ignored = invocations.begin(context)) {
            LambdaEventJson.writeBatchResponse(handleRequest(LambdaEventJson.readQueueEvent(event), context), response);
        }
    }

    /** Handles a batch; the answer names the messages to deliver again (see {@link SqsBatch}). */
    public abstract SQSBatchResponse handleRequest(SQSEvent batch, Context context);
}
