package dev.jetonvoucher.functions.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The streaming XLSX writer, its files read back by Apache POI and by the JDK's XML parser, independently. */
class XlsxWriterTest {

    private static final List<String> HEADER = List.of("Text", "Amount", "Time");
    private static final int[] WIDTHS = {30, 12, 20};
    private static final String SPREADSHEET = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    interface Rows {
        void writeTo(XlsxWriter sheet) throws IOException;
    }

    private static byte[] workbook(List<String> header, int[] widths, Rows rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XlsxWriter sheet = new XlsxWriter(bytes, "Sheet", header, widths)) {
            rows.writeTo(sheet);
        }
        return bytes.toByteArray();
    }

    /** One text cell per row, in the first column. */
    private static byte[] texts(String... values) throws IOException {
        return workbook(HEADER, WIDTHS, sheet -> {
            for (String value : values) {
                sheet.startRow();
                sheet.text(value);
                sheet.endRow();
            }
        });
    }

    private static XSSFSheet read(byte[] xlsx) throws IOException {
        // XSSFWorkbook only needs closing for files; a workbook read from bytes holds nothing else
        return new XSSFWorkbook(new ByteArrayInputStream(xlsx)).getSheetAt(0);
    }

    private static String sheetXml(byte[] xlsx) throws IOException {
        return XlsxParts.of(xlsx).get(XlsxWriter.SHEET_PART);
    }

    @Test
    void every_part_is_well_formed_xml_and_the_content_types_name_them_all() throws Exception {
        byte[] xlsx = workbook(HEADER, WIDTHS, sheet -> {
            sheet.startRow();
            sheet.text("<&>\"' \u0000\u0007 \uD800 _x0041_");
            sheet.amount(1250, 2);
            sheet.time(Instant.parse("2026-03-01T10:00:05Z"));
            sheet.endRow();
        });
        Map<String, String> parts = XlsxParts.of(xlsx);
        assertEquals(
                List.of(
                        "[Content_Types].xml",
                        "_rels/.rels",
                        "xl/_rels/workbook.xml.rels",
                        XlsxWriter.SHEET_PART,
                        "xl/styles.xml",
                        "xl/workbook.xml"),
                List.copyOf(parts.keySet()));
        for (Map.Entry<String, String> part : parts.entrySet()) {
            Document document = XlsxParts.parse(part.getValue());
            assertTrue(
                    document.getDocumentElement().getNamespaceURI().startsWith("http://schemas.openxmlformats.org/"),
                    part.getKey());
        }
        NodeList overrides = XlsxParts.parse(parts.get("[Content_Types].xml")).getElementsByTagName("Override");
        List<String> declared = new ArrayList<>();
        for (int i = 0; i < overrides.getLength(); i++) {
            declared.add(((Element) overrides.item(i)).getAttribute("PartName").substring(1));
        }
        assertEquals(Set.of("xl/workbook.xml", XlsxWriter.SHEET_PART, "xl/styles.xml"), Set.copyOf(declared));
        Document sheet = XlsxParts.parse(parts.get(XlsxWriter.SHEET_PART));
        assertEquals(SPREADSHEET, sheet.getDocumentElement().getNamespaceURI());
        assertEquals(2, sheet.getElementsByTagNameNS(SPREADSHEET, "row").getLength());
        assertEquals(
                "<&>\"'   _x005F_x0041_",
                sheet.getElementsByTagNameNS(SPREADSHEET, "t").item(3).getTextContent(),
                "XML carries the text; what remains is Excel's escape of the underscore, for Excel to undo");
    }

    @Test
    void markup_characters_are_escaped_and_text_reads_back_as_written() throws IOException {
        List<String> values = List.of(
                "<&>\"'",
                "a & b < c > d \"e\" 'f'",
                "two\r\nlines\tand a tab",
                "ünïcödé € 🙂",
                "_x0041_ is literal text, not Excel's escape of A",
                "x_x00e9_y",
                "__x12_");
        byte[] xlsx = texts(values.toArray(String[]::new));
        XSSFSheet sheet = read(xlsx);
        for (int i = 0; i < values.size(); i++) {
            Cell cell = sheet.getRow(i + 1).getCell(0);
            assertEquals(CellType.STRING, cell.getCellType());
            assertEquals(values.get(i), cell.getStringCellValue());
        }
        String xml = sheetXml(xlsx);
        assertTrue(xml.contains("<t>&lt;&amp;&gt;&quot;&apos;</t>"), xml);
        assertTrue(xml.contains("two&#13;\nlines\tand a tab"), "CR as a reference: parsers turn a literal CR into LF");
        assertTrue(xml.contains("_x005F_x0041_ is literal"), xml);
    }

    @Test
    void text_that_a_spreadsheet_would_run_is_plain_text_never_a_formula() throws IOException {
        List<String> values =
                List.of("=1+1", "+31 20 555", "-2+3", "@SUM(A1:A9)", "=HYPERLINK(\"http://evil.example\")");
        byte[] xlsx = texts(values.toArray(String[]::new));
        XSSFSheet sheet = read(xlsx);
        for (int i = 0; i < values.size(); i++) {
            Cell cell = sheet.getRow(i + 1).getCell(0);
            assertEquals(CellType.STRING, cell.getCellType(), values.get(i));
            assertEquals(values.get(i), cell.getStringCellValue());
        }
        assertFalse(sheetXml(xlsx).contains("<f>"), "no formula element anywhere");
    }

    @Test
    void characters_xml_cannot_carry_are_dropped_and_the_rest_kept() throws Exception {
        String controls = IntStream.range(0, 0x20)
                .filter(c -> c != '\t' && c != '\n' && c != '\r')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        String dirty = "a" + controls + "b\uFFFEc\uFFFFd\uD800e\uDC00f\t\n\rg🙂\uDBFF";
        byte[] xlsx = texts(dirty, "\u0000\u0001", "\uDC00\uD800");
        XlsxParts.parse(sheetXml(xlsx));
        XSSFSheet sheet = read(xlsx);
        assertEquals("abcdef\t\n\rg🙂", sheet.getRow(1).getCell(0).getStringCellValue());
        assertNull(sheet.getRow(2).getCell(0), "nothing left to show: the cell stays empty");
        assertNull(sheet.getRow(3).getCell(0), "a low surrogate before a high one is no pair");
    }

    @Test
    void leading_and_trailing_white_space_is_preserved() throws IOException {
        List<String> values = List.of(" padded ", "trailing ", "\tleading tab", "line\n", "inner  spaces");
        byte[] xlsx = texts(values.toArray(String[]::new));
        XSSFSheet sheet = read(xlsx);
        for (int i = 0; i < values.size(); i++) {
            assertEquals(values.get(i), sheet.getRow(i + 1).getCell(0).getStringCellValue());
        }
        String xml = sheetXml(xlsx);
        assertTrue(xml.contains("<t xml:space=\"preserve\"> padded </t>"), xml);
        assertTrue(xml.contains("<t xml:space=\"preserve\">trailing </t>"), xml);
        assertTrue(xml.contains("<t>inner  spaces</t>"), "only where Excel would trim");
    }

    @Test
    void text_longer_than_excels_limit_is_cut_to_it() throws IOException {
        String tooLong = "x".repeat(40_000);
        String exactlyAtTheLimit = "y".repeat(XlsxWriter.MAX_TEXT_LENGTH);
        assertEquals("x".repeat(XlsxWriter.MAX_TEXT_LENGTH), XlsxWriter.cellText(tooLong));
        assertSame(exactlyAtTheLimit, XlsxWriter.cellText(exactlyAtTheLimit));
        String emoji = "🙂".repeat(20_000);
        String cut = XlsxWriter.cellText(emoji);
        assertEquals(XlsxWriter.MAX_TEXT_LENGTH - 1, cut.length(), "the limit falls inside a pair: the pair goes");
        assertEquals("🙂".repeat((XlsxWriter.MAX_TEXT_LENGTH - 1) / 2), cut);
        String droppedFirst = "\u0000".repeat(10) + "z".repeat(XlsxWriter.MAX_TEXT_LENGTH);
        assertEquals(
                "z".repeat(XlsxWriter.MAX_TEXT_LENGTH),
                XlsxWriter.cellText(droppedFirst),
                "the limit counts what is kept");

        XSSFSheet sheet = read(texts(tooLong, emoji));
        assertEquals(
                XlsxWriter.MAX_TEXT_LENGTH,
                sheet.getRow(1).getCell(0).getStringCellValue().length());
        assertEquals(cut, sheet.getRow(2).getCell(0).getStringCellValue());
    }

    @Test
    void columns_past_z_are_named_aa_ab_and_so_on_to_xfd() throws IOException {
        Map<Integer, String> names = Map.of(
                0, "A", 1, "B", 25, "Z", 26, "AA", 27, "AB", 51, "AZ", 52, "BA", 701, "ZZ", 702, "AAA", 16_383, "XFD");
        names.forEach((index, name) -> assertEquals(name, XlsxWriter.columnName(index), "column " + index));
        assertThrows(IllegalArgumentException.class, () -> XlsxWriter.columnName(XlsxWriter.MAX_COLUMNS));
        assertThrows(IllegalArgumentException.class, () -> XlsxWriter.columnName(-1));

        List<String> header = IntStream.range(0, 30).mapToObj(i -> "h" + i).toList();
        byte[] xlsx = workbook(header, IntStream.generate(() -> 10).limit(30).toArray(), sheet -> {
            sheet.startRow();
            for (int i = 0; i < 30; i++) {
                sheet.text("v" + i);
            }
            sheet.endRow();
        });
        XSSFSheet sheet = read(xlsx);
        for (int i = 0; i < 30; i++) {
            assertEquals("h" + i, sheet.getRow(0).getCell(i).getStringCellValue());
            assertEquals("v" + i, sheet.getRow(1).getCell(i).getStringCellValue());
        }
        assertEquals("A1:AD2", sheet.getCTWorksheet().getAutoFilter().getRef());
        assertTrue(sheetXml(xlsx).contains("<c r=\"AD2\" t=\"inlineStr\"><is><t>v29</t></is></c>"));
    }

    @Test
    void amounts_are_the_exact_decimals_of_their_minor_units() throws IOException {
        long[][] amounts = {{1250, 2}, {500, 0}, {10_001, 3}, {-1, 2}, {1, 4}, {Long.MAX_VALUE, 2}, {0, 3}};
        List<String> expected = List.of("12.50", "500", "10.001", "-0.01", "0.0001", "92233720368547758.07", "0.000");
        List<String> formats = List.of("0.00", "0", "0.000", "0.00", "0.0000", "0.00", "0.000");
        byte[] xlsx = workbook(HEADER, WIDTHS, sheet -> {
            for (long[] amount : amounts) {
                sheet.startRow();
                sheet.text(null);
                sheet.amount(amount[0], (int) amount[1]);
                sheet.endRow();
            }
        });
        String xml = sheetXml(xlsx);
        XSSFSheet sheet = read(xlsx);
        for (int i = 0; i < amounts.length; i++) {
            assertTrue(xml.contains("<v>" + expected.get(i) + "</v>"), expected.get(i));
            Cell cell = sheet.getRow(i + 1).getCell(1);
            assertEquals(CellType.NUMERIC, cell.getCellType());
            assertEquals(new BigDecimal(expected.get(i)).doubleValue(), cell.getNumericCellValue());
            assertEquals(formats.get(i), cell.getCellStyle().getDataFormatString());
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> workbook(HEADER, WIDTHS, s -> {
                    s.startRow();
                    s.text(null);
                    s.amount(1, -1);
                }));
    }

    @Test
    void times_are_date_cells_in_utc_to_the_millisecond() throws IOException {
        byte[] xlsx = workbook(HEADER, WIDTHS, sheet -> {
            sheet.startRow();
            sheet.text(null);
            sheet.amount(0, 0);
            sheet.time(Instant.parse("2026-03-01T10:00:05.123Z"));
            sheet.endRow();
            sheet.startRow();
            sheet.text(null);
            sheet.amount(0, 0);
            sheet.time(Instant.parse("1970-01-01T00:00:00Z"));
            sheet.endRow();
        });
        XSSFSheet sheet = read(xlsx);
        Cell time = sheet.getRow(1).getCell(2);
        assertTrue(DateUtil.isCellDateFormatted(time));
        assertEquals("yyyy-mm-dd hh:mm:ss", time.getCellStyle().getDataFormatString());
        assertEquals(LocalDateTime.parse("2026-03-01T10:00:05.123"), time.getLocalDateTimeCellValue());
        assertEquals(25_569, sheet.getRow(2).getCell(2).getNumericCellValue(), "Excel's number of 1970-01-01");
    }

    @Test
    void the_header_is_bold_frozen_and_filtered_with_the_column_widths() throws IOException {
        byte[] xlsx = texts("one", "two");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertEquals(1, workbook.getNumberOfSheets());
            assertEquals("Sheet", workbook.getSheetName(0));
            XSSFSheet sheet = workbook.getSheetAt(0);
            assertEquals(
                    HEADER,
                    List.of(
                            sheet.getRow(0).getCell(0).getStringCellValue(),
                            sheet.getRow(0).getCell(1).getStringCellValue(),
                            sheet.getRow(0).getCell(2).getStringCellValue()));
            assertTrue(
                    workbook.getFontAt(sheet.getRow(0).getCell(0).getCellStyle().getFontIndex())
                            .getBold());
            assertFalse(
                    workbook.getFontAt(sheet.getRow(1).getCell(0).getCellStyle().getFontIndex())
                            .getBold());
            assertTrue(sheet.getPaneInformation().isFreezePane());
            assertEquals(1, sheet.getPaneInformation().getHorizontalSplitTopRow());
            assertEquals(30 * 256, sheet.getColumnWidth(0));
            assertEquals(20 * 256, sheet.getColumnWidth(2));
            assertEquals("A1:C3", sheet.getCTWorksheet().getAutoFilter().getRef());
            assertEquals(
                    "'Sheet'!$A$1:$C$3",
                    workbook.getName("_xlnm._FilterDatabase").getRefersToFormula());
        }
    }

    @Test
    void cells_go_into_an_open_row_and_no_further_than_the_header() throws IOException {
        XlsxWriter sheet = new XlsxWriter(OutputStream.nullOutputStream(), "Sheet", HEADER, WIDTHS);
        assertThrows(IllegalStateException.class, () -> sheet.text("no row"));
        sheet.startRow();
        assertThrows(IllegalStateException.class, sheet::startRow);
        sheet.text("a");
        sheet.amount(1, 2);
        sheet.time(null);
        assertThrows(IllegalStateException.class, () -> sheet.text("a fourth column"));
        sheet.close();
        assertThrows(
                IllegalArgumentException.class,
                () -> new XlsxWriter(OutputStream.nullOutputStream(), "a/b", HEADER, WIDTHS));
        assertThrows(
                IllegalArgumentException.class,
                () -> new XlsxWriter(OutputStream.nullOutputStream(), "Sheet", HEADER, new int[2]));
    }

    @Test
    void a_sheet_holds_at_most_excels_row_count() throws IOException {
        try (XlsxWriter sheet =
                new XlsxWriter(OutputStream.nullOutputStream(), "Sheet", List.of("Only"), new int[] {10})) {
            for (int row = 2; row <= XlsxWriter.MAX_ROWS; row++) {
                sheet.startRow();
                sheet.endRow();
            }
            assertThrows(IllegalStateException.class, sheet::startRow);
        }
    }
}
