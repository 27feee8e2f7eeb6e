package dev.jetonvoucher.functions.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.money.Money;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class XlsxExportTest {

    private static ExportRow row(String id, Money amount, Instant completed, String description) {
        return new ExportRow(id, 1, "purchase", "sale", completed == null ? "processing" : "success",
                Instant.parse("2026-03-01T10:00:00Z"), completed, amount, completed == null ? null : "0",
                completed == null ? null : "Success", "***************0017", null, description);
    }

    @Test
    void amountsAreNumbersWithTheirCurrencysDecimalsAndTimesAreDates() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XlsxExport xlsx = new XlsxExport(bytes)) {
            xlsx.write(row("eur", Money.ofMinor(1250, "EUR"), Instant.parse("2026-03-01T10:00:05Z"), "=1+1"));
            xlsx.write(row("jpy", Money.ofMinor(500, "JPY"), null, "plain"));
            xlsx.write(row("kwd", Money.ofMinor(10_001, "KWD"), Instant.parse("2026-03-01T10:00:05Z"), null));
        }
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()))) {
            XSSFSheet sheet = workbook.getSheet(XlsxExport.SHEET);
            Row header = sheet.getRow(0);
            assertEquals(ExportRow.HEADERS.size(), header.getLastCellNum());
            assertEquals("Payment ID", header.getCell(0).getStringCellValue());
            assertTrue(workbook.getFontAt(header.getCell(0).getCellStyle().getFontIndex()).getBold());
            assertEquals(12.50, sheet.getRow(1).getCell(7).getNumericCellValue());
            assertEquals("0.00", sheet.getRow(1).getCell(7).getCellStyle().getDataFormatString());
            assertEquals(500, sheet.getRow(2).getCell(7).getNumericCellValue());
            assertEquals("0", sheet.getRow(2).getCell(7).getCellStyle().getDataFormatString());
            assertEquals(10.001, sheet.getRow(3).getCell(7).getNumericCellValue());
            assertEquals("0.000", sheet.getRow(3).getCell(7).getCellStyle().getDataFormatString());
            assertTrue(DateUtil.isCellDateFormatted(sheet.getRow(1).getCell(5)));
            assertEquals(LocalDateTime.parse("2026-03-01T10:00:05"), sheet.getRow(1).getCell(6).getLocalDateTimeCellValue());
            assertNull(sheet.getRow(2).getCell(6), "a processing operation has no completion time");
            assertEquals(CellType.STRING, sheet.getRow(1).getCell(13).getCellType(), "text, never a formula");
            assertEquals("=1+1", sheet.getRow(1).getCell(13).getStringCellValue());
            assertEquals("A1:N4", sheet.getCTWorksheet().getAutoFilter().getRef());
        }
    }

    @Test
    void aBodyOverItsLimitStopsTheExport() {
        BoundedOutputStream bounded = new BoundedOutputStream(4_000);
        assertThrows(BoundedOutputStream.TooLargeException.class, () -> {
            try (XlsxExport xlsx = new XlsxExport(bounded)) {
                for (int i = 0; i < 500; i++) {
                    xlsx.write(row("order-" + i, Money.ofMinor(1_000 + i, "EUR"), null, "description " + i));
                }
            }
        });
    }
}
