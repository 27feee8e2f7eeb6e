package dev.jetonvoucher.export;

import java.time.Instant;
import java.util.Optional;

/**
 * The export jobs: one record per requested export, written by the dashboard (created) and the export worker
 * (progress, then done or failed). Records expire with the files they describe.
 */
public interface ExportJobStore {

    /** Records a new job. @throws IllegalStateException when a job with its id exists already */
    void create(ExportJob job);

    Optional<ExportJob> find(String id);

    /**
     * The worker takes the job up, in one write: a queued job, or a running one whose worker stopped (its message came
     * back), is RUNNING with no rows written yet. A finished job is left as it is.
     *
     * @return the job as it now is; empty when there is no such job (it expired) or it is finished already
     */
    Optional<ExportJob> start(String id, Instant at);

    /** The worker has written {@code rows} rows so far (the job is RUNNING). A finished job is left as it is. */
    void progress(String id, long rows, Instant at);

    /**
     * The file is complete with {@code rows} rows.
     *
     * @return the job as it ended; empty when it is gone (it expired meanwhile)
     */
    Optional<ExportJob> done(String id, long rows, Instant at);

    /**
     * The worker gave up: {@code error} is shown to the merchant.
     *
     * @return the job as it ended; empty when it is gone (it expired meanwhile)
     */
    Optional<ExportJob> failed(String id, String error, Instant at);
}
