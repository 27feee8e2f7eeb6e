package dev.jetonvoucher.bench.probe;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.sun.management.GarbageCollectionNotificationInfo;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.functions.export.ExportRun;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Runs the export worker as Lambda would, in a JVM of its own (the export function jar, which holds the worker on the class path,
 * its environment from template.yaml), on one SQS message naming an export job, and reports its time and memory:
 * the heap's high-water mark (every heap pool's peak) and the largest heap left live after a garbage collection
 * (what the worker really holds). Started with a small {@code -Xmx}, finishing at all proves the export fits in it.
 *
 * <p>Arguments: the handler class, the job id, and optionally a number of rows: then the worker's {@code ExportRun}
 * reads them from {@link BenchPayments#generatedStore} instead of DynamoDB (everything else as deployed: the job
 * store, the S3 upload).
 */
public final class ExportWorkerProbe {

    private ExportWorkerProbe() {}

    public static void main(String[] args) throws Exception {
        AtomicLong liveAfterGc = new AtomicLong();
        AtomicLong collections = new AtomicLong();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector)
                    .addNotificationListener(
                            (notification, handback) -> {
                                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                                        notification.getType())) {
                                    return;
                                }
                                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                                        (CompositeData) notification.getUserData());
                                long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                                        .mapToLong(MemoryUsage::getUsed)
                                        .sum();
                                collections.incrementAndGet();
                                liveAfterGc.accumulateAndGet(used, Math::max);
                            },
                            null,
                            null);
        }
        double handleMillis;
        if (args.length > 2) {
            Wiring wiring = Wiring.fromEnvironment();
            ExportRun run = new ExportRun(
                    BenchPayments.generatedStore(Integer.parseInt(args[2])),
                    wiring.exportJobs(),
                    wiring.exportStorage(),
                    wiring.clock(),
                    ExportRun.PROGRESS_EVERY);
            long started = System.nanoTime();
            run.run(args[1]);
            handleMillis = ProbeResult.millisSince(started);
        } else {
            Class<?> handlerClass = Class.forName(args[0]);
            Constructor<?> constructor = handlerClass.getConstructor();
            Object handler = constructor.newInstance();
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("bench-" + args[1]);
            message.setBody(args[1]);
            SQSEvent event = new SQSEvent();
            event.setRecords(List.of(message));
            long started = System.nanoTime();
            handlerClass
                    .getMethod("handleRequest", SQSEvent.class, com.amazonaws.services.lambda.runtime.Context.class)
                    .invoke(handler, event, null);
            handleMillis = ProbeResult.millisSince(started);
        }
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        new ProbeResult()
                .number("handle_ms", handleMillis)
                .number("heap_peak_bytes", heapPeak)
                .number("live_after_gc_max_bytes", liveAfterGc.get())
                .number("collections", collections.get())
                .number("max_heap_bytes", Runtime.getRuntime().maxMemory())
                .print();
        System.exit(0);
    }
}
