package dev.jetonvoucher.functions.export;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A one-sheet XLSX workbook (Office Open XML SpreadsheetML) written as it goes, without a library: an XLSX file is
 * a zip of a few XML parts. The fixed parts come first, then the sheet row by row straight into the deflater, and
 * at {@link #close()} the parts that depend on what was written (the amount formats met, the filter's range).
 * Nothing of the sheet is kept, so memory is the same for ten rows or a million.
 *
 * <p>The sheet has a bold header row that stays in view (frozen), fixed column widths and a filter over its rows.
 * A row is {@link #startRow()}, one call per column from the first ({@link #text}, {@link #amount}, {@link #time};
 * null leaves the cell empty), then {@link #endRow()}.
 *
 * <p>Cells are inline strings or numbers, never formulas: text that a spreadsheet would evaluate ({@code =1+1},
 * {@code @SUM(A1)}) is shown as written. Text is made safe to carry: characters XML 1.0 cannot hold (control
 * characters other than tab, LF and CR, lone surrogates, U+FFFE, U+FFFF) are dropped rather than make the file
 * unreadable, and text longer than Excel's {@value #MAX_TEXT_LENGTH} characters per cell is cut to that length
 * (Excel reports a longer one as damaged content).
 */
final class XlsxWriter implements Closeable {

    /** Excel's limit of characters (UTF-16 code units) in one cell. */
    static final int MAX_TEXT_LENGTH = 32_767;
    /** Excel's limits of a sheet: rows 1 to 1,048,576 and columns A to XFD. */
    static final int MAX_ROWS = 1_048_576;

    static final int MAX_COLUMNS = 16_384;

    static final String SHEET_PART = "xl/worksheets/sheet1.xml";
    private static final String SPREADSHEET_NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String PACKAGE_RELATIONSHIPS_NAMESPACE =
            "http://schemas.openxmlformats.org/package/2006/relationships";
    private static final String OFFICE_RELATIONSHIPS =
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

    private static final String CONTENT_TYPES =
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\""
                    + " ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                    + "<Override PartName=\"/" + SHEET_PART + "\""
                    + " ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                    + "<Override PartName=\"/xl/styles.xml\""
                    + " ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                    + "</Types>";
    private static final String PACKAGE_RELATIONSHIPS =
            "<Relationships xmlns=\"" + PACKAGE_RELATIONSHIPS_NAMESPACE + "\">"
                    + "<Relationship Id=\"rId1\" Type=\"" + OFFICE_RELATIONSHIPS
                    + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
                    + "</Relationships>";
    private static final String WORKBOOK_RELATIONSHIPS =
            "<Relationships xmlns=\"" + PACKAGE_RELATIONSHIPS_NAMESPACE + "\">"
                    + "<Relationship Id=\"rId1\" Type=\"" + OFFICE_RELATIONSHIPS
                    + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                    + "<Relationship Id=\"rId2\" Type=\"" + OFFICE_RELATIONSHIPS + "/styles\" Target=\"styles.xml\"/>"
                    + "</Relationships>";
    /** Excel's defaults, which it writes into every sheet it saves. */
    private static final String PAGE_MARGINS =
            "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>";

    /** Indexes into the stylesheet's cellXfs; amount styles follow, one per number of decimals met. */
    private static final int HEADER_STYLE = 1;

    private static final int TIME_STYLE = 2;
    private static final int FIRST_AMOUNT_STYLE = 3;
    private static final String TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";
    /** Number formats Excel has built in (by id); any other needs an id from 164 on, declared in the stylesheet. */
    private static final Map<String, Integer> BUILT_IN_FORMATS = Map.of("0", 1, "0.00", 2);

    private static final int FIRST_CUSTOM_FORMAT = 164;
    /**
     * Excel's 1900 date system counts 1900-01-01 as day 1 and has a 29 February 1900 that never was, so from March
     * 1900 on a date's number is its days since 1899-12-30. (Payments are all far later.)
     */
    private static final long EXCEL_DAY_ZERO = LocalDate.of(1899, 12, 30).toEpochDay();

    private static final double MILLIS_PER_DAY = 86_400_000d;

    private final ZipOutputStream zip;
    private final Writer xml;
    private final String sheetName;
    private final String[] columnNames;
    /** Number of decimals → cellXfs index, in the order first met. */
    private final Map<Integer, Integer> amountStyles = new LinkedHashMap<>();

    private int rows;
    private String rowNumber;
    /** The column the next cell goes to; -1 while no row is open. */
    private int column = -1;

    private boolean closed;

    /**
     * Writes the workbook's fixed parts and the header row.
     *
     * @param columnWidths in characters, one per header column
     */
    XlsxWriter(OutputStream out, String sheetName, List<String> header, int[] columnWidths) throws IOException {
        requireValidSheetName(sheetName);
        if (header.isEmpty() || header.size() > MAX_COLUMNS || header.size() != columnWidths.length) {
            throw new IllegalArgumentException("1 to " + MAX_COLUMNS + " columns, each with a width; got "
                    + header.size() + " headers and " + columnWidths.length + " widths");
        }
        this.sheetName = sheetName;
        this.columnNames = new String[header.size()];
        for (int i = 0; i < columnNames.length; i++) {
            columnNames[i] = columnName(i);
        }
        this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        this.xml = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8), 16 * 1024);
        writePart("[Content_Types].xml", CONTENT_TYPES);
        writePart("_rels/.rels", PACKAGE_RELATIONSHIPS);
        writePart("xl/_rels/workbook.xml.rels", WORKBOOK_RELATIONSHIPS);
        startPart(SHEET_PART);
        xml.write("<worksheet xmlns=\"" + SPREADSHEET_NAMESPACE + "\">");
        xml.write("<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\">"
                + "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                + "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>");
        xml.write("<sheetFormatPr defaultRowHeight=\"15\"/><cols>");
        for (int i = 0; i < columnWidths.length; i++) {
            xml.write("<col min=\"" + (i + 1) + "\" max=\"" + (i + 1) + "\" width=\"" + columnWidths[i]
                    + "\" customWidth=\"1\"/>");
        }
        xml.write("</cols><sheetData>\n");
        startRow();
        for (String title : header) {
            textCell(nextColumn(), title, HEADER_STYLE);
        }
        endRow();
    }

    void startRow() throws IOException {
        if (column >= 0) {
            throw new IllegalStateException("row " + rows + " is not ended");
        }
        if (rows == MAX_ROWS) {
            throw new IllegalStateException("a sheet holds at most " + MAX_ROWS + " rows");
        }
        rows++;
        rowNumber = Integer.toString(rows);
        column = 0;
        xml.write("<row r=\"");
        xml.write(rowNumber);
        xml.write("\">");
    }

    void endRow() throws IOException {
        requireOpenRow();
        xml.write("</row>\n");
        column = -1;
    }

    /** A text cell; null or text with nothing XML can carry leaves it empty. */
    void text(String value) throws IOException {
        int at = nextColumn();
        if (value != null) {
            textCell(at, value, 0);
        }
    }

    /**
     * An amount as a number shown with its currency's decimals. The value is the exact decimal of the minor units
     * ({@code 1250} with 2 decimals is {@code 12.50}), never a binary fraction on the way.
     */
    void amount(long minorUnits, int fractionDigits) throws IOException {
        if (fractionDigits < 0) {
            throw new IllegalArgumentException("negative number of decimals: " + fractionDigits);
        }
        int at = nextColumn();
        numberCell(at, BigDecimal.valueOf(minorUnits, fractionDigits).toPlainString(), amountStyle(fractionDigits));
    }

    /** A date and time cell in UTC, to the millisecond; null leaves it empty. */
    void time(Instant instant) throws IOException {
        int at = nextColumn();
        if (instant != null) {
            numberCell(at, excelSerial(instant), TIME_STYLE);
        }
    }

    /** Ends the sheet, writes the stylesheet and the workbook, and closes the stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (column >= 0) {
                endRow();
            }
            String lastColumn = columnNames[columnNames.length - 1];
            xml.write("</sheetData><autoFilter ref=\"A1:" + lastColumn + rows + "\"/>" + PAGE_MARGINS + "</worksheet>");
            endPart();
            writePart("xl/styles.xml", styles());
            writePart("xl/workbook.xml", workbook("$A$1:$" + lastColumn + "$" + rows));
            zip.finish();
        } finally {
            xml.close();
        }
    }

    /** The column's letters as in a cell reference: A to Z, then AA, AB … ZZ, AAA … XFD. */
    static String columnName(int index) {
        if (index < 0 || index >= MAX_COLUMNS) {
            throw new IllegalArgumentException("no column " + index + " in a sheet of " + MAX_COLUMNS);
        }
        StringBuilder letters = new StringBuilder(3);
        // Bijective base 26: there is no zero digit, Z is followed by AA.
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            letters.append((char) ('A' + (n - 1) % 26));
        }
        return letters.reverse().toString();
    }

    /**
     * The text as a cell can hold it: characters XML 1.0 cannot carry dropped, then cut to
     * {@value #MAX_TEXT_LENGTH} characters without splitting a surrogate pair.
     */
    static String cellText(String value) {
        if (value.length() <= MAX_TEXT_LENGTH && isAllXmlCharacters(value)) {
            return value;
        }
        StringBuilder kept = new StringBuilder(Math.min(value.length(), MAX_TEXT_LENGTH));
        for (int i = 0; i < value.length(); ) {
            int units = isSurrogatePairAt(value, i) ? 2 : 1;
            if (units == 2 || isXmlCharacter(value.charAt(i))) {
                if (kept.length() + units > MAX_TEXT_LENGTH) {
                    break;
                }
                kept.append(value, i, i + units);
            }
            i += units;
        }
        return kept.toString();
    }

    private static boolean isAllXmlCharacters(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (isSurrogatePairAt(value, i)) {
                i++;
            } else if (!isXmlCharacter(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSurrogatePairAt(String value, int i) {
        return Character.isHighSurrogate(value.charAt(i))
                && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1));
    }

    /** XML 1.0's Char production for one UTF-16 unit; a surrogate alone is never one. */
    private static boolean isXmlCharacter(char c) {
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
    }

    private void textCell(int at, String value, int style) throws IOException {
        String text = cellText(value);
        if (text.isEmpty()) {
            return;
        }
        startCell(at, style);
        xml.write(" t=\"inlineStr\"><is><t");
        // Excel trims leading and trailing white space of a text unless told to keep it.
        if (isXmlSpace(text.charAt(0)) || isXmlSpace(text.charAt(text.length() - 1))) {
            xml.write(" xml:space=\"preserve\"");
        }
        xml.write('>');
        writeEscaped(text);
        xml.write("</t></is></c>");
    }

    private void numberCell(int at, String value, int style) throws IOException {
        startCell(at, style);
        xml.write("><v>");
        xml.write(value);
        xml.write("</v></c>");
    }

    private void startCell(int at, int style) throws IOException {
        xml.write("<c r=\"");
        xml.write(columnNames[at]);
        xml.write(rowNumber);
        xml.write('"');
        if (style != 0) {
            xml.write(" s=\"");
            xml.write(Integer.toString(style));
            xml.write('"');
        }
    }

    private int nextColumn() {
        requireOpenRow();
        if (column == columnNames.length) {
            throw new IllegalStateException("row " + rows + " has only " + columnNames.length + " columns");
        }
        return column++;
    }

    private void requireOpenRow() {
        if (column < 0) {
            throw new IllegalStateException("no row is open: startRow() first");
        }
    }

    private static boolean isXmlSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /**
     * Escapes the five XML special characters; CR as a character reference, which XML parsers do not turn into LF;
     * and the {@code _} of text that looks like Excel's own escape {@code _xHHHH_}, which Excel would otherwise read
     * as the character HHHH.
     */
    private void writeEscaped(String text) throws IOException {
        int plainFrom = 0;
        for (int i = 0; i < text.length(); i++) {
            String escaped = switch (text.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                case '\r' -> "&#13;";
                case '_' -> looksLikeExcelEscape(text, i) ? "_x005F_" : null;
                default -> null;
            };
            if (escaped != null) {
                xml.write(text, plainFrom, i - plainFrom);
                xml.write(escaped);
                plainFrom = i + 1;
            }
        }
        xml.write(text, plainFrom, text.length() - plainFrom);
    }

    private static boolean looksLikeExcelEscape(String text, int underscore) {
        if (underscore + 7 > text.length()
                || text.charAt(underscore + 1) != 'x'
                || text.charAt(underscore + 6) != '_') {
            return false;
        }
        for (int i = underscore + 2; i < underscore + 6; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private int amountStyle(int fractionDigits) {
        return amountStyles.computeIfAbsent(fractionDigits, digits -> FIRST_AMOUNT_STYLE + amountStyles.size());
    }

    private static String amountFormat(int fractionDigits) {
        return fractionDigits == 0 ? "0" : "0." + "0".repeat(fractionDigits);
    }

    /** Days since Excel's day zero, the time of day as the fraction: how Excel stores a date. */
    private static String excelSerial(Instant instant) {
        long epochDay = Math.floorDiv(instant.getEpochSecond(), 86_400);
        long millisOfDay = Math.floorMod(instant.getEpochSecond(), 86_400) * 1_000L + instant.getNano() / 1_000_000;
        double serial = (epochDay - EXCEL_DAY_ZERO) + millisOfDay / MILLIS_PER_DAY;
        return BigDecimal.valueOf(serial).toPlainString();
    }

    private String styles() {
        StringBuilder formats = new StringBuilder(
                "<numFmt numFmtId=\"" + FIRST_CUSTOM_FORMAT + "\" formatCode=\"" + TIME_FORMAT + "\"/>");
        StringBuilder amountXfs = new StringBuilder();
        int formatCount = 1;
        int nextCustomFormat = FIRST_CUSTOM_FORMAT + 1;
        for (int fractionDigits : amountStyles.keySet()) {
            String code = amountFormat(fractionDigits);
            Integer id = BUILT_IN_FORMATS.get(code);
            if (id == null) {
                id = nextCustomFormat++;
                formats.append("<numFmt numFmtId=\"")
                        .append(id)
                        .append("\" formatCode=\"")
                        .append(code)
                        .append("\"/>");
                formatCount++;
            }
            amountXfs
                    .append("<xf numFmtId=\"")
                    .append(id)
                    .append("\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>");
        }
        return "<styleSheet xmlns=\"" + SPREADSHEET_NAMESPACE + "\">"
                + "<numFmts count=\"" + formatCount + "\">" + formats + "</numFmts>"
                + "<fonts count=\"2\">"
                + "<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
                + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
                + "</fonts>"
                // The first two fills are reserved by Excel, whatever the cells use.
                + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
                + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
                + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
                + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
                + "<cellXfs count=\"" + (FIRST_AMOUNT_STYLE + amountStyles.size()) + "\">"
                + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
                + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
                + "<xf numFmtId=\"" + FIRST_CUSTOM_FORMAT
                + "\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
                + amountXfs
                + "</cellXfs>"
                + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
                + "</styleSheet>";
    }

    /** The workbook, with the filter's range as Excel records it: a hidden name local to the sheet. */
    private String workbook(String filterRange) {
        String quotedSheet = "'" + sheetName.replace("'", "''") + "'";
        return "<workbook xmlns=\"" + SPREADSHEET_NAMESPACE + "\" xmlns:r=\"" + OFFICE_RELATIONSHIPS + "\">"
                + "<bookViews><workbookView activeTab=\"0\"/></bookViews>"
                + "<sheets><sheet name=\"" + escapeMarkup(sheetName) + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
                + "<definedNames><definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">"
                + escapeMarkup(quotedSheet + "!" + filterRange) + "</definedName></definedNames>"
                + "</workbook>";
    }

    /** For the sheet name, which {@link #requireValidSheetName} keeps free of control characters. */
    private static String escapeMarkup(String value) {
        return value.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&apos;");
    }

    /** Excel's rules: 1 to 31 characters, none of {@code [ ] : * ? / \}, no apostrophe first or last. */
    private static void requireValidSheetName(String name) {
        boolean valid = !name.isEmpty()
                && name.length() <= 31
                && name.charAt(0) != '\''
                && name.charAt(name.length() - 1) != '\''
                && name.chars()
                        .noneMatch(c -> "[]:*?/\\".indexOf(c) >= 0
                                || Character.isISOControl(c)
                                || Character.isSurrogate((char) c)
                                || c >= 0xFFFE);
        if (!valid) {
            throw new IllegalArgumentException("not a valid sheet name: " + name);
        }
    }

    private void writePart(String name, String content) throws IOException {
        startPart(name);
        xml.write(content);
        endPart();
    }

    private void startPart(String name) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        xml.write(XML_DECLARATION);
    }

    /** Flushes first: what the writer still buffers belongs to this part, not the next. */
    private void endPart() throws IOException {
        xml.flush();
        zip.closeEntry();
    }
}
