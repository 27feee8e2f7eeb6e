package dev.jetonvoucher.bench.probe;

import dev.jetonvoucher.sandbox.FunctionHost;
import dev.jetonvoucher.sandbox.SandboxMain;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpuSeen = new ConcurrentHashMap<>();
        FunctionHost.observeInvocations((function, http, nanos) -> {
            // The CPU this thread used since it last finished an invocation: the handler's work (a worker or HTTP
            // thread does little else), which Lambda runs on the function's share of a CPU.
            long cpu = threads.getCurrentThreadCpuTime();
            Long before = cpuSeen.put(Thread.currentThread().getId(), cpu);
            long[] meter = MeteringInterceptor.takeSpent(); // the meter's own reads are not the function's time
            long handler = nanos - meter[0];
            long handlerCpu = cpu - (before == null ? 0 : before) - meter[1];
            CostMeter.line(
                    "INVOKE",
                    Thread.currentThread().getName(),
                    function.logicalId(),
                    Integer.toString(function.memorySizeMb()),
                    http ? "http" : "sqs",
                    Long.toString(handler),
                    Long.toString(Math.max(0, Math.min(handler, handlerCpu))));
        });
        SqsSendMeter.install(); // the functions' SendMessage requests, made without the SDK
        SandboxMain.main(args);
    }
}
