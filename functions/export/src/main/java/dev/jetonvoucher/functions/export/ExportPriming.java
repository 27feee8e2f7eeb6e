package dev.jetonvoucher.functions.export;

import static dev.jetonvoucher.aws.lambda.Priming.expect;
import static dev.jetonvoucher.aws.lambda.Priming.getWithUnsignedSession;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetonvoucher.analysis.DashboardAccess;
import dev.jetonvoucher.analysis.DashboardQuery;
import dev.jetonvoucher.aws.SnapshotPriming;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;

/**
 * The export function's part of the SnapStart priming (see {@code Wiring.primeForSnapshot}), with the events and
 * checks of the shared {@code Priming}.
 */
final class ExportPriming {

    private ExportPriming() {}

    /**
     * Requests that write nothing, through the handler as real ones: an export and a progress page asked with a session
     * cookie no key signed, both refused after the lookup of a project nobody has (a sign-in asked for). The wiring's
     * own steps prime the stores behind a real export (the session read, the job's writes, the queue's send).
     */
    static void prime(ExportHandler exports) {
        for (String path : new String[] {"/dashboard/export.csv", ExportHandler.PROGRESS_PAGE}) {
            APIGatewayV2HTTPResponse refused =
                    exports.handleRequest(getWithUnsignedSession(path, "job=snapstart-priming"), null);
            expect(
                    refused.getStatusCode() == 303
                            && DashboardAccess.SIGN_IN.equals(
                                    refused.getHeaders().get("Location")),
                    "an unsigned session was not sent to the sign-in but answered " + refused.getStatusCode());
        }
    }

    /**
     * The export worker's part that needs no store: a job's stored query read back as the worker reads it, and a sample
     * payment written as a row of each format (its header, cells and the XLSX package) into a stream that keeps
     * nothing. The job store, the payment queries and the queue are primed by the wiring's own steps.
     */
    static void files() {
        LocalDate day = LocalDate.of(2026, 1, 2);
        String stored = DashboardQuery.defaults(day).withCursor(null).queryString();
        DashboardQuery.parse(ExportRun.parameters(stored)::get, day);
        ExportRow row = ExportRow.of(SnapshotPriming.samplePayout());
        for (ExportFormat format : ExportFormat.values()) {
            try (ExportFormat.RowWriter writer = format.open(OutputStream.nullOutputStream())) {
                writer.write(row);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
