package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.model.VoucherNumbers;
import dev.jetonvoucher.payment.Payment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CSV and XLSX exports as the dashboard runs them, jobs of the export worker on the sandbox's queue and bucket:
 * requested, followed on their progress page until done, downloaded through their presigned link to the local
 * endpoint, and read back with an RFC 4180 parser and with POI against the data they came from.
 */
class ExportTest {

    static final long F = 3301;
    static final long G = 3302;
    static final String SECRET_F = "export-secret-f";
    static final String SECRET_G = "export-secret-g";
    static final Instant START = Instant.parse("2026-02-20T00:00:00Z");
    static final Instant END = START.plus(Duration.ofDays(3));
    static final String PERIOD = "from=2026-02-20&to=2026-02-22";
    static final List<String> HEADERS = List.of(
            "Payment ID",
            "Operation ID",
            "Payment type",
            "Operation type",
            "Status",
            "Created (UTC)",
            "Completed (UTC)",
            "Amount",
            "Currency",
            "Code",
            "Message",
            "Account",
            "Provider payment ID",
            "Description");
    /** Descriptions a customer could choose: formulas, separators, quotes, line breaks, non-ASCII. */
    static final String[] DESCRIPTIONS = {
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+1 (555) 0100",
        "-2+3",
        "@SUM(A1:A9)",
        "a, b and \"c\"",
        "two\r\nlines",
        "ünïcödé € 🙂",
        "plain order"
    };

    static final PaymentStatus[] OUTCOMES = {
        PaymentStatus.SUCCESS,
        PaymentStatus.DECLINE,
        PaymentStatus.PROCESSING,
        PaymentStatus.SUCCESS,
        PaymentStatus.ERROR
    };
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    static final Duration WAIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    static SandboxHarness sandbox;
    static PaymentHistory history;

