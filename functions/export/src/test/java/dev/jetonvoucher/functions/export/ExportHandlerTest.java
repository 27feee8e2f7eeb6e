package dev.jetonvoucher.functions.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetonvoucher.analysis.DashboardAccess;
import dev.jetonvoucher.analysis.DashboardSessions;
import dev.jetonvoucher.export.ExportJob;
import dev.jetonvoucher.memory.InMemoryAttemptCounters;
import dev.jetonvoucher.memory.InMemoryExportJobStore;
import dev.jetonvoucher.memory.InMemoryExportQueue;
import dev.jetonvoucher.memory.InMemoryExportStorage;
import dev.jetonvoucher.memory.InMemoryPaymentStore;
import dev.jetonvoucher.memory.InMemorySessionStore;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.payment.Funds;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.project.InMemoryProjectDirectory;
import dev.jetonvoucher.project.ProjectFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exports as jobs, on the in-memory adapters: the export function starts a job, the worker's run (what
 * ExportWorkerFunction does with the queue's message) writes the file, and the job's JSON then carries a link that
 * downloads it. The same through the template's real wiring (DashboardSessionsTable, ExportQueue and a presigned link
 * to the export bucket on the local endpoint) is the sandbox's ExportTest; the presigned link itself is
 * S3ExportStorageTest's.
 */
class ExportHandlerTest {

    private static final long PROJECT = 3401;
    private static final long OTHER_PROJECT = 3402;
    private static final String SECRET = "export-handler-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.systemUTC();
    private static final InMemoryPaymentStore PAYMENTS = new InMemoryPaymentStore(CLOCK);
    private static final InMemoryExportJobStore JOBS = new InMemoryExportJobStore();
    private static final InMemoryExportQueue QUEUE = new InMemoryExportQueue();
    private static final InMemoryExportStorage STORAGE = new InMemoryExportStorage();
    private static ExportHandler handler;
    private static String session;
    private static String otherSession;

    @BeforeAll
    static void seed() {
        InMemoryProjectDirectory projects =
                new InMemoryProjectDirectory(ProjectFile.parse("""
                {"projects": [{"project_id": %d, "secret_key": "%s", "test": true, "currencies": ["EUR"],
                  "base_time_seconds": 10, "limit_time_seconds": 60, "balances": {}, "sandbox": {}},
                  {"project_id": %d, "secret_key": "%s-other", "test": true, "currencies": ["EUR"],
                  "base_time_seconds": 10, "limit_time_seconds": 60, "balances": {}, "sandbox": {}}]}
                """.formatted(PROJECT, SECRET, OTHER_PROJECT, SECRET)));
        DashboardSessions sessions =
                new DashboardSessions(projects, new InMemorySessionStore(), new InMemoryAttemptCounters(), CLOCK);
        handler = new ExportHandler(new DashboardAccess(sessions), JOBS, QUEUE, STORAGE, CLOCK);
        Instant start = Instant.parse("2026-02-20T00:00:00Z");
        for (int i = 0; i < 40; i++) {
            Instant created = start.plusSeconds(i * 600L);
            PAYMENTS.create(Payment.builder()
                    .key(new PaymentKey(PROJECT, "x-" + i))
                    .type(PaymentType.PURCHASE)
                    .status(PaymentStatus.SUCCESS)
                    .amount(Money.ofMinor(1_000 + i, "EUR"))
                    .customerId("c")
                    .customerIp("192.0.2.1")
                    .accountNumber("4619000000000000017")
                    .description("a fairly long description " + i)
                    .channel(Channel.GATE)
                    .requestId("req-" + i)
                    .operationId(1_000 + i)
                    .createdAt(created)
                    .updatedAt(created.plusSeconds(3))
                    .limitAt(created.plusSeconds(600))
                    .resultCode("0")
                    .resultMessage("Success")
                    .funds(Funds.NOT_APPLICABLE)
                    .providerPaymentId("JV-" + i)
                    .providerDate(created.plusSeconds(3))
                    .callbackState(CallbackState.DELIVERED)
                    .callbackAttempts(1)
                    .build());
        }
        session = sessions.issue(projects.find(PROJECT).orElseThrow());
        otherSession = sessions.issue(projects.find(OTHER_PROJECT).orElseThrow());
    }

    private static APIGatewayV2HTTPEvent get(String path, Map<String, String> query, List<String> cookies) {
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath(path)
                .withQueryStringParameters(query)
                .withCookies(cookies)
                .withHeaders(Map.of("host", "localhost"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("GET")
                                .withPath(path)
                                .build())
                        .build())
                .build();
    }

    private static APIGatewayV2HTTPResponse call(String path, Map<String, String> query, String sessionId) {
        return handler.handleRequest(get(path, query, List.of("jv_session=" + sessionId)), null);
    }

    /** Requests an export; answers the job id the browser is sent on with. */
    private static String request(String path, Map<String, String> query) {
        APIGatewayV2HTTPResponse started = call(path, query, session);
        assertEquals(303, started.getStatusCode(), started.getBody());
        String location = started.getHeaders().get("Location");
        assertTrue(location.startsWith("/dashboard/export?job="), location);
        return location.substring("/dashboard/export?job=".length());
    }

    /** What ExportWorkerFunction does: takes the job's message from the queue and runs it. */
    private static void runWorker(String jobId) {
        List<String> messages = QUEUE.take();
        assertTrue(messages.contains(jobId), "the job's message is on the export queue");
        for (String message : messages) {
            worker().run(message);
        }
    }

    private static ExportRun worker() {
        return new ExportRun(PAYMENTS, JOBS, STORAGE, CLOCK, ExportRun.PROGRESS_EVERY);
    }

