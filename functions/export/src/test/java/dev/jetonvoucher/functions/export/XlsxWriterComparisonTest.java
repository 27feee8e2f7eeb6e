package dev.jetonvoucher.functions.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jetonvoucher.money.Money;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 §8: the export's own {@link XlsxWriter} and org.dhatim:fastexcel ({@link FastexcelXlsxExport}) write
 * the same workbook as Apache POI reads it — every cell's type, value, number format and boldness, the filter,
 * the frozen header and the widths. The sizes and speeds of the two are in BENCHMARKS.md.
 */
class XlsxWriterComparisonTest {

    static List<ExportRow> rows() {
        List<String> descriptions = List.of(
                "=1+1",
                "@SUM(A1)",
                "<tag> & \"quotes\" 'apostrophe'",
                "_x0041_ stays",
                "  spaces around  ",
                "line\nbreak\r\nand\ttab",
                "control\u0001\u001F dropped",
                "emoji \uD83D\uDCB6",
                "кириллица",
                "");
        List<Money> amounts = List.of(
                Money.ofMinor(1250, "EUR"),
                Money.ofMinor(500, "JPY"),
                Money.ofMinor(10_001, "KWD"),
                Money.ofMinor(123_456_789_012L, "EUR"),
                Money.ofMinor(1, "EUR"),
                Money.ofMinor(9_876_543_210_987L, "KWD"),
                Money.ofMinor(0, "USD"));
        List<ExportRow> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Instant completed =
                    i % 4 == 0 ? null : Instant.parse("2026-03-01T10:00:05Z").plusSeconds(i * 3_601L);
            rows.add(new ExportRow(
                    "order-" + i,
                    i,
                    "purchase",
                    "sale",
                    completed == null ? "processing" : "success",
                    Instant.parse("2026-03-01T10:00:00Z").plusMillis(i * 1_234L),
                    completed,
                    amounts.get(i % amounts.size()),
                    completed == null ? null : "0",
                    completed == null ? null : "Success",
                    "***************0017",
                    null,
                    i % 5 == 0 ? null : descriptions.get(i % descriptions.size())));
        }
        return rows;
    }

    @Test
    void poi_reads_the_same_cells_and_formats_from_both_writers() throws IOException {
        ByteArrayOutputStream own = new ByteArrayOutputStream();
        ByteArrayOutputStream fastexcel = new ByteArrayOutputStream();
        try (XlsxExport a = new XlsxExport(own);
                FastexcelXlsxExport b = new FastexcelXlsxExport(fastexcel)) {
            for (ExportRow row : rows()) {
                a.write(row);
                b.write(row);
            }
        }
        List<String> ownCells = describe(own.toByteArray());
        List<String> fastexcelCells = describe(fastexcel.toByteArray());
        assertEquals(ownCells.size(), fastexcelCells.size());
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < ownCells.size(); i++) {
            if (!ownCells.get(i).equals(fastexcelCells.get(i))) {
                differences.add(ownCells.get(i) + " | " + fastexcelCells.get(i));
            }
        }
        // The one difference: fastexcel leaves text that looks like Excel's _xHHHH_ escape as it is, so Excel and
        // POI read "_x0041_" as "A"; XlsxWriter escapes its underscore (_x005F_) and the text reads as written.
        assertEquals(
                List.of(
                        "N5 STRING [_x0041_ stays] format General bold false | N5 STRING [A stays] format General bold false",
                        "N15 STRING [_x0041_ stays] format General bold false | N15 STRING [A stays] format General bold false",
                        "N25 STRING [_x0041_ stays] format General bold false | N25 STRING [A stays] format General bold false"),
                differences);
    }

    /** The workbook as POI sees it, one line per non-empty cell plus the sheet's layout. */
    private static List<String> describe(byte[] xlsx) throws IOException {
        List<String> lines = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            XSSFSheet sheet = workbook.getSheet(XlsxExport.SHEET);
            lines.add("sheets " + workbook.getNumberOfSheets() + ", filter "
                    + sheet.getCTWorksheet().getAutoFilter().getRef()
                    + ", frozen rows " + sheet.getPaneInformation().getHorizontalSplitTopRow()
                    + ", last row " + sheet.getLastRowNum());
            for (int c = 0; c < ExportRow.COLUMNS.size(); c++) {
                lines.add("width " + c + " " + sheet.getColumnWidth(c));
            }
            for (Row row : sheet) {
                for (Cell cell : row) {
                    String value = switch (cell.getCellType()) {
                        case STRING -> cell.getStringCellValue();
                        case NUMERIC -> Double.toString(cell.getNumericCellValue());
                        default -> cell.getCellType().toString();
                    };
                    if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING && value.isEmpty()) {
                        continue;
                    }
                    lines.add(cell.getAddress() + " " + cell.getCellType() + " [" + value + "] format "
                            + cell.getCellStyle().getDataFormatString() + " bold "
                            + workbook.getFontAt(cell.getCellStyle().getFontIndex())
                                    .getBold());
                }
            }
        }
        return lines;
    }
}
