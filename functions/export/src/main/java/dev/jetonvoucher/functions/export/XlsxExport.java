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
    private static final int[] COLUMN_WIDTHS = {28, 20, 12, 12, 11, 20, 20, 12, 9, 8, 30, 22, 26, 36};

    private final XlsxWriter sheet;

    XlsxExport(OutputStream out) throws IOException {
        sheet = new XlsxWriter(out, SHEET, ExportRow.HEADERS, COLUMN_WIDTHS);
    }

    @Override
    public void write(ExportRow row) throws IOException {
        sheet.startRow();
        sheet.text(row.paymentId());
        sheet.text(Long.toString(row.operationId()));
        sheet.text(row.paymentType());
        sheet.text(row.operationType());
        sheet.text(row.status());
        sheet.time(row.createdAt());
        sheet.time(row.completedAt());
        sheet.amount(row.amount().minorUnits(), row.amount().currency().fractionDigits());
        sheet.text(row.amount().currency().code());
        sheet.text(row.code());
        sheet.text(row.message());
        sheet.text(row.account());
        sheet.text(row.providerPaymentId());
        sheet.text(row.description());
        sheet.endRow();
    }

    /** Completes the workbook and closes the stream. */
    @Override
    public void close() throws IOException {
        sheet.close();
    }
}
