package dev.jetonvoucher.functions.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.money.Money;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import javax.xml.parsers.SAXParserFactory;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

class XlsxExportTest {

    private static ExportRow row(String id, Money amount, Instant completed, String description) {
        return new ExportRow(
                id,
                1,
                "purchase",
                "sale",
                completed == null ? "processing" : "success",
                Instant.parse("2026-03-01T10:00:00Z"),
                completed,
                amount,
                completed == null ? null : "0",
                completed == null ? null : "Success",
                "***************0017",
                null,
                description);
    }

    @Test
    void amounts_are_numbers_with_their_currencys_decimals_and_times_are_dates() throws IOException {
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
            assertTrue(workbook.getFontAt(header.getCell(0).getCellStyle().getFontIndex())
                    .getBold());
            assertEquals(12.50, sheet.getRow(1).getCell(7).getNumericCellValue());
            assertEquals("0.00", sheet.getRow(1).getCell(7).getCellStyle().getDataFormatString());
            assertEquals(500, sheet.getRow(2).getCell(7).getNumericCellValue());
            assertEquals("0", sheet.getRow(2).getCell(7).getCellStyle().getDataFormatString());
            assertEquals(10.001, sheet.getRow(3).getCell(7).getNumericCellValue());
            assertEquals("0.000", sheet.getRow(3).getCell(7).getCellStyle().getDataFormatString());
            assertTrue(DateUtil.isCellDateFormatted(sheet.getRow(1).getCell(5)));
            assertEquals(
                    LocalDateTime.parse("2026-03-01T10:00:05"),
                    sheet.getRow(1).getCell(6).getLocalDateTimeCellValue());
            assertNull(sheet.getRow(2).getCell(6), "a processing operation has no completion time");
            assertEquals(CellType.STRING, sheet.getRow(1).getCell(13).getCellType(), "text, never a formula");
            assertEquals("=1+1", sheet.getRow(1).getCell(13).getStringCellValue());
            assertEquals("A1:N4", sheet.getCTWorksheet().getAutoFilter().getRef());
            assertEquals(XlsxExport.SHEET, workbook.getSheetName(0));
            List<String> headers = new ArrayList<>();
            header.forEach(cell -> headers.add(cell.getStringCellValue()));
            assertEquals(ExportRow.HEADERS, headers);
            assertEquals(1, sheet.getPaneInformation().getHorizontalSplitTopRow(), "the header row stays in view");
            assertEquals(28 * 256, sheet.getColumnWidth(0));
            assertEquals(36 * 256, sheet.getColumnWidth(13));
            assertEquals(CellType.STRING, sheet.getRow(1).getCell(1).getCellType(), "ids are text, not numbers");
        }
    }

    @Test
    void amounts_are_exact_for_currencies_with_zero_two_and_three_decimals() throws IOException {
        List<Money> amounts = List.of(
                Money.ofMinor(123_456_789, "JPY"),
                Money.ofMinor(123_456_789_012L, "EUR"),
                Money.ofMinor(1, "EUR"),
                Money.ofMinor(9_876_543_210_987L, "KWD"),
                Money.ofMinor(5, "KWD"));
        List<String> written = List.of("123456789", "1234567890.12", "0.01", "9876543210.987", "0.005");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XlsxExport xlsx = new XlsxExport(bytes)) {
            for (Money amount : amounts) {
                xlsx.write(row(amount.currency().code(), amount, null, null));
            }
        }
        String sheetXml = XlsxParts.of(bytes.toByteArray()).get(XlsxWriter.SHEET_PART);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()))) {
            XSSFSheet sheet = workbook.getSheet(XlsxExport.SHEET);
            for (int i = 0; i < amounts.size(); i++) {
                String major = written.get(i);
                assertTrue(
                        sheetXml.contains("<c r=\"H" + (i + 2) + "\" s=\"")
                                && sheetXml.contains("<v>" + major + "</v>"),
                        "the decimal of the minor units, digit for digit: " + major);
                Cell amount = sheet.getRow(i + 1).getCell(7);
                assertEquals(CellType.NUMERIC, amount.getCellType());
                assertEquals(new BigDecimal(major).doubleValue(), amount.getNumericCellValue(), major);
                assertEquals(
                        0, new BigDecimal(major).compareTo(BigDecimal.valueOf(amount.getNumericCellValue())), major);
                assertEquals(
                        amounts.get(i).currency().code(),
                        sheet.getRow(i + 1).getCell(8).getStringCellValue());
            }
        }
    }

    /**
     * A hundred thousand rows go through to the stream as they are written: nearly all of the file has left
     * before close, so the writer holds none of the sheet (what it would need memory for). The file is then read
     * with a streaming SAX parser, which holds none of it either.
     */
    @Test
    void a_hundred_thousand_rows_stream_through_the_writer(@TempDir Path directory) throws Exception {
        int rows = 100_000;
        Path file = directory.resolve("large.xlsx");
        long bytesBeforeClose;
        try (CountingOutputStream out =
                new CountingOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            XlsxExport xlsx = new XlsxExport(out);
            for (int i = 0; i < rows; i++) {
                xlsx.write(row(
                        "order-" + i,
                        Money.ofMinor(1_000L + i, "EUR"),
                        Instant.parse("2026-03-01T10:00:05Z"),
                        "description of order " + i + " <&>"));
            }
            bytesBeforeClose = out.count;
            xlsx.close();
            long bytes = Files.size(file);
            assertTrue(bytesBeforeClose > bytes * 9 / 10, bytesBeforeClose + " of " + bytes + " bytes before close");
        }

        int[] rowsRead = {0};
        String[] lastRow = {null};
        String[] filter = {null};
        try (ZipFile zip = new ZipFile(file.toFile());
                InputStream sheet = zip.getInputStream(zip.getEntry(XlsxWriter.SHEET_PART))) {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.newSAXParser().parse(sheet, new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    if (localName.equals("row")) {
                        rowsRead[0]++;
                        lastRow[0] = attributes.getValue("r");
                    } else if (localName.equals("autoFilter")) {
                        filter[0] = attributes.getValue("ref");
                    }
                }
            });
        }
        assertEquals(rows + 1, rowsRead[0], "the header and every row");
        assertEquals(Integer.toString(rows + 1), lastRow[0]);
        assertEquals("A1:N" + (rows + 1), filter[0]);
    }

    private static final class CountingOutputStream extends FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
