package dev.jetonvoucher.aws.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetonvoucher.logging.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A function behind an HTTP API route. Lambda calls the stream method: the event's JSON is read by
 * {@link LambdaEventJson} rather than by the runtime's own serializer, which cost 250–600 ms of each cold start.
 * Subclasses implement the typed method, which tests call directly. Every line logged during the stream method
 * carries the invocation's request id, function name and cold-start flag ({@link InvocationLog}).
 */
public abstract class HttpFunction implements RequestStreamHandler {

    private final InvocationLog invocations = new InvocationLog();

    @Override
    public final void handleRequest(InputStream event, OutputStream response, Context context) throws IOException {
        try (Log.Scope ignored = invocations.begin(context)) {
            LambdaEventJson.writeHttpResponse(handleRequest(LambdaEventJson.readHttpEvent(event), context), response);
        }
    }

    /** Answers one HTTP request; never throws for a request it refuses (that is a 4xx answer). */
    public abstract APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context);
}
