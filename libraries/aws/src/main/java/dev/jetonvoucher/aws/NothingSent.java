package dev.jetonvoucher.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Stops every request of the client it is registered with after the SDK has built, marshalled and signed it, and
 * before anything is sent: the client of {@link AwsClients#newDynamoDbThatSendsNothing}, with which SnapStart priming
 * runs the payment store's write paths (issue 16 §2). Nothing leaves the process, so nothing can be written.
 */
public final class NothingSent implements ExecutionInterceptor {

    /** What a stopped request throws (the SDK hands it back to the caller, possibly wrapped). */
    public static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped(String request) {
            super(request + " was built and signed and then stopped: this client sends nothing", null, false, false);
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        throw new Stopped(context.request().getClass().getSimpleName());
    }

    /** Whether a request's failure is this interceptor's stop (and nothing else). */
    public static boolean stopped(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Stopped) {
                return true;
            }
        }
        return false;
    }
}
