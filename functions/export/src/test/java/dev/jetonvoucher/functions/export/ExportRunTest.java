package dev.jetonvoucher.functions.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.export.ExportJob;
import dev.jetonvoucher.export.ExportJobStore;
import dev.jetonvoucher.export.ExportStorage;
import dev.jetonvoucher.memory.InMemoryExportJobStore;
import dev.jetonvoucher.memory.InMemoryExportStorage;
import dev.jetonvoucher.memory.InMemoryPaymentStore;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.payment.Funds;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The export worker's run on the in-memory ports: progress as it goes, the file, and what a failure leaves. */
class ExportRunTest {

    private static final long PROJECT = 7;
    private static final Instant START = Instant.parse("2026-02-20T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(START.plus(Duration.ofDays(5)), ZoneOffset.UTC);

    private final InMemoryPaymentStore payments = new InMemoryPaymentStore(CLOCK);
    private final List<Long> progress = new ArrayList<>();
    private final InMemoryExportJobStore stored = new InMemoryExportJobStore();
    /** The in-memory store, noting each progress report (the start's as 0 rows). */
    private final ExportJobStore jobs = new ExportJobStore() {
        @Override
        public void create(ExportJob job) {
            stored.create(job);
        }

        @Override
        public Optional<ExportJob> find(String id) {
            return stored.find(id);
        }

        @Override
        public Optional<ExportJob> start(String id, Instant at) {
            Optional<ExportJob> started = stored.start(id, at);
            started.ifPresent(running -> progress.add(running.rows()));
            return started;
        }

        @Override
        public void progress(String id, long rows, Instant at) {
            progress.add(rows);
            stored.progress(id, rows, at);
        }

        @Override
        public Optional<ExportJob> done(String id, long rows, Instant at) {
            return stored.done(id, rows, at);
        }

        @Override
        public Optional<ExportJob> failed(String id, String error, Instant at) {
            return stored.failed(id, error, at);
        }
    };

    private final InMemoryExportStorage files = new InMemoryExportStorage();

    private void seed(int count) {
        for (int i = 0; i < count; i++) {
            Instant created = START.plusSeconds(i * 60L);
            payments.create(Payment.builder()
                    .key(new PaymentKey(PROJECT, "p-" + i))
                    .type(PaymentType.PURCHASE)
                    .status(PaymentStatus.SUCCESS)
                    .amount(Money.ofMinor(1_000 + i, "EUR"))
                    .customerId("c")
                    .customerIp("192.0.2.1")
                    .description("order " + i)
                    .channel(Channel.GATE)
                    .requestId("r-" + i)
                    .operationId(500 + i)
                    .createdAt(created)
                    .updatedAt(created.plusSeconds(2))
                    .limitAt(created.plusSeconds(600))
                    .resultCode("0")
                    .resultMessage("Success")
                    .funds(Funds.NOT_APPLICABLE)
                    .callbackState(CallbackState.DELIVERED)
                    .callbackAttempts(1)
                    .build());
        }
    }

    private ExportJob job(String format) {
        ExportJob job = ExportJob.queued(
                "job-" + format, PROJECT, format, "from=2026-02-20&to=2026-02-21", "file." + format, CLOCK.instant());
        jobs.create(job);
        return job;
    }

    private String text(String key) throws IOException {
        try (InputStream in = files.read(key).orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void the_worker_reports_progress_as_it_writes_and_ends_done_with_the_file() throws IOException {
        seed(5);
        ExportJob job = job("csv");

        ExportJob done =
                new ExportRun(payments, jobs, files, CLOCK, 2).run(job.id()).orElseThrow();

        assertEquals(List.of(0L, 2L, 4L), progress, "running at once, then every 2 rows");
        assertEquals(ExportJob.Status.DONE, done.status());
        assertEquals(5, done.rows());
        String csv = text(job.objectKey());
        assertEquals(6, csv.split("\r\n").length, "the header and five rows");
        assertTrue(csv.contains("\r\np-4,504,purchase,"), csv);
    }

    @Test
    void a_message_delivered_again_leaves_the_finished_job_alone() throws IOException {
        seed(3);
        ExportJob job = job("xlsx");
        ExportRun run = new ExportRun(payments, jobs, files, CLOCK, 1_000);
        run.run(job.id());
        progress.clear();

        assertEquals(Optional.empty(), run.run(job.id()));
        assertEquals(List.of(), progress);
        assertEquals(ExportJob.Status.DONE, jobs.find(job.id()).orElseThrow().status());
        assertEquals(Optional.empty(), run.run("no-such-job"), "an expired job");
    }

    @Test
    void a_failed_write_aborts_the_upload_and_the_job_says_so() throws IOException {
        seed(5);
        ExportJob job = job("csv");
        List<String> aborted = new ArrayList<>();
        ExportStorage failing = new ExportStorage() {
            @Override
            public Upload upload(String key, String contentType) throws IOException {
                Upload real = files.upload(key, contentType);
                return new Upload() {
                    @Override
                    public void write(int b) throws IOException {
                        throw new IOException("S3 is unreachable");
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        throw new IOException("S3 is unreachable");
                    }

                    @Override
                    public void close() {
                        // a failed upload never completes
                    }

                    @Override
                    public void abort() {
                        aborted.add(key);
                        real.abort();
                    }
                };
            }

            @Override
            public Optional<InputStream> read(String key) {
                return files.read(key);
            }

            @Override
            public URI downloadLink(String key, String fileName, Duration validFor) {
                return files.downloadLink(key, fileName, validFor);
            }
        };

        ExportJob failed =
                new ExportRun(payments, jobs, failing, CLOCK, 2).run(job.id()).orElseThrow();

        assertEquals(ExportJob.Status.FAILED, failed.status());
        assertEquals(ExportRun.FAILED, failed.error());
        assertEquals(List.of(job.objectKey()), aborted);
        assertTrue(files.read(job.objectKey()).isEmpty(), "no partial file");
    }
}
