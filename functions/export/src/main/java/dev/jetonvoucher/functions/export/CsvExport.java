package dev.jetonvoucher.functions.export;

import dev.jetonvoucher.time.UtcText;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: comma separated, CRLF line ends, a field quoted when it holds a comma, quote, CR or LF, quotes
 * doubled. UTF-8 with a byte order mark, which is what makes Excel read it as UTF-8. A field that a spreadsheet
 * would take for a formula ({@code = + - @}, tab, CR first) is prefixed with {@code '} (CSV injection), so a
 * customer-chosen description can never run as a formula on the accountant's machine.
 */
final class CsvExport implements ExportFormat.RowWriter {

    static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Writer out;

    CsvExport(OutputStream stream) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        out.write(BYTE_ORDER_MARK);
        writeRecord(ExportRow.HEADERS);
    }

    @Override
    public void write(ExportRow row) throws IOException {
        List<String> fields = new ArrayList<>(ExportRow.COLUMNS.size());
        for (ExportRow.Column column : ExportRow.COLUMNS) {
            fields.add(text(column.cell(row)));
        }
        writeRecord(fields);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void writeRecord(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(fields.get(i)));
        }
        out.write("\r\n");
    }

    static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = startsLikeFormula(value) ? "'" + value : value;
        boolean quote =
                safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\r') >= 0 || safe.indexOf('\n') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    private static boolean startsLikeFormula(String value) {
        return "=+-@\t\r".indexOf(value.charAt(0)) >= 0;
    }

    /** Every kind of cell as CSV text: amounts in major units with their currency's decimals, times in UTC. */
    private static String text(ExportRow.Cell cell) {
        if (cell instanceof ExportRow.Cell.Text text) {
            return text.value();
        }
        if (cell instanceof ExportRow.Cell.Amount amount) {
            return amount.value().toMajorString();
        }
        if (cell instanceof ExportRow.Cell.Time time) {
            return time.value() == null ? "" : UtcText.seconds(time.value());
        }
        throw new IllegalArgumentException("no CSV text for " + cell);
    }
}
