package dev.jetonvoucher.functions.export;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/** A file format the export streams rows into: the header first, then one row per operation. */
enum ExportFormat {
    CSV("csv", "text/csv; charset=utf-8") {
        @Override
        RowWriter open(OutputStream out) throws IOException {
            return new CsvExport(out);
        }
    },
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") {
        @Override
        RowWriter open(OutputStream out) throws IOException {
            return new XlsxExport(out);
        }
    };

    private final String extension;
    private final String contentType;

    ExportFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    /** @throws IllegalArgumentException for an extension no format has */
    static ExportFormat of(String extension) {
        for (ExportFormat format : values()) {
            if (format.extension.equals(extension)) {
                return format;
            }
        }
        throw new IllegalArgumentException("no export format " + extension);
    }

    String extension() {
        return extension;
    }

    String contentType() {
        return contentType;
    }

    /** A writer that has written the header; {@link RowWriter#close()} completes the file. */
    abstract RowWriter open(OutputStream out) throws IOException;

    interface RowWriter extends Closeable {
        void write(ExportRow row) throws IOException;
    }
}