    private static JsonNode status(String jobId, String sessionId) throws IOException {
        APIGatewayV2HTTPResponse json = call("/dashboard/export.json", Map.of("job", jobId), sessionId);
        assertEquals(200, json.getStatusCode(), json.getBody());
        assertEquals("application/json", json.getHeaders().get("Content-Type"));
        return JSON.readTree(json.getBody());
    }

    private static byte[] download(String url) {
        return STORAGE.follow(URI.create(url));
    }

    @Test
    void an_xlsx_export_is_a_job_whose_link_downloads_the_workbook() throws IOException {
        String job = request("/dashboard/export.xlsx", Map.of("from", "2026-02-20", "to", "2026-02-21"));
        JsonNode queued = status(job, session);
        assertEquals("queued", queued.path("status").asText());
        assertFalse(queued.has("download_url"));

        runWorker(job);

        JsonNode done = status(job, session);
        assertEquals("done", done.path("status").asText());
        assertEquals(40, done.path("rows").asLong());
        assertEquals(
                "jeton-voucher-3401-2026-02-20_2026-02-21.xlsx",
                done.path("file_name").asText());
        String link = done.path("download_url").asText();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download(link)))) {
            Sheet sheet = workbook.getSheet(XlsxExport.SHEET);
            assertEquals(40, sheet.getLastRowNum(), "the header and the 40 operations");
            Set<String> ids = new HashSet<>();
            for (int row = 1; row <= 40; row++) {
                ids.add(sheet.getRow(row).getCell(0).getStringCellValue());
                assertEquals(CellType.NUMERIC, sheet.getRow(row).getCell(7).getCellType());
            }
            assertEquals(40, ids.size());
            assertTrue(ids.contains("x-0") && ids.contains("x-39"));
        }
        APIGatewayV2HTTPResponse page = call("/dashboard/export", Map.of("job", job), session);
        assertEquals(200, page.getStatusCode());
        assertTrue(page.getBody().contains("id=\"export-download\""), page.getBody());
        assertFalse(page.getBody().contains("http-equiv=\"refresh\""), "a finished job's page stops reloading");
    }

    @Test
    void the_csv_holds_the_filters_rows_and_its_page_reloads_until_done() throws IOException {
        String job =
                request("/dashboard/export.csv", Map.of("from", "2026-02-20", "to", "2026-02-20", "payment_id", "x-7"));
        APIGatewayV2HTTPResponse waiting = call("/dashboard/export", Map.of("job", job), session);
        assertTrue(waiting.getBody().contains("http-equiv=\"refresh\""), "the progress page reloads itself");
        assertTrue(waiting.getBody().contains("data-status=\"queued\""));

        runWorker(job);

        String csv =
                new String(download(status(job, session).path("download_url").asText()), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\uFEFFPayment ID,Operation ID,"), csv);
        assertEquals(2, csv.split("\r\n").length, "the header and x-7: " + csv);
        assertTrue(csv.contains("x-7,1007,purchase,"), csv);
    }

    @Test
    void a_job_is_shown_only_to_its_own_project() throws IOException {
        String job = request("/dashboard/export.csv", Map.of("from", "2026-02-20", "to", "2026-02-21"));
        runWorker(job);
        assertEquals("done", status(job, session).path("status").asText());

        for (String path : List.of("/dashboard/export", "/dashboard/export.json")) {
            APIGatewayV2HTTPResponse other = call(path, Map.of("job", job), otherSession);
            assertEquals(404, other.getStatusCode(), "another project's session learns nothing of the job");
            assertFalse(other.getBody().contains("X-Amz"));
            assertEquals(404, call(path, Map.of("job", "no-such-job"), session).getStatusCode());
            assertEquals(404, call(path, Map.of(), session).getStatusCode());
        }
    }

    @Test
    void a_job_that_cannot_be_written_is_shown_as_failed() throws IOException {
        ExportJob broken = ExportJob.queued(
                "broken-" + System.nanoTime(),
                PROJECT,
                "pdf",
                "from=2026-02-20&to=2026-02-21",
                "broken.pdf",
                Instant.now());
        JOBS.create(broken);

        worker().run(broken.id());

        JsonNode failed = status(broken.id(), session);
        assertEquals("failed", failed.path("status").asText());
        assertEquals(ExportRun.FAILED, failed.path("error").asText());
        assertFalse(failed.has("download_url"));
        assertTrue(call("/dashboard/export", Map.of("job", broken.id()), session)
                .getBody()
                .contains(ExportRun.FAILED));
    }

    @Test
    void bad_filters_are_refused_before_any_job_starts() {
        APIGatewayV2HTTPResponse tooLong =
                call("/dashboard/export.csv", Map.of("from", "2026-01-01", "to", "2026-02-22"), session);
        assertEquals(400, tooLong.getStatusCode());
    }

    @Test
    void without_a_session_it_sends_to_sign_in_and_unknown_paths_are_not_found() {
        APIGatewayV2HTTPResponse anonymous = handler.handleRequest(get("/dashboard/export.xlsx", null, null), null);
        assertEquals(303, anonymous.getStatusCode());
        assertEquals("/dashboard/sign-in", anonymous.getHeaders().get("Location"));
        assertEquals(
                303,
                handler.handleRequest(get("/dashboard/export.json", Map.of("job", "x"), null), null)
                        .getStatusCode());
        assertEquals(
                303,
                handler.handleRequest(
                                get("/dashboard/export.csv", null, List.of("jv_session=v1.3401.9999999999.x")), null)
                        .getStatusCode());
        assertEquals(
                404,
                handler.handleRequest(get("/dashboard/export.pdf", null, List.of("jv_session=" + session)), null)
                        .getStatusCode());
    }
}
