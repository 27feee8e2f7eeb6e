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
    public void progress(String id, long rows, Instant at) {
        update(id, job -> job.isFinished() ? job : with(job, ExportJob.Status.RUNNING, rows, null, at));
    }

    @Override
    public void done(String id, long rows, Instant at) {
        update(id, job -> with(job, ExportJob.Status.DONE, rows, null, at));
    }

    @Override
    public void failed(String id, String error, Instant at) {
        update(id, job -> with(job, ExportJob.Status.FAILED, job.rows(), error, at));
    }

    private void update(String id, UnaryOperator<ExportJob> change) {
        jobs.computeIfPresent(id, (key, job) -> change.apply(job));
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
