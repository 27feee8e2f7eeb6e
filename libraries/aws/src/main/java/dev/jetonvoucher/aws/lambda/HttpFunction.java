package dev.jetonvoucher.aws.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.web.WebErrors;
import dev.jetonvoucher.web.WebRequest;
import dev.jetonvoucher.web.WebResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A function behind an HTTP API route. Lambda calls the stream method: the event's JSON is read by
 * {@link LambdaEventJson} rather than by the runtime's own serializer, which cost 250–600 ms of each cold start.
 * The typed method, which tests call directly, reads the event as a {@link WebRequest}, asks the function's
 * {@link #handle} and answers with its {@link WebResponse}; a refusal or failure the function throws is answered by
 * the one error mapper ({@link WebErrors}), in the form of the function's routes ({@link #errors()}). Every line
 * logged during the stream method carries the invocation's request id, function name and cold-start flag
 * ({@link InvocationLog}).
 */
public abstract class HttpFunction implements RequestStreamHandler {

    private final InvocationLog invocations = new InvocationLog();

    @Override
    public final void handleRequest(InputStream event, OutputStream response, Context context) throws IOException {
        try (Log.Scope ignored = invocations.begin(context)) {
            LambdaEventJson.writeHttpResponse(handleRequest(LambdaEventJson.readHttpEvent(event), context), response);
        }
    }

    /** Answers one HTTP request; never throws (a refusal is a 4xx answer, a failure a 500). */
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        WebRequest request = HttpApiRequests.webRequest(event);
        return HttpApi.response(errors().answer(request, () -> handle(request)));
    }

    /** The function's answer to one request; a {@link dev.jetonvoucher.gate.GateRejection} for a refusal. */
    protected abstract WebResponse handle(WebRequest request);

    /** How the function's routes answer an error: the API's JSON unless the function says otherwise. */
    protected WebErrors errors() {
        return WebErrors.API;
    }
}
