package dev.jetonvoucher.bench.probe;

import dev.jetonvoucher.sandbox.FunctionHost;
import dev.jetonvoucher.sandbox.SandboxMain;

/**
 * The cost benchmark's sandbox: the build's own {@code SandboxMain} (HTTP API and SQS event source mappings over the
 * same handlers), with every function invocation and every AWS call written to the meter file named by the system
 * property {@code cost.meter}. {@link MeteringInterceptor} sees the calls (registered on this JVM's class path only);
 * {@link FunctionHost#observeInvocations} the invocations with how long each handler ran.
 */
public final class CostProbe {

    private CostProbe() {}

    public static void main(String[] args) throws Exception {
        CostMeter.open(System.getProperty("cost.meter"));
        FunctionHost.observeInvocations((function, http, nanos) -> CostMeter.line(
                "INVOKE",
                Thread.currentThread().getName(),
                function.logicalId(),
                Integer.toString(function.memorySizeMb()),
                http ? "http" : "sqs",
                Long.toString(nanos)));
        SandboxMain.main(args);
    }
}
