package dev.jetonvoucher.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.export.ExportJob;
import dev.jetonvoucher.export.ExportJobStore;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link ExportJobStore} must do: a job is queued, makes progress, and ends done or failed. */
public abstract class ExportJobStoreContract {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    /** The store under test. Tests use fresh job ids, so a store may be shared by a whole class. */
    protected abstract ExportJobStore jobs();

    private static ExportJob newJob() {
        return ExportJob.queued(
                UUID.randomUUID().toString(),
                TestPayments.newProjectId(),
                "csv",
                "from=2026-02-01&to=2026-02-28&status=success",
                "jeton-voucher-1-2026-02-01_2026-02-28.csv",
                NOW);
    }

    @Test
    void a_created_job_is_found_as_it_was_requested() {
        ExportJob job = newJob();

        jobs().create(job);

        assertEquals(job, jobs().find(job.id()).orElseThrow());
        assertTrue(jobs().find(UUID.randomUUID().toString()).isEmpty(), "a job never created");
    }

    @Test
    void a_job_id_is_created_once() {
        ExportJob job = newJob();
        jobs().create(job);

        assertThrows(IllegalStateException.class, () -> jobs().create(job));
    }

    @Test
    void the_worker_starts_a_queued_job_in_one_write_and_gets_it_back() {
        ExportJob job = newJob();
        jobs().create(job);

        ExportJob running = jobs().start(job.id(), NOW.plusSeconds(1)).orElseThrow();

        assertEquals(ExportJob.Status.RUNNING, running.status());
        assertEquals(0, running.rows());
        assertEquals(NOW.plusSeconds(1), running.updatedAt());
        assertEquals(job.query(), running.query());
        assertEquals(job.format(), running.format());
        assertEquals(job.projectId(), running.projectId());
        assertEquals(running, jobs().find(job.id()).orElseThrow());
    }

    @Test
    void a_running_job_whose_worker_stopped_starts_again_from_no_rows() {
        ExportJob job = newJob();
        jobs().create(job);
        jobs().start(job.id(), NOW.plusSeconds(1));
        jobs().progress(job.id(), 2_000, NOW.plusSeconds(2));

        ExportJob again = jobs().start(job.id(), NOW.plusSeconds(60)).orElseThrow();

        assertEquals(ExportJob.Status.RUNNING, again.status());
        assertEquals(0, again.rows());
    }

    @Test
    void a_finished_or_unknown_job_is_not_started() {
        ExportJob done = newJob();
        jobs().create(done);
        jobs().done(done.id(), 42, NOW.plusSeconds(2));
        ExportJob failed = newJob();
        jobs().create(failed);
        jobs().failed(failed.id(), "the export could not be written", NOW.plusSeconds(2));

        assertTrue(jobs().start(done.id(), NOW.plusSeconds(3)).isEmpty(), "done");
        assertTrue(jobs().start(failed.id(), NOW.plusSeconds(3)).isEmpty(), "failed");
        assertTrue(jobs().start(UUID.randomUUID().toString(), NOW).isEmpty(), "never created");
        assertEquals(42, jobs().find(done.id()).orElseThrow().rows(), "left as it was");
        assertEquals(
                ExportJob.Status.FAILED, jobs().find(failed.id()).orElseThrow().status());
        assertTrue(jobs().find(UUID.randomUUID().toString()).isEmpty(), "no job made up");
    }

    @Test
    void done_and_failed_answer_the_job_as_it_ended() {
        ExportJob job = newJob();
        jobs().create(job);
        ExportJob other = newJob();
        jobs().create(other);

        ExportJob done = jobs().done(job.id(), 7, NOW.plusSeconds(5)).orElseThrow();
        ExportJob failed = jobs().failed(other.id(), "why", NOW.plusSeconds(6)).orElseThrow();

        assertEquals(jobs().find(job.id()).orElseThrow(), done);
        assertEquals(ExportJob.Status.DONE, done.status());
        assertEquals(jobs().find(other.id()).orElseThrow(), failed);
        assertEquals("why", failed.error());
        assertTrue(jobs().done(UUID.randomUUID().toString(), 1, NOW).isEmpty(), "a job that is gone");
        assertTrue(jobs().failed(UUID.randomUUID().toString(), "why", NOW).isEmpty(), "a job that is gone");
    }

    @Test
    void progress_then_done_counts_the_rows() {
        ExportJob job = newJob();
        jobs().create(job);

        jobs().progress(job.id(), 5_000, NOW.plusSeconds(3));
        ExportJob running = jobs().find(job.id()).orElseThrow();
        assertEquals(ExportJob.Status.RUNNING, running.status());
        assertEquals(5_000, running.rows());
        assertEquals(NOW.plusSeconds(3), running.updatedAt());

        jobs().done(job.id(), 7_321, NOW.plusSeconds(5));
        ExportJob done = jobs().find(job.id()).orElseThrow();
        assertEquals(ExportJob.Status.DONE, done.status());
        assertEquals(7_321, done.rows());
        assertEquals(job.createdAt(), done.createdAt());
        assertEquals(job.query(), done.query());
        assertNull(done.error());
    }

    @Test
    void a_failed_job_says_why() {
        ExportJob job = newJob();
        jobs().create(job);
        jobs().progress(job.id(), 10, NOW.plusSeconds(1));

        jobs().failed(job.id(), "the export could not be written", NOW.plusSeconds(2));

        ExportJob failed = jobs().find(job.id()).orElseThrow();
        assertEquals(ExportJob.Status.FAILED, failed.status());
        assertEquals("the export could not be written", failed.error());
    }

    @Test
    void late_progress_never_reopens_a_finished_job() {
        ExportJob job = newJob();
        jobs().create(job);
        jobs().done(job.id(), 42, NOW.plusSeconds(2));

        jobs().progress(job.id(), 10, NOW.plusSeconds(3));

        ExportJob done = jobs().find(job.id()).orElseThrow();
        assertEquals(ExportJob.Status.DONE, done.status());
        assertEquals(42, done.rows());
    }
}
