package dev.jetonvoucher.functions.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetonvoucher.analysis.DashboardSessions;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.local.FunctionDef;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.local.TemplateResources;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.payment.Funds;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The export function as Lambda runs it, on the template's tables on the local endpoint. */
class ExportHandlerTest {

    private static final long PROJECT = 3401;
    private static final String SECRET = "export-handler-secret";
    private static Wiring wiring;
    private static String session;

    @BeforeAll
    static void deploy() throws IOException {
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        LocalAwsEndpoint endpoint = LocalAwsEndpoint.shared();
        TemplateResources.Deployed deployed = TemplateResources.create(template, endpoint, TemplateResources.uniquePrefix("export"));
        FunctionDef function = template.functions().stream().filter(f -> f.logicalId().equals("ExportFunction")).findFirst()
                .orElseThrow();
        Path projects = Files.createTempFile("projects", ".json");
        projects.toFile().deleteOnExit();
        Files.writeString(projects, """
                {"projects": [{"project_id": %d, "secret_key": "%s", "test": true, "currencies": ["EUR"],
                  "base_time_seconds": 10, "limit_time_seconds": 60, "balances": {}, "sandbox": {}}]}
                """.formatted(PROJECT, SECRET));
        Map<String, String> environment = new HashMap<>(deployed.localEnvironmentFor(function, Map.of(
                "ProviderSigningKey", "p".repeat(32), "VoucherTransitKey", VoucherTransitCipher.newKey()), endpoint));
        environment.put("PROJECTS_FILE", projects.toString());
        wiring = Wiring.of(environment, Clock.systemUTC());
        Instant start = Instant.parse("2026-02-20T00:00:00Z");
        for (int i = 0; i < 40; i++) {
            Instant created = start.plusSeconds(i * 600L);
            wiring.payments().create(Payment.builder()
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
        session = new DashboardSessions(wiring.projects(), wiring.sessions(), wiring.signInAttempts(), Clock.systemUTC())
                .issue(wiring.projects().find(PROJECT).orElseThrow());
    }

    private static APIGatewayV2HTTPEvent get(String path, Map<String, String> query, List<String> cookies) {
        return APIGatewayV2HTTPEvent.builder().withRawPath(path).withQueryStringParameters(query).withCookies(cookies)
                .withHeaders(Map.of("host", "localhost")).withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath(path).build())
                        .build()).build();
    }

    @Test
    void anExportLargerThanAResponseCanCarryIsRefusedClearly() {
        Map<String, String> period = Map.of("from", "2026-02-20", "to", "2026-02-21");
        APIGatewayV2HTTPResponse small = new ExportHandler(wiring, 2_000)
                .handleRequest(get("/dashboard/export.csv", period, List.of("jv_session=" + session)), null);
        assertEquals(413, small.getStatusCode());
        assertTrue(small.getBody().startsWith("This export is larger than a download can be (1 KiB)."), small.getBody());

        APIGatewayV2HTTPResponse fits = new ExportHandler(wiring)
                .handleRequest(get("/dashboard/export.csv", period, List.of("jv_session=" + session)), null);
        assertEquals(200, fits.getStatusCode());
        assertTrue(fits.getIsBase64Encoded());
    }

    @Test
    void theXlsxDownloadIsAWorkbookOfThePeriodsOperations() throws IOException {
        Map<String, String> period = Map.of("from", "2026-02-20", "to", "2026-02-21");
        APIGatewayV2HTTPResponse xlsx = new ExportHandler(wiring)
                .handleRequest(get("/dashboard/export.xlsx", period, List.of("jv_session=" + session)), null);
        assertEquals(200, xlsx.getStatusCode(), xlsx.getBody());
        assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.getHeaders().get("Content-Type"));
        assertTrue(xlsx.getIsBase64Encoded());
        byte[] file = Base64.getDecoder().decode(xlsx.getBody());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file))) {
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

        APIGatewayV2HTTPResponse tooLarge = new ExportHandler(wiring, 2_000)
                .handleRequest(get("/dashboard/export.xlsx", period, List.of("jv_session=" + session)), null);
        assertEquals(413, tooLarge.getStatusCode());
    }

    @Test
    void withoutASessionItSendsToSignInAndUnknownPathsAreNotFound() {
        ExportHandler handler = new ExportHandler(wiring);
        APIGatewayV2HTTPResponse anonymous = handler.handleRequest(get("/dashboard/export.xlsx", null, null), null);
        assertEquals(303, anonymous.getStatusCode());
        assertEquals("/dashboard/sign-in", anonymous.getHeaders().get("Location"));
        assertEquals(303, handler.handleRequest(get("/dashboard/export.csv", null, List.of("jv_session=v1.3401.9999999999.x")),
                null).getStatusCode());
        assertEquals(404, handler.handleRequest(get("/dashboard/export.pdf", null, List.of("jv_session=" + session)), null)
                .getStatusCode());
    }
}
