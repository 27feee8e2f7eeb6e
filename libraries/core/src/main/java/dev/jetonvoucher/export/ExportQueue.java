package dev.jetonvoucher.export;

/** Hands a created export job to the export worker (an SQS queue deployed). */
public interface ExportQueue {

    void submit(String jobId);
}
