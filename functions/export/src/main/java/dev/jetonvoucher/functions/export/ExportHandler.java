package dev.jetonvoucher.functions.export;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetonvoucher.analysis.DashboardSessions;
import dev.jetonvoucher.analysis.PaymentSearch;
import dev.jetonvoucher.analysis.QueryException;
import dev.jetonvoucher.aws.lambda.HttpApiRequests;
import dev.jetonvoucher.aws.lambda.HttpFunction;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.functions.dashboard.DashboardAccess;
import dev.jetonvoucher.functions.dashboard.DashboardQuery;
import dev.jetonvoucher.functions.dashboard.WebResponses;
import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.web.WebRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * {@code GET /dashboard/export.csv} and {@code GET /dashboard/export.xlsx}: the signed-in project's payments and
 * operations of a period (the dashboard's filters), streamed page by page from the index into the file. A CSV goes
 * gzip-compressed to browsers that accept it. A file larger than a Lambda response can carry is refused with 413.
 */
public final class ExportHandler extends HttpFunction {

    /** Base64 makes 4 MiB about 5.6 MB, within Lambda's 6 MB response payload. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final DashboardAccess access;
    private final PaymentSearch search;
    private final Clock clock;
    private final int maxBodyBytes;

    public ExportHandler() {
        this(Wiring.fromEnvironment());
    }

    public ExportHandler(Wiring wiring) {
        this(wiring, MAX_BODY_BYTES);
    }

    ExportHandler(Wiring wiring, int maxBodyBytes) {
        this.access = new DashboardAccess(new DashboardSessions(wiring.projects(), wiring.sessions(),
                wiring.signInAttempts(), wiring.clock()));
        this.search = new PaymentSearch(wiring.payments());
        this.clock = wiring.clock();
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        WebRequest request = HttpApiRequests.webRequest(event);
        Optional<ExportFormat> format = switch (request.method() + " " + request.path()) {
            case "GET /dashboard/export.csv" -> Optional.of(ExportFormat.CSV);
            case "GET /dashboard/export.xlsx" -> Optional.of(ExportFormat.XLSX);
            default -> Optional.empty();
        };
        if (format.isEmpty()) {
            return WebResponses.text(404, "Not found");
        }
        Optional<Project> project = access.project(request);
        if (project.isEmpty()) {
            return WebResponses.redirect(DashboardAccess.SIGN_IN, List.of());
        }
        DashboardQuery query;
        try {
            query = DashboardQuery.parse(request::query, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        } catch (QueryException invalid) {
            return WebResponses.text(400, invalid.getMessage());
        }
        try {
            return export(project.get(), query, format.get(), acceptsGzip(request));
        } catch (BoundedOutputStream.TooLargeException tooLarge) {
            Log.warn("export.too_large", "project_id", project.get().projectId(), "format", format.get().extension());
            return WebResponses.text(413, "This export is larger than a download can be (" + maxBodyBytes / 1024
                    + " KiB). Choose a shorter period or narrower filters.");
        } catch (RuntimeException | IOException unexpected) {
            Log.error("export.failed", unexpected, "project_id", project.get().projectId());
            return WebResponses.text(500, "Internal error");
        }
    }

    private APIGatewayV2HTTPResponse export(Project project, DashboardQuery query, ExportFormat format, boolean gzip)
            throws IOException {
        // CSV compresses about tenfold, so gzip lets a browser fetch ten times the rows; XLSX is compressed already.
        boolean compressed = gzip && format == ExportFormat.CSV;
        BoundedOutputStream body = new BoundedOutputStream(maxBodyBytes);
        OutputStream out = compressed ? new GZIPOutputStream(body) : body;
        int[] rows = {0};
        try (ExportFormat.RowWriter writer = format.open(out)) {
            search.forEach(project.projectId(), query.period(), query.filter(), payment -> {
                try {
                    writer.write(ExportRow.of(payment));
                    rows[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        Log.info("export.written", "project_id", project.projectId(), "format", format.extension(), "rows", rows[0]);
        String fileName = "jeton-voucher-" + project.projectId() + "-" + query.first() + "_" + query.last() + "."
                + format.extension();
        return WebResponses.download(fileName, format.contentType(), body.toByteArray(), compressed ? "gzip" : null);
    }

    private static boolean acceptsGzip(WebRequest request) {
        String accepted = request.header("accept-encoding");
        return accepted != null && accepted.toLowerCase(Locale.ROOT).contains("gzip");
    }
}
