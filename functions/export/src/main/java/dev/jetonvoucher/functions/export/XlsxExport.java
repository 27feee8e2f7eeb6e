package dev.jetonvoucher.functions.export;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * An XLSX workbook written with POI's streaming SXSSF: only the last {@link #ROWS_IN_MEMORY} rows stay in memory,
 * older ones go to a compressed temporary file, so a month of operations never sits in memory as cells. Amounts are
 * numbers with their currency's decimals and times are date cells (UTC), so the accountant can sum and sort them.
 */
final class XlsxExport implements ExportFormat.RowWriter {

    static final String SHEET = "Operations";
    private static final int ROWS_IN_MEMORY = 100;
    private static final int[] COLUMN_WIDTHS = {28, 20, 12, 12, 11, 20, 20, 12, 9, 8, 30, 22, 26, 36};

    private final OutputStream out;
    private final SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
    private final SXSSFSheet sheet;
    private final CellStyle timeStyle;
    private final Map<Integer, CellStyle> amountStyles = new HashMap<>();
    private int rows;

    XlsxExport(OutputStream out) {
        this.out = out;
        workbook.setCompressTempFiles(true);
        sheet = workbook.createSheet(SHEET);
        timeStyle = workbook.createCellStyle();
        timeStyle.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
        CellStyle headerStyle = workbook.createCellStyle();
        Font bold = workbook.createFont();
        bold.setBold(true);
        headerStyle.setFont(bold);
        Row header = sheet.createRow(rows++);
        for (int column = 0; column < ExportRow.HEADERS.size(); column++) {
            Cell cell = header.createCell(column);
            cell.setCellValue(ExportRow.HEADERS.get(column));
            cell.setCellStyle(headerStyle);
            sheet.setColumnWidth(column, COLUMN_WIDTHS[column] * 256);
        }
        sheet.createFreezePane(0, 1);
    }

    @Override
    public void write(ExportRow row) {
        Row cells = sheet.createRow(rows++);
        int column = 0;
        text(cells, column++, row.paymentId());
        text(cells, column++, Long.toString(row.operationId()));
        text(cells, column++, row.paymentType());
        text(cells, column++, row.operationType());
        text(cells, column++, row.status());
        time(cells, column++, row.createdAt());
        time(cells, column++, row.completedAt());
        Cell amount = cells.createCell(column++);
        // Exact in the double: amounts have at most 3 decimals and far fewer than 15 significant digits.
        amount.setCellValue(new BigDecimal(row.amount().toMajorString()).doubleValue());
        amount.setCellStyle(amountStyle(row.amount().currency().fractionDigits()));
        text(cells, column++, row.amount().currency().code());
        text(cells, column++, row.code());
        text(cells, column++, row.message());
        text(cells, column++, row.account());
        text(cells, column++, row.providerPaymentId());
        text(cells, column, row.description());
    }

    /** Writes the workbook to the stream and deletes the temporary files. */
    @Override
    public void close() throws IOException {
        try {
            sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, rows - 1), 0, ExportRow.HEADERS.size() - 1));
            workbook.write(out);
            out.close();
        } finally {
            workbook.dispose();
            workbook.close();
        }
    }

    /** Text cells are never formulas in XLSX, so they need no CSV-style neutralising. */
    private static void text(Row row, int column, String value) {
        if (value != null) {
            row.createCell(column).setCellValue(value);
        }
    }

    private void time(Row row, int column, Instant instant) {
        if (instant != null) {
            Cell cell = row.createCell(column);
            cell.setCellValue(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
            cell.setCellStyle(timeStyle);
        }
    }

    private CellStyle amountStyle(int fractionDigits) {
        return amountStyles.computeIfAbsent(fractionDigits, digits -> {
            CellStyle style = workbook.createCellStyle();
            style.setDataFormat(workbook.createDataFormat().getFormat(digits == 0 ? "0" : "0." + "0".repeat(digits)));
            return style;
        });
    }
}