    @BeforeAll
    static void seed() {
        sandbox = new SandboxHarness(
                SandboxHarness.project(F, SECRET_F, true), SandboxHarness.project(G, SECRET_G, true));
        history = new PaymentHistory(sandbox.payments());
        history.seed(
                150,
                i -> PaymentHistory.payment(
                        F,
                        "f-" + i,
                        i % 3 == 1 ? PaymentType.PAYOUT : PaymentType.PURCHASE,
                        START.plus(Duration.ofMinutes(i * 37L)),
                        i % 3 == 1 && OUTCOMES[i % 5] == PaymentStatus.SUCCESS
                                ? PaymentStatus.DECLINE
                                : OUTCOMES[i % 5],
                        1_005 + i * 1_001L,
                        DESCRIPTIONS[i % DESCRIPTIONS.length]));
        history.seed(
                20,
                i -> PaymentHistory.payment(
                        G,
                        "g-" + i,
                        PaymentType.PURCHASE,
                        START.plus(Duration.ofMinutes(i * 41L)),
                        PaymentStatus.SUCCESS,
                        9_999,
                        "other project"));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static DashboardClient signedIn() {
        return signedIn(F, SECRET_F);
    }

    static DashboardClient signedIn(long projectId, String secret) {
        DashboardClient browser = new DashboardClient(sandbox.runtime.baseUrl());
        assertEquals(303, browser.signIn(projectId, secret).status());
        return browser;
    }

    /** Requests an export as the dashboard's link does; answers the job's progress path the browser is sent to. */
    static String request(DashboardClient browser, String pathAndQuery) {
        DashboardClient.Response started = browser.get(pathAndQuery);
        assertEquals(303, started.status(), started::text);
        String location = started.header("location");
        assertTrue(location.startsWith("/dashboard/export?job="), location);
        return location;
    }

    /** Follows the job's JSON until the worker has finished it (the export worker runs on the sandbox's queue). */
    static JsonNode awaitFinished(DashboardClient browser, String progress) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            DashboardClient.Response json =
                    browser.get(progress.replace("/dashboard/export?", "/dashboard/export.json?"));
            assertEquals(200, json.status(), json::text);
            JsonNode job = JSON.readTree(json.body());
            String status = job.path("status").asText();
            if (status.equals("done") || status.equals("failed")) {
                return job;
            }
            assertTrue(status.equals("queued") || status.equals("running"), status);
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the export is still " + status + " after " + WAIT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /** The whole journey: request, progress until done, then the file through its presigned link. */
    static DashboardClient.Response export(DashboardClient browser, String pathAndQuery)
            throws IOException, InterruptedException {
        JsonNode job = awaitFinished(browser, request(browser, pathAndQuery));
        assertEquals("done", job.path("status").asText(), job::toString);
        DashboardClient.Response file =
                browser.getElsewhere(job.path("download_url").asText());
        assertEquals(200, file.status(), file::text);
        return file;
    }

    /** The values the accountant must find, as text; the CSV additionally neutralises formula-like text. */
    static List<String> expectedRow(Payment p) {
        List<String> row = new ArrayList<>();
        row.add(p.key().paymentId());
        row.add(Long.toString(p.operationId()));
        row.add(p.type().wire());
        row.add(p.operationType().wire());
        row.add(p.status().wire());
        row.add(TIME.format(p.createdAt()));
        row.add(p.isFinal() ? TIME.format(p.updatedAt()) : "");
        row.add(p.amount().toMajorString());
        row.add("EUR");
        row.add(p.resultCode() == null ? "" : p.resultCode());
        row.add(p.resultMessage() == null ? "" : p.resultMessage());
        row.add(p.accountNumber() == null ? "" : VoucherNumbers.mask(p.accountNumber()));
        row.add(p.providerPaymentId() == null ? "" : p.providerPaymentId());
        row.add(p.description());
        return row;
    }

    static List<List<String>> expectedRows(Predicate<Payment> filter, boolean neutraliseFormulas) {
        return history.expected(F, START, END, filter).stream()
                .map(p -> {
                    List<String> row = expectedRow(p);
                    String description = row.get(13);
                    if (neutraliseFormulas && "=+-@\t\r".indexOf(description.charAt(0)) >= 0) {
                        row.set(13, "'" + description);
                    }
                    return row;
                })
                .toList();
    }

    @Test
    void the_csv_holds_the_periods_operations_as_the_accountant_expects() throws Exception {
        DashboardClient.Response csv = export(signedIn(), "/dashboard/export.csv?" + PERIOD);
        assertEquals(200, csv.status(), csv::text);
        assertEquals("text/csv; charset=utf-8", csv.header("content-type"));
        assertEquals(
                "attachment; filename=\"jeton-voucher-" + F + "-2026-02-20_2026-02-22.csv\"",
                csv.header("content-disposition"));
        String text = csv.text();
        assertTrue(text.startsWith("\uFEFF"), "a byte order mark, for Excel");
        List<List<String>> records = Rfc4180.parse(text.substring(1));
        assertEquals(HEADERS, records.get(0));
        assertEquals(expectedRows(p -> true, true), records.subList(1, records.size()));
        assertTrue(records.size() > 100);
        assertTrue(
                text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""), "quoted and neutralised");
        assertTrue(text.contains(",'+1 (555) 0100\r\n")
                && text.contains(",'-2+3\r\n")
                && text.contains(",'@SUM(A1:A9)\r\n"));
        assertFalse(text.contains(PaymentHistory.VOUCHER), "voucher numbers only by their last four digits");
        assertFalse(text.contains("g-1") || text.contains("other project"), "nothing of another project");
    }

