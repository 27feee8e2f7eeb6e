package dev.jetonvoucher.functions.export;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.jetonvoucher.aws.lambda.QueueFunction;
import dev.jetonvoucher.aws.lambda.SqsBatch;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.workflow.MessageOutcome;

/**
 * ExportWorkerFunction, deployed from this module's jar beside ExportHandler (they share the export's rows and
 * formats, and a function never uses another function's package). Consumes ExportQueue: each message is an export job's id; the job's file is written to the export bucket and the
 * job ends done or failed ({@link ExportRun}). A failed export is the merchant's to request again, so a message is
 * never retried for it; only a crash or timeout brings it back (then to the dead-letter queue).
 */
public final class ExportWorkerHandler extends QueueFunction {

    private final ExportRun run;

    /** In Lambda: the services of the container\'s wiring, from its environment. */
    public ExportWorkerHandler() {
        this(Wiring.fromEnvironment());
    }

    /** In the sandbox: the services of a function's own wiring. */
    public ExportWorkerHandler(Wiring wiring) {
        this(ExportRun.of(wiring));
        wiring.primeAlsoInProcess("export files, kept nowhere", ExportPriming::files);
    }

    public ExportWorkerHandler(ExportRun run) {
        this.run = run;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process("export-worker", event, jobId -> {
            run.run(jobId.strip());
            return MessageOutcome.DONE;
        });
    }
}
