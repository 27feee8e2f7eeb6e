package dev.jetonvoucher.browsertests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.payment.Payment;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The merchant dashboard in headless Chromium: sign-in, overview, filters, paging, details, exports, sign-out. */
@ExtendWith(Chromium.Installed.class)
class DashboardBrowserTest {

    private static DashboardSandbox sandbox;
    private static Chromium chromium;
    private static Payment withCallbacks;

    @BeforeAll
    static void start() {
        sandbox = new DashboardSandbox();
        sandbox.seedWeek();
        withCallbacks = mine().filter(p -> p.status() == PaymentStatus.SUCCESS && p.type() == PaymentType.PURCHASE)
                .skip(3)
                .findFirst()
                .orElseThrow();
        sandbox.addCallbackHistory(withCallbacks);
        chromium = new Chromium();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @BeforeEach
    void signedOut() {
        chromium.driver.get(sandbox.runtime.baseUrl() + "/dashboard/sign-in");
        chromium.driver.manage().deleteAllCookies();
        chromium.driver.manage().window().setSize(new Dimension(1366, 1000));
    }

    private static Stream<Payment> mine() {
        return sandbox.seeded.stream()
                .filter(p -> p.key().projectId() == DashboardSandbox.PROJECT)
                .sorted(Comparator.comparing(Payment::createdAt));
    }

    private void signIn(String secret) {
        chromium.driver.get(sandbox.runtime.baseUrl() + "/dashboard");
        chromium.waiting(Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/dashboard/sign-in"));
        chromium.driver.findElement(By.id("project_id")).sendKeys(Long.toString(DashboardSandbox.PROJECT));
        chromium.driver.findElement(By.id("secret_key")).sendKeys(secret);
        chromium.driver.findElement(By.id("sign-in")).click();
    }

    private List<String> listedPaymentIds() {
        return chromium.driver.findElements(By.cssSelector("#payments td a")).stream()
                .map(WebElement::getText)
                .toList();
    }

    @Test
    void signing_in_with_the_projects_secret_key_opens_the_dashboard() {
        signIn("not the secret");
        WebElement error = chromium.waiting(Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")));
        assertEquals("The project ID or the secret key is not right.", error.getText());
        chromium.screenshot("dashboard-sign-in-refused");

        signIn(DashboardSandbox.SECRET);
        chromium.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("payments")));
        assertEquals(
                Long.toString(DashboardSandbox.PROJECT),
                chromium.driver.findElement(By.id("project")).getText());
        Cookie session = chromium.driver.manage().getCookieNamed("jv_session");
        assertTrue(session.isHttpOnly());
        assertEquals("Strict", session.getSameSite());
        assertEquals("/dashboard", session.getPath());
        assertFalse(
                String.valueOf(chromium.driver.executeScript("return document.cookie"))
                        .contains("jv_session"),
                "no script can read the session");
        // The page's only style is nonce'd; that it applies shows the CSP lets exactly it through.
        assertEquals(
                "rgba(20, 33, 61, 1)",
                chromium.driver.findElement(By.tagName("header")).getCssValue("background-color"));
    }

    @Test
    void the_overview_shows_the_weeks_totals_chart_balance_and_payments() {
        signIn(DashboardSandbox.SECRET);
        chromium.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("payments")));
        List<Payment> week = mine().toList();
        assertEquals(
                Integer.toString(week.size()),
                chromium.driver.findElement(By.id("total-count")).getText());
        for (PaymentStatus status : PaymentStatus.values()) {
            long count = week.stream().filter(p -> p.status() == status).count();
            assertEquals(
                    Long.toString(count),
                    chromium.driver
                            .findElement(By.cssSelector("#total-" + status.wire() + " td:nth-child(2)"))
                            .getText(),
                    status.wire());
        }
        long dayStatusPairs = week.stream()
                .map(p -> p.createdAt().atZone(ZoneOffset.UTC).toLocalDate() + "/" + p.status())
                .distinct()
                .count();
        assertEquals(
                dayStatusPairs,
                chromium.driver
                        .findElements(By.cssSelector("svg.chart rect.bar"))
                        .size());
        assertEquals(week.stream().limit(50).map(p -> p.key().paymentId()).toList(), listedPaymentIds());
        String balances = chromium.driver.findElement(By.id("balances")).getText();
        assertTrue(balances.contains("EUR") && balances.contains("USD"), balances);
        String page = chromium.driver.getPageSource();
        assertFalse(page.contains("other-0001"), "nothing of another project");
        assertFalse(page.contains(DashboardSandbox.VOUCHER), "voucher numbers only by their last four digits");
        chromium.driver.manage().window().setSize(new Dimension(1366, 2300));
        chromium.screenshot("dashboard-overview");
    }

    @Test
    void filters_narrow_the_list_and_the_totals_and_pages_continue_it() {
        signIn(DashboardSandbox.SECRET);
        chromium.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("payments")));
        new Select(chromium.driver.findElement(By.id("status"))).selectByValue("decline");
        chromium.driver.findElement(By.id("apply")).click();
        chromium.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("status=decline"));
        List<String> declined = mine().filter(p -> p.status() == PaymentStatus.DECLINE)
                .map(p -> p.key().paymentId())
                .toList();
        assertEquals(declined, listedPaymentIds());
        assertEquals(
                Integer.toString(declined.size()),
                chromium.driver.findElement(By.id("total-count")).getText());
        assertTrue(chromium.driver.findElements(By.cssSelector("#payments .badge")).stream()
                .allMatch(badge -> badge.getText().equals("decline")));

        chromium.driver.get(sandbox.runtime.baseUrl() + "/dashboard");
        chromium.driver.findElement(By.id("next-page")).click();
        chromium.waiting(Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("first-page")));
        assertEquals(mine().skip(50).limit(50).map(p -> p.key().paymentId()).toList(), listedPaymentIds());
    }

    @Test
    void a_payments_page_shows_its_operation_callback_attempts_and_late_results() {
        signIn(DashboardSandbox.SECRET);
        chromium.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("payments")));
        chromium.driver
                .findElement(By.linkText(withCallbacks.key().paymentId()))
                .click();
        chromium.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("callbacks")));
        assertTrue(chromium.driver
                .findElement(By.id("operation"))
                .getText()
                .contains(Long.toString(withCallbacks.operationId())));
        List<String> attempts = chromium.driver.findElements(By.cssSelector("#callbacks tr")).stream()
                .skip(1)
                .map(WebElement::getText)
                .toList();
        assertEquals(3, attempts.size(), attempts::toString);
        assertTrue(
                attempts.get(0).contains("500")
                        && attempts.get(1).contains("no response")
                        && attempts.get(1).contains("connection refused")
                        && attempts.get(2).contains("200"),
                attempts::toString);
        assertTrue(chromium.driver
                .findElement(By.id("late-results"))
                .getText()
                .contains("conflicting, payment already success"));
        assertTrue(chromium.driver.findElement(By.id("payment")).getText().contains("***************0017"));
        chromium.driver.manage().window().setSize(new Dimension(1366, 1300));
        chromium.screenshot("dashboard-payment-details");
        chromium.driver.findElement(By.id("back")).click();
        chromium.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("payments")));
    }

    @Test
    void the_export_buttons_lead_through_the_jobs_page_to_the_week_as_csv_and_xlsx() throws IOException {
        signIn(DashboardSandbox.SECRET);
        chromium.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("payments")));
        int rows = (int) mine().count();

        chromium.driver.findElement(By.id("export-csv")).click();
        awaitDownloadLink().click();
        Path csv = downloaded(".csv");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(rows + 1, lines.size(), "a header and one line per operation");
        assertTrue(lines.get(0).startsWith("\uFEFFPayment ID,Operation ID,"));

        chromium.driver.navigate().back();
        chromium.waiting(Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("export-xlsx")));
        chromium.driver.findElement(By.id("export-xlsx")).click();
        awaitDownloadLink().click();
        Path xlsx = downloaded(".xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new FileInputStream(xlsx.toFile()))) {
            assertEquals(rows, workbook.getSheet("Operations").getLastRowNum());
        }
    }

    /**
     * An export is a job: its page reloads itself until the worker is done, then links the file. This sandbox drives
     * its SQS mappings by hand, so the export worker runs here, on the job's message.
     */
    private org.openqa.selenium.WebElement awaitDownloadLink() {
        chromium.waiting(Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("export-status")));
        sandbox.runtime.drainQueues(5);
        return chromium.waiting(Duration.ofSeconds(60))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("export-download")));
    }

    private Path downloaded(String extension) {
        return chromium.waiting(Duration.ofSeconds(30)).until(driver -> {
            try (Stream<Path> files = Files.list(chromium.downloads)) {
                return files.filter(f -> f.getFileName().toString().endsWith(extension))
                        .findFirst()
                        .orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
    }

    @Test
    void signing_out_returns_to_the_sign_in_form() {
        signIn(DashboardSandbox.SECRET);
        chromium.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
        chromium.driver.findElement(By.id("sign-out")).click();
        chromium.waiting(Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/dashboard/sign-in"));
        chromium.driver.get(sandbox.runtime.baseUrl() + "/dashboard");
        chromium.waiting(Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/dashboard/sign-in"));
        assertTrue(chromium.driver.findElements(By.id("payments")).isEmpty());
    }
}