    @Test
    void the_xlsx_holds_the_same_rows_with_numbers_and_dates_as_such() throws Exception {
        DashboardClient.Response xlsx = export(signedIn(), "/dashboard/export.xlsx?" + PERIOD);
        assertEquals(200, xlsx.status(), xlsx::text);
        assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.header("content-type"));
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = workbook.getSheet("Operations");
            List<List<String>> rows = new ArrayList<>();
            for (Row row : sheet) {
                List<String> values = new ArrayList<>();
                for (int column = 0; column < HEADERS.size(); column++) {
                    values.add(text(row.getCell(column), row.getRowNum() > 0 && column == 7));
                }
                rows.add(values);
            }
            assertEquals(HEADERS, rows.get(0));
            assertEquals(expectedRows(p -> true, false), rows.subList(1, rows.size()), "text cells are never formulas");
            Row first = sheet.getRow(1);
            assertEquals(CellType.NUMERIC, first.getCell(7).getCellType());
            assertEquals("0.00", first.getCell(7).getCellStyle().getDataFormatString());
            assertTrue(DateUtil.isCellDateFormatted(first.getCell(5)));
            assertEquals(1, sheet.getPaneInformation().getHorizontalSplitTopRow(), "the header row stays in view");
        }
    }

    /** A cell as the accountant reads it; dates in the export's format, amounts with two decimals. */
    static String text(Cell cell, boolean amount) {
        if (cell == null) {
            return "";
        }
        if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            LocalDateTime time = cell.getLocalDateTimeCellValue();
            return TIME.format(time.toInstant(ZoneOffset.UTC));
        }
        if (cell.getCellType() == CellType.NUMERIC) {
            return amount
                    ? BigDecimal.valueOf(cell.getNumericCellValue()).setScale(2).toPlainString()
                    : BigDecimal.valueOf(cell.getNumericCellValue()).toPlainString();
        }
        return cell.getStringCellValue();
    }

    @Test
    void the_dashboards_filters_apply_to_the_exports() throws Exception {
        DashboardClient browser = signedIn();
        List<List<String>> declinedPayouts =
                Rfc4180.parse(export(browser, "/dashboard/export.csv?" + PERIOD + "&status=decline&type=payout")
                        .text()
                        .substring(1));
        assertEquals(
                expectedRows(p -> p.status() == PaymentStatus.DECLINE && p.type() == PaymentType.PAYOUT, true),
                declinedPayouts.subList(1, declinedPayouts.size()));
        assertTrue(declinedPayouts.size() > 10);
        assertEquals(
                400,
                browser.get("/dashboard/export.csv?from=2026-01-01&to=2026-02-22")
                        .status(),
                "over 31 days");
    }

    @Test
    void the_progress_page_leads_to_the_link_and_another_project_sees_nothing_of_the_job() throws Exception {
        DashboardClient browser = signedIn();
        String progress = request(browser, "/dashboard/export.xlsx?" + PERIOD);
        JsonNode done = awaitFinished(browser, progress);
        assertEquals(
                history.expected(F, START, END, p -> true).size(),
                done.path("rows").asLong());

        DashboardClient.Response page = browser.get(progress);
        assertEquals(200, page.status());
        assertTrue(page.text().contains("data-status=\"done\""), page::text);
        assertTrue(page.text().contains("id=\"export-download\""), "the page links the file");

        DashboardClient other = signedIn(G, SECRET_G);
        assertEquals(404, other.get(progress).status(), "project G's session cannot see F's job");
        assertEquals(
                404,
                other.get(progress.replace("/dashboard/export?", "/dashboard/export.json?"))
                        .status());
        assertEquals(
                303,
                new DashboardClient(sandbox.runtime.baseUrl()).get(progress).status(),
                "no session: sign in");
    }

    /** RFC 4180: records end with CRLF; a field in double quotes may hold commas, CR, LF and doubled quotes. */
    static final class Rfc4180 {

        static List<List<String>> parse(String text) {
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '"' && field.isEmpty()) {
                    i++;
                    while (true) {
                        char q = text.charAt(i++);
                        if (q == '"' && i < text.length() && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else if (q == '"') {
                            break;
                        } else {
                            field.append(q);
                        }
                    }
                } else if (c == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                    i++;
                } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    record.add(field.toString());
                    field.setLength(0);
                    records.add(record);
                    record = new ArrayList<>();
                    i += 2;
                } else if (c == '"' || c == '\r' || c == '\n') {
                    throw new AssertionError("not RFC 4180: unquoted " + (int) c + " at " + i);
                } else {
                    field.append(c);
                    i++;
                }
            }
            if (!field.isEmpty() || !record.isEmpty()) {
                throw new AssertionError("the last record does not end with CRLF");
            }
            return records;
        }
    }
}
