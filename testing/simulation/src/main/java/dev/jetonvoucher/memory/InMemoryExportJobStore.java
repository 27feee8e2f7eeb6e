package dev.jetonvoucher.memory;

import dev.jetonvoucher.export.ExportJob;
import dev.jetonvoucher.export.ExportJobStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** {@link ExportJobStore} in a map. */
public final class InMemoryExportJobStore implements ExportJobStore {

    private final Map<String, ExportJob> jobs = new ConcurrentHashMap<>();

    @Override
    public void create(ExportJob job) {
        if (jobs.putIfAbsent(job.id(), job) != null) {
            throw new IllegalStateException("export job " + job.id() + " exists already");
        }
    }

    @Override
    public Optional<ExportJob> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public Optional<ExportJob> start(String id, Instant at) {
        ExportJob started =
                update(id, job -> job.isFinished() ? job : with(job, ExportJob.Status.RUNNING, 0, null, at));
        return started == null || started.isFinished() ? Optional.empty() : Optional.of(started);
    }

    @Override
    public void progress(String id, long rows, Instant at) {
        update(id, job -> job.isFinished() ? job : with(job, ExportJob.Status.RUNNING, rows, null, at));
    }

    @Override
    public Optional<ExportJob> done(String id, long rows, Instant at) {
        return Optional.ofNullable(update(id, job -> with(job, ExportJob.Status.DONE, rows, null, at)));
    }

    @Override
    public Optional<ExportJob> failed(String id, String error, Instant at) {
        return Optional.ofNullable(update(id, job -> with(job, ExportJob.Status.FAILED, job.rows(), error, at)));
    }

    /** The job as changed, null when there is none. */
    private ExportJob update(String id, UnaryOperator<ExportJob> change) {
        return jobs.computeIfPresent(id, (key, job) -> change.apply(job));
    }

    private static ExportJob with(ExportJob job, ExportJob.Status status, long rows, String error, Instant at) {
        return new ExportJob(
                job.id(),
                job.projectId(),
                job.format(),
                job.query(),
                job.fileName(),
                status,
                rows,
                error,
                job.createdAt(),
                at);
    }
}
