package dev.jetonvoucher.export;

import java.time.Instant;
import java.util.Objects;

/**
 * An export the dashboard asked for: which project, which file ({@code format} is its extension, {@code query} the
 * dashboard's filters as a query string) and how far the worker has come ({@code rows} written so far).
 *
 * @param error why it failed, for the merchant; null unless {@link Status#FAILED}
 */
public record ExportJob(
        String id,
        long projectId,
        String format,
        String query,
        String fileName,
        Status status,
        long rows,
        String error,
        Instant createdAt,
        Instant updatedAt) {

    public enum Status {
        /** Waiting on the queue for the worker. */
        QUEUED,
        /** The worker is writing the file; {@code rows} grows. */
        RUNNING,
        /** The file is complete in the export storage under {@link #objectKey()}. */
        DONE,
        /** The worker gave up; {@code error} says why. */
        FAILED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ExportJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A job just requested. */
    public static ExportJob queued(
            String id, long projectId, String format, String query, String fileName, Instant now) {
        return new ExportJob(id, projectId, format, query, fileName, Status.QUEUED, 0, null, now, now);
    }

    /** Where the finished file lives: under its project, so a key names the owner it belongs to. */
    public String objectKey() {
        return "exports/" + projectId + "/" + id + "/" + fileName;
    }

    public boolean isFinished() {
        return status == Status.DONE || status == Status.FAILED;
    }
}
