package dev.jetonvoucher.functions.export;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The export as an XLSX workbook, one sheet of operations written row by row with {@link XlsxWriter}, so a month
 * of operations never sits in memory as cells. Amounts are numbers with their currency's decimals and times are
 * date cells (UTC), so the accountant can sum and sort them; everything else is text, never a formula.
 */
final class XlsxExport implements ExportFormat.RowWriter {

    static final String SHEET = "Operations";

    private final XlsxWriter sheet;

    XlsxExport(OutputStream out) throws IOException {
        sheet = new XlsxWriter(
                out,
                SHEET,
                ExportRow.HEADERS,
                ExportRow.COLUMNS.stream().mapToInt(ExportRow.Column::width).toArray());
    }

    @Override
    public void write(ExportRow row) throws IOException {
        sheet.startRow();
        for (ExportRow.Column column : ExportRow.COLUMNS) {
            write(column.cell(row));
        }
        sheet.endRow();
    }

    private void write(ExportRow.Cell cell) throws IOException {
        if (cell instanceof ExportRow.Cell.Text text) {
            sheet.text(text.value());
        } else if (cell instanceof ExportRow.Cell.Amount amount) {
            sheet.amount(amount.value().minorUnits(), amount.value().currency().fractionDigits());
        } else if (cell instanceof ExportRow.Cell.Time time) {
            sheet.time(time.value());
        } else {
            throw new IllegalArgumentException("no XLSX cell for " + cell);
        }
    }

    /** Completes the workbook and closes the stream. */
    @Override
    public void close() throws IOException {
        sheet.close();
    }
}
