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
