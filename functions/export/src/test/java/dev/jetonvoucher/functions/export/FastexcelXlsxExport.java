package dev.jetonvoucher.functions.export;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Issue 15 §8: {@link XlsxExport} written with org.dhatim:fastexcel instead of {@link XlsxWriter}, kept only to
 * compare the two (XlsxWriterComparisonTest, BENCHMARKS.md). The same sheet: bold frozen header, column widths,
 * a filter over the rows, amounts as numbers with their currency's decimals, UTC times as dates, inline text.
 */
final class FastexcelXlsxExport implements ExportFormat.RowWriter {

    /** Rows kept by fastexcel before they are written out: it holds the cells of a row until flush. */
    private static final int FLUSH_EVERY = 1_000;

    private final OutputStream out;
    private final Workbook workbook;
    private final Worksheet sheet;
    private int row;

    FastexcelXlsxExport(OutputStream out) {
        this.out = out;
        workbook = new Workbook(out, "jeton-voucher", "1.0");
        sheet = workbook.newWorksheet(XlsxExport.SHEET);
        for (int c = 0; c < ExportRow.COLUMNS.size(); c++) {
            sheet.width(c, ExportRow.COLUMNS.get(c).width());
            sheet.inlineString(0, c, ExportRow.HEADERS.get(c));
            sheet.style(0, c).bold().set();
        }
        sheet.freezePane(0, 1);
    }

    @Override
    public void write(ExportRow exportRow) throws IOException {
        row++;
        for (int c = 0; c < ExportRow.COLUMNS.size(); c++) {
            ExportRow.Cell cell = ExportRow.COLUMNS.get(c).cell(exportRow);
            if (cell instanceof ExportRow.Cell.Text text) {
                if (text.value() != null) {
                    String value = XlsxWriter.cellText(text.value());
                    if (!value.isEmpty()) {
                        sheet.inlineString(row, c, value);
                    }
                }
            } else if (cell instanceof ExportRow.Cell.Amount amount) {
                int digits = amount.value().currency().fractionDigits();
                sheet.value(row, c, BigDecimal.valueOf(amount.value().minorUnits(), digits));
                sheet.style(row, c)
                        .format(digits == 0 ? "0" : "0." + "0".repeat(digits))
                        .set();
            } else if (cell instanceof ExportRow.Cell.Time time) {
                if (time.value() != null) {
                    sheet.value(row, c, LocalDateTime.ofInstant(time.value(), ZoneOffset.UTC));
                    sheet.style(row, c).format("yyyy-mm-dd hh:mm:ss").set();
                }
            } else {
                throw new IllegalArgumentException("no XLSX cell for " + cell);
            }
        }
        if (row % FLUSH_EVERY == 0) {
            sheet.flush();
        }
    }

    @Override
    public void close() throws IOException {
        try (out) {
            sheet.setAutoFilter(0, 0, row, ExportRow.COLUMNS.size() - 1);
            sheet.finish();
            workbook.finish();
        }
    }
}
