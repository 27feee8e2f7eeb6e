package dev.jetonvoucher.functions.export;

import dev.jetonvoucher.analysis.DashboardQuery;
import dev.jetonvoucher.analysis.PaymentSearch;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.export.ExportJob;
import dev.jetonvoucher.export.ExportJobStore;
import dev.jetonvoucher.export.ExportStorage;
import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.web.UrlEncoded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * Writes one export job's file: the job's period and filters streamed page by page from the index, each row through
 * the same {@link ExportFormat} writers the exports always had, into an {@link ExportStorage} upload. Nothing of the
 * file is kept in memory beyond the storage's part buffer and the writer's own (XLSX: the deflater), so a million
 * rows need the memory of ten. Every {@link #progressEvery} rows the job records how many are written.
 */
public final class ExportRun {

    /** A progress write per this many rows: about one DynamoDB write a second at the worker's pace. */
    public static final int PROGRESS_EVERY = 2_000;

    static final String FAILED = "The export could not be written. Please request it again.";

    private final PaymentSearch search;
    private final ExportJobStore jobs;
    private final ExportStorage storage;
    private final Clock clock;
    private final int progressEvery;

    public ExportRun(
            PaymentStore payments, ExportJobStore jobs, ExportStorage storage, Clock clock, int progressEvery) {
        this.search = new PaymentSearch(payments);
        this.jobs = jobs;
        this.storage = storage;
        this.clock = clock;
        this.progressEvery = progressEvery;
    }

    public static ExportRun of(Wiring wiring) {
        return new ExportRun(
                wiring.payments(), wiring.exportJobs(), wiring.exportStorage(), wiring.clock(), PROGRESS_EVERY);
    }

    /**
     * Writes the job's file and records the outcome (done, or failed with a message for the merchant). A job that is
     * gone (expired) or finished already (a message delivered twice) is left alone.
     *
     * @return the job as it ended, empty when there was nothing to do
     */
    public Optional<ExportJob> run(String jobId) {
        Optional<ExportJob> started = jobs.start(jobId, clock.instant());
        if (started.isEmpty()) {
            Log.info("export.skipped", "job", jobId, "reason", "no such job, or finished");
            return Optional.empty();
        }
        ExportJob job = started.get();
        long[] rows = {0};
        ExportStorage.Upload upload = null;
        try {
            ExportFormat format = ExportFormat.of(job.format());
            DashboardQuery query =
                    DashboardQuery.parse(parameters(job.query())::get, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
            upload = storage.upload(job.objectKey(), format.contentType());
            try (ExportFormat.RowWriter writer = format.open(upload)) {
                search.forEach(job.projectId(), query.period(), query.filter(), payment -> {
                    try {
                        writer.write(ExportRow.of(payment));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    if (++rows[0] % progressEvery == 0) {
                        jobs.progress(jobId, rows[0], clock.instant());
                    }
                });
            }
            Optional<ExportJob> done = jobs.done(jobId, rows[0], clock.instant());
            Log.info(
                    "export.written",
                    "job",
                    jobId,
                    "project_id",
                    job.projectId(),
                    "format",
                    format.extension(),
                    "rows",
                    rows[0]);
            return done;
        } catch (IOException | RuntimeException failure) {
            if (upload != null) {
                upload.abort();
            }
            Log.error("export.failed", failure, "job", jobId, "project_id", job.projectId(), "rows", rows[0]);
            return jobs.failed(jobId, FAILED, clock.instant());
        }
    }

    /** A job's stored query string (written by {@link DashboardQuery#queryString()}) as its parameters. */
    static Map<String, String> parameters(String queryString) {
        return UrlEncoded.firstValues(queryString, UrlEncoded.Malformed.AS_SENT);
    }
}
