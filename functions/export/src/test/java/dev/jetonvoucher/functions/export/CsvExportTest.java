package dev.jetonvoucher.functions.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jetonvoucher.money.Money;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CsvExportTest {

    @Test
    void quotes_only_what_rfc4180_requires() {
        assertEquals("plain", CsvExport.field("plain"));
        assertEquals("", CsvExport.field(null));
        assertEquals("\"a,b\"", CsvExport.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvExport.field("say \"hi\""));
        assertEquals("\"two\r\nlines\"", CsvExport.field("two\r\nlines"));
        assertEquals("\"lf\nonly\"", CsvExport.field("lf\nonly"));
        assertEquals("ünïcödé €", CsvExport.field("ünïcödé €"));
    }

    @Test
    void prefixes_what_a_spreadsheet_would_run_as_a_formula() {
        assertEquals("'=1+1", CsvExport.field("=1+1"));
        assertEquals("'+31 20 555", CsvExport.field("+31 20 555"));
        assertEquals("'-5", CsvExport.field("-5"));
        assertEquals("'@SUM(A1)", CsvExport.field("@SUM(A1)"));
        assertEquals("'\tTAB", CsvExport.field("\tTAB"));
        assertEquals("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"", CsvExport.field("=HYPERLINK(\"x\",\"y\")"));
        assertEquals("a=1", CsvExport.field("a=1"), "only the first character counts");
    }

    @Test
    void writes_a_bom_the_header_and_one_crlf_record_per_row() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CsvExport csv = new CsvExport(bytes)) {
            csv.write(new ExportRow(
                    "order-1",
                    17_000_000_000_001L,
                    "purchase",
                    "sale",
                    "success",
                    Instant.parse("2026-03-01T10:00:00Z"),
                    Instant.parse("2026-03-01T10:00:05.999Z"),
                    Money.ofMinor(1250, "EUR"),
                    "0",
                    "Success",
                    "***************0017",
                    "JV-1",
                    "Shoes, size 42"));
            csv.write(new ExportRow(
                    "order-2",
                    17_000_000_000_002L,
                    "payout",
                    "payout",
                    "processing",
                    Instant.parse("2026-03-01T11:00:00Z"),
                    null,
                    Money.ofMinor(500, "JPY"),
                    null,
                    null,
                    null,
                    null,
                    null));
        }
        assertEquals(
                "\uFEFFPayment ID,Operation ID,Payment type,Operation type,Status,Created (UTC),Completed (UTC),"
                        + "Amount,Currency,Code,Message,Account,Provider payment ID,Description\r\n"
                        + "order-1,17000000000001,purchase,sale,success,2026-03-01 10:00:00,2026-03-01 10:00:05,12.50,EUR,0,"
                        + "Success,***************0017,JV-1,\"Shoes, size 42\"\r\n"
                        + "order-2,17000000000002,payout,payout,processing,2026-03-01 11:00:00,,500,JPY,,,,,\r\n",
                bytes.toString(StandardCharsets.UTF_8));
    }
}
