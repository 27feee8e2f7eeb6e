package dev.jetonvoucher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetonvoucher.aws.BulkPaymentLoader;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.bench.probe.BenchPayments;
import dev.jetonvoucher.export.ExportJob;
import dev.jetonvoucher.local.FunctionDef;
import dev.jetonvoucher.local.TemplateResources;
import dev.jetonvoucher.payment.Payment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * An export of N rows end to end on the local endpoint: N payments of one project in a month (loaded with the
 * payment adapter's own items), an export job as the dashboard records it, the export worker's function jar in a
 * JVM of its own with a small heap running the job's SQS message (rows from the index into S3, a multipart upload beyond 5 MiB),
 * then the file downloaded through its presigned link. Reports the worker's time and memory: the same memory for
 * 10,000 and 100,000 rows is what makes a million rows a matter of time only.
 */
final class ExportBenchmark {

    static final String PROBE = "dev.jetonvoucher.bench.probe.ExportWorkerProbe";
    /** The worker's heap in the benchmark: a sixteenth of its 1024 MB in template.yaml. */
    static final String HEAP = "64m";

    record Result(
            String build,
            int rows,
            String format,
            boolean fromTable,
            double seedSeconds,
            double workerMillis,
            long fileBytes,
            double downloadMillis,
            long heapPeakBytes,
            long afterGcMaxBytes,
            long maxHeapBytes) {}

    private final BenchDeployment deployment;
    private final java.nio.file.Path probesJar;
    private final Consumer<String> progress;

    ExportBenchmark(BenchDeployment deployment, java.nio.file.Path probesJar, Consumer<String> progress) {
        this.deployment = deployment;
        this.probesJar = probesJar;
        this.progress = progress;
    }

    /** @param fromTable whether the rows come from DynamoDB (loaded first) or are generated as the worker reads them */
    Result run(Artifacts build, int rows, String format, boolean fromTable) {
        TemplateResources.Deployed fresh = deployment.freshResources("export-" + rows + "-" + format);
        FunctionDef worker = build.template().function("ExportWorkerFunction");
        var environment = deployment.environmentFor(worker, fresh);
        Wiring wiring = Wiring.of(environment, Clock.systemUTC());

        long seedStarted = System.nanoTime();
        if (fromTable) {
            seed(fresh, rows);
        }
        double seedSeconds = (System.nanoTime() - seedStarted) / 1e9;

        ExportJob job = ExportJob.queued(
                "bench-" + rows + "-" + format + "-" + System.nanoTime(),
                BenchDeployment.PROJECT_ID,
                format,
                "from=2026-01-01&to=2026-01-31",
                "bench-" + rows + "." + format,
                Instant.now());
        wiring.exportJobs().create(job);
        progress.accept("export: the worker writes " + rows + " rows as " + format + " (-Xmx" + HEAP + ", "
                + (fromTable ? "from the table" : "generated rows") + ")");
        List<String> arguments = fromTable
                ? List.of(worker.handlerClass(), job.id())
                : List.of(worker.handlerClass(), job.id(), Integer.toString(rows));
        ChildJvm.Outcome outcome = ChildJvm.run(
                List.of(build.functionJar(worker), probesJar),
                List.of("-Xmx" + HEAP, "-XX:+UseSerialGC"),
                PROBE,
                arguments,
                environment);
        ExportJob done = wiring.exportJobs().find(job.id()).orElseThrow();
        if (done.status() != ExportJob.Status.DONE || done.rows() != rows) {
            throw new IllegalStateException(
                    "the export job ended " + done + "\n" + String.join("\n", outcome.output()));
        }
        long downloadStarted = System.nanoTime();
        long bytes = download(wiring.exportStorage()
                .downloadLink(job.objectKey(), job.fileName(), Duration.ofMinutes(15))
                .toString());
        double downloadMillis = (System.nanoTime() - downloadStarted) / 1e6;
        JsonNode result = outcome.result();
        return new Result(
                build.label(),
                rows,
                format,
                fromTable,
                seedSeconds,
                result.path("handle_ms").asDouble(),
                bytes,
                downloadMillis,
                result.path("heap_peak_bytes").asLong(),
                result.path("live_after_gc_max_bytes").asLong(),
                result.path("max_heap_bytes").asLong());
    }

    private void seed(TemplateResources.Deployed fresh, int rows) {
        progress.accept("export: loading " + rows + " payments");
        BulkPaymentLoader loader =
                new BulkPaymentLoader(deployment.endpoint.dynamoDb(), fresh.tableName("PaymentsTable"));
        List<Payment> batch = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            batch.add(BenchPayments.payment(i, rows));
            if (batch.size() == 1_000) {
                loader.load(batch);
                batch.clear();
            }
        }
        loader.load(batch);
    }

    /** Reads the file through its link as a browser would, counting the bytes (none kept). */
    private static long download(String link) {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) java.net.URI.create(link).toURL().openConnection();
            if (connection.getResponseCode() != 200) {
                throw new IllegalStateException("the export link answered " + connection.getResponseCode());
            }
            long total = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = connection.getInputStream()) {
                for (int read; (read = in.read(buffer)) > 0; ) {
                    total += read;
                }
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The BENCHMARKS.md section. */
    static String markdown(List<Result> results) {
        StringBuilder text = new StringBuilder("## Issue 18 — exports\n\n")
                .append("An export job end to end on the local endpoint: N payments of one project in a month, the job")
                .append(" recorded as the dashboard records it, the export worker's function jar in a JVM of its own")
                .append(" limited to `-Xmx")
                .append(HEAP)
                .append("` (Serial GC) handling the job's SQS message — rows")
                .append(" streamed from the index through the CSV/XLSX writers into S3 (one PutObject up to 5 MiB, a")
                .append(
                        " multipart upload of 5 MiB parts beyond) — then the file downloaded through its presigned link. *Heap peak* is the sum of the")
                .append(" heap pools' high-water marks; *after GC* the largest heap left after any collection (what")
                .append(" the worker holds). *from* `table`: the payments loaded into the PaymentsTable first")
                .append(" (BatchWriteItem of the payment adapter's own items) and read by the worker's index query, as")
                .append(" deployed; `generated`: the same payments made page by page (1,000 a page, as the query pages")
                .append(" them) inside the worker's JVM, for row counts the local endpoint would take too long to")
                .append(" load. Before the launcher's `index-query` change moto walked the whole table for every page")
                .append(
                        " of the index (a run from a 10,000-payment table timed out after 3,000 rows); now a page costs")
                .append(" the same at any table size. The job store, the upload, the progress and the link are the")
                .append(" deployed code in both.\n\n")
                .append(
                        "| build | rows | from | format | worker (s) | rows/s | file (MiB) | download (ms) | heap peak (MiB) |")
                .append(" after GC max (MiB) | -Xmx (MiB) |\n")
                .append("|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            text.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %s | %s | %.1f | %.0f | %.2f | %.0f | %.1f | %.1f | %.0f |%n",
                    r.build(),
                    r.rows(),
                    r.fromTable() ? "table" : "generated",
                    r.format(),
                    r.workerMillis() / 1000,
                    r.rows() / (r.workerMillis() / 1000),
                    r.fileBytes() / 1048576.0,
                    r.downloadMillis(),
                    r.heapPeakBytes() / 1048576.0,
                    r.afterGcMaxBytes() / 1048576.0,
                    r.maxHeapBytes() / 1048576.0));
        }
        return text.append('\n').toString();
    }
}
