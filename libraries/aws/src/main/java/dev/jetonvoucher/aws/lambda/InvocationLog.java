package dev.jetonvoucher.aws.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.jetonvoucher.logging.Log;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The log fields of a handler's invocations: Lambda's request id and function name from the {@link Context}, and
 * whether this is the handler's first invocation. Lambda makes one handler instance per container, so the first
 * invocation of the instance is the container's cold start; with SnapStart the snapshot is taken before any
 * invocation, so each restored container's first invocation counts as cold too. The sandbox makes one instance per
 * function, which gives each function its own first invocation.
 */
final class InvocationLog {

    private final AtomicBoolean invoked = new AtomicBoolean();

    /** Starts the invocation's fields on this thread; close the scope when the invocation ends. */
    Log.Scope begin(Context context) {
        boolean coldStart = !invoked.getAndSet(true);
        return context == null
                ? Log.invocation(null, null, coldStart)
                : Log.invocation(context.getAwsRequestId(), context.getFunctionName(), coldStart);
    }
}
