package dev.jetonvoucher.functions.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.analysis.DashboardAccess;
import dev.jetonvoucher.analysis.DashboardQuery;
import dev.jetonvoucher.analysis.DashboardSessions;
import dev.jetonvoucher.analysis.QueryException;
import dev.jetonvoucher.aws.lambda.HttpFunction;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.export.ExportJob;
import dev.jetonvoucher.export.ExportJobStore;
import dev.jetonvoucher.export.ExportQueue;
import dev.jetonvoucher.export.ExportStorage;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.web.Html;
import dev.jetonvoucher.web.WebErrors;
import dev.jetonvoucher.web.WebRequest;
import dev.jetonvoucher.web.WebResponse;
import dev.jetonvoucher.web.WebResponses;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's exports, as jobs (docs/exports.md):
 * <ul>
 *   <li>{@code GET /dashboard/export.csv} and {@code .xlsx} (the dashboard's export links, with its filters) start a
 *       job for the signed-in project — a job record and a message for the export worker — and send the browser to
 *       its progress page;</li>
 *   <li>{@code GET /dashboard/export?job=ID} is that page: rows written so far (it reloads itself every
 *       {@value #RELOAD_SECONDS} s), then a download link presigned for {@link #LINK_VALIDITY}, or why it failed;</li>
 *   <li>{@code GET /dashboard/export.json?job=ID} is the same as JSON, for scripts.</li>
 * </ul>
 * A job is shown only to a session of the project that requested it; any other job id is 404, as is one never made.
 */
public final class ExportHandler extends HttpFunction {

    static final Duration LINK_VALIDITY = Duration.ofMinutes(15);
    static final int RELOAD_SECONDS = 2;
    static final String PROGRESS_PAGE = "/dashboard/export";

    private final DashboardAccess access;
    private final ExportJobStore jobs;
    private final ExportQueue queue;
    private final ExportStorage storage;
    private final Clock clock;

    /** In Lambda: the services of the container's wiring, from its environment. */
    public ExportHandler() {
        this(Wiring.fromEnvironment());
    }

    /** In the sandbox: the services of a function's own wiring. */
    public ExportHandler(Wiring wiring) {
        this(
                new DashboardAccess(new DashboardSessions(
                        wiring.projects(), wiring.sessions(), wiring.signInAttempts(), wiring.clock())),
                wiring.exportJobs(),
                wiring.exportQueue(),
                wiring.exportStorage(),
                wiring.clock());
        wiring.primeAlso("export pages", () -> ExportPriming.prime(this));
    }

    public ExportHandler(
            DashboardAccess access, ExportJobStore jobs, ExportQueue queue, ExportStorage storage, Clock clock) {
        this.access = access;
        this.jobs = jobs;
        this.queue = queue;
        this.storage = storage;
        this.clock = clock;
    }

    @Override
    protected WebResponse handle(WebRequest request) {
        String route = request.method() + " " + request.path();
        Optional<ExportFormat> format = switch (route) {
            case "GET /dashboard/export.csv" -> Optional.of(ExportFormat.CSV);
            case "GET /dashboard/export.xlsx" -> Optional.of(ExportFormat.XLSX);
            default -> Optional.empty();
        };
        boolean progress = route.equals("GET " + PROGRESS_PAGE) || route.equals("GET " + PROGRESS_PAGE + ".json");
        if (format.isEmpty() && !progress) {
            return WebResponses.text(404, "Not found");
        }
        Optional<Project> project = access.project(request);
        if (project.isEmpty()) {
            return WebResponses.redirect(DashboardAccess.SIGN_IN, List.of());
        }
        if (format.isPresent()) {
            return start(project.get(), format.get(), request);
        }
        Optional<ExportJob> job = Optional.ofNullable(request.query("job"))
                .filter(id -> !id.isBlank())
                .flatMap(jobs::find)
                .filter(found -> found.projectId() == project.get().projectId());
        if (job.isEmpty()) {
            return WebResponses.text(404, "No such export: it expired, or it belongs to another project.");
        }
        return request.path().endsWith(".json") ? json(job.get()) : page(job.get());
    }

    @Override
    protected WebErrors errors() {
        return WebResponses.errors();
    }

    private WebResponse start(Project project, ExportFormat format, WebRequest request) {
        DashboardQuery query;
        try {
            query = DashboardQuery.parse(request::query, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        } catch (QueryException invalid) {
            return WebResponses.text(400, invalid.getMessage());
        }
        String fileName = "jeton-voucher-" + project.projectId() + "-" + query.first() + "_" + query.last() + "."
                + format.extension();
        ExportJob job = ExportJob.queued(
                WebResponses.randomToken(),
                project.projectId(),
                format.extension(),
                query.withCursor(null).queryString(),
                fileName,
                clock.instant());
        jobs.create(job);
        queue.submit(job.id());
        Log.info("export.requested", "job", job.id(), "project_id", project.projectId(), "format", format.extension());
        return WebResponses.redirect(PROGRESS_PAGE + "?job=" + job.id(), List.of());
    }

    private Optional<String> link(ExportJob job) {
        return job.status() == ExportJob.Status.DONE
                ? Optional.of(storage.downloadLink(job.objectKey(), job.fileName(), LINK_VALIDITY)
                        .toString())
                : Optional.empty();
    }

    private WebResponse json(ExportJob job) {
        ObjectNode body = Json.object()
                .put("id", job.id())
                .put("status", job.status().wire())
                .put("rows", job.rows())
                .put("file_name", job.fileName())
                .put("format", job.format())
                .put("requested_at", job.createdAt().toString())
                .put("updated_at", job.updatedAt().toString());
        link(job).ifPresent(url -> body.put("download_url", url).put("download_expires_in", LINK_VALIDITY.toSeconds()));
        if (job.error() != null) {
            body.put("error", job.error());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        return new WebResponse(200, headers, Json.write(body));
    }

    private WebResponse page(ExportJob job) {
        String nonce = WebResponses.randomToken();
        StringBuilder html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        if (!job.isFinished()) {
            html.append("<meta http-equiv=\"refresh\" content=\"")
                    .append(RELOAD_SECONDS)
                    .append("\">");
        }
        html.append("<title>Export ")
                .append(Html.text(job.fileName()))
                .append("</title><style nonce=\"")
                .append(nonce)
                .append("\">body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2733}"
                        + "a.button{display:inline-block;padding:.5rem 1rem;background:#1565c0;color:#fff;"
                        + "border-radius:4px;text-decoration:none}.error{color:#b71c1c}</style></head><body>")
                .append("<p><a href=\"/dashboard\">&larr; Dashboard</a></p><h1>Export ")
                .append(Html.text(job.fileName()))
                .append("</h1><p id=\"export-status\" data-status=\"")
                .append(job.status().wire())
                .append("\">");
        switch (job.status()) {
            case QUEUED -> html.append("Waiting to start…");
            case RUNNING ->
                html.append("Writing: <span id=\"export-rows\">")
                        .append(job.rows())
                        .append("</span> rows so far…");
            case DONE ->
                html.append("Ready: <span id=\"export-rows\">")
                        .append(job.rows())
                        .append("</span> rows.");
            case FAILED ->
                html.append("<span class=\"error\">")
                        .append(Html.text(job.error()))
                        .append("</span>");
        }
        html.append("</p>");
        link(job)
                .ifPresent(url -> html.append("<p><a class=\"button\" id=\"export-download\" href=\"")
                        .append(Html.attribute(url))
                        .append("\">Download</a> (this link works for ")
                        .append(LINK_VALIDITY.toMinutes())
                        .append(" minutes; reload the page for a new one)</p>"));
        html.append("</body></html>");
        return WebResponses.html(200, html.toString(), nonce, List.of());
    }
}
