package dev.jetonvoucher.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.workflow.MessageOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs a worker over an SQS batch with partial batch responses ({@code ReportBatchItemFailures}): each
 * message is handled on its own, and only the ones that asked to be retried or failed are returned to the
 * queue. A poison message therefore reaches the dead-letter queue after maxReceiveCount without holding
 * back the rest of its batch.
 */
public final class SqsBatch {

    private SqsBatch() {}

    public static SQSBatchResponse process(String worker, SQSEvent event, Function<String, MessageOutcome> handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        if (event == null || event.getRecords() == null) {
            return new SQSBatchResponse(failures);
        }
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            MessageOutcome outcome;
            try {
                outcome = handler.apply(message.getBody());
            } catch (RuntimeException e) {
                Log.error(
                        "message.failed",
                        e,
                        "worker",
                        worker,
                        "message_id",
                        message.getMessageId(),
                        "receive_count",
                        message.getAttributes() == null
                                ? "?"
                                : message.getAttributes().get("ApproximateReceiveCount"));
                outcome = MessageOutcome.RETRY;
            }
            if (outcome == MessageOutcome.RETRY) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
