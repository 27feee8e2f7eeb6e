package dev.jetonvoucher.functions.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jetonvoucher.analysis.DashboardAccess;
import dev.jetonvoucher.analysis.DashboardSessions;
import dev.jetonvoucher.aws.SnapshotPriming;
import dev.jetonvoucher.export.ExportJob;
import dev.jetonvoucher.export.ExportJobStore;
import dev.jetonvoucher.memory.InMemoryAttemptCounters;
import dev.jetonvoucher.memory.InMemoryExportStorage;
import dev.jetonvoucher.memory.InMemorySessionStore;
import dev.jetonvoucher.project.Project;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The export function's SnapStart priming answers as it should, starts no job and sends no message. */
class ExportPrimingTest {

    @Test
    void the_priming_requests_look_up_the_priming_project_only_and_start_nothing() {
        List<Long> looked = new ArrayList<>();
        ExportJobStore noJobs = new ExportJobStore() {
            @Override
            public void create(ExportJob job) {
                fail("priming created a job");
            }

            @Override
            public Optional<ExportJob> find(String id) {
                return fail("priming looked a job up without a session");
            }

            @Override
            public Optional<ExportJob> start(String id, Instant at) {
                return fail("priming started a job");
            }

            @Override
            public void progress(String id, long rows, Instant at) {
                fail("priming wrote a job's progress");
            }

            @Override
            public Optional<ExportJob> done(String id, long rows, Instant at) {
                return fail("priming finished a job");
            }

            @Override
            public Optional<ExportJob> failed(String id, String error, Instant at) {
                return fail("priming failed a job");
            }
        };
        Clock clock = Clock.systemUTC();
        ExportHandler exports = new ExportHandler(
                new DashboardAccess(new DashboardSessions(
                        projectId -> {
                            looked.add(projectId);
                            return Optional.<Project>empty();
                        },
                        new InMemorySessionStore(),
                        new InMemoryAttemptCounters(),
                        clock)),
                noJobs,
                jobId -> fail("priming queued job " + jobId),
                new InMemoryExportStorage(),
                clock);

        ExportPriming.prime(exports);

        assertEquals(List.of(SnapshotPriming.PROJECT_ID, SnapshotPriming.PROJECT_ID), looked);
    }

    @Test
    void the_worker_priming_writes_a_row_of_each_format_without_a_store() {
        ExportPriming.files();
    }
}
