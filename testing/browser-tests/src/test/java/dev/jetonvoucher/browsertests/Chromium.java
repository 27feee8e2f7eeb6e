package dev.jetonvoucher.browsertests;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Debian's chromedriver. Both are given by path, so Selenium Manager
 * never looks for (or downloads) a driver or a browser; each instance has a fresh profile directory (with
 * the {@link #downloads} directory in it), removed again on close together with the browser and driver processes.
 */
final class Chromium implements AutoCloseable {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));

    /** The two widths the page is designed for. */
    enum Viewport {
        DESKTOP(1280, 800, false),
        MOBILE(390, 844, true);

        final int width;
        final int height;
        final boolean mobile;

        Viewport(int width, int height, boolean mobile) {
            this.width = width;
            this.height = height;
            this.mobile = mobile;
        }
    }

    private final ChromeDriverService service;
    private final Path profile;
    /** Where downloads land, without asking. */
    final Path downloads;

    final ChromeDriver driver;

    /** Why the browser tests cannot run here, if they cannot. */
    static final String MISSING = "needs " + BROWSER + " and " + DRIVER
            + ", which are not installed here (apt-get install chromium chromium-driver; .ci/run installs them)";

    /**
     * {@code @ExtendWith(Chromium.Installed.class)} on a test class: without the browser, each of its tests is
     * reported as skipped with {@link #MISSING} as the reason (and its {@code @BeforeAll} does not run), so a
     * green build shows that the pages were not opened in a browser. .ci/run fails on such a skip.
     */
    static final class Installed implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)
                    ? ConditionEvaluationResult.enabled("chromium and chromedriver are installed")
                    : ConditionEvaluationResult.disabled("browser test skipped: " + MISSING);
        }
    }

    Chromium() {
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        try {
            profile = Files.createTempDirectory("chromium-profile");
            downloads = Files.createDirectories(profile.resolve("downloads"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-default-apps",
                "--lang=en-US",
                "--window-size=1280,800",
                "--user-data-dir=" + profile.toAbsolutePath());
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "download.default_directory",
                        downloads.toAbsolutePath().toString(),
                        "download.prompt_for_download",
                        false));
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        ChromeDriver started;
        try {
            started = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            deleteProfile();
            throw e;
        }
        driver = started;
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    /** Sizes the page's viewport exactly (window size alone leaves the width to the window manager). */
    void use(Viewport viewport) {
        driver.manage().window().setSize(new Dimension(viewport.width, viewport.height));
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of(
                        "width",
                        viewport.width,
                        "height",
                        viewport.height,
                        "deviceScaleFactor",
                        1,
                        "mobile",
                        viewport.mobile));
    }

    WebDriverWait waiting(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.pollingEvery(Duration.ofMillis(100));
        return wait;
    }

    /** Saves what the viewport shows as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans up what is left
        }
    }
}
