package dev.jetonvoucher.templatechecks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jetonvoucher.templatechecks.SkippedTestsSummary.TestCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verify build's last line: skipped tests counted, grouped by their reason, with the classes they are in. */
class SkippedTestsSummaryTest {

    private static final String NO_CHROMIUM = "browser test skipped: needs /usr/bin/chromium";
    private static final String NO_DOCKER = "disabledWithoutDocker is true and Docker is not available";

    @Test
    void skipped_tests_are_counted_by_reason_with_their_classes() {
        List<TestCase> tests = List.of(
                new TestCase("a.PaymentPageBrowserTest", NO_CHROMIUM),
                new TestCase("a.PaymentPageBrowserTest", NO_CHROMIUM),
                new TestCase("a.DashboardBrowserTest", NO_CHROMIUM),
                new TestCase("b.LocalStackRoundTripTest", NO_DOCKER),
                new TestCase("b.MotoRoundTripTest", null));

        assertEquals(
                "Skipped: 4 of 5 tests: 3 (PaymentPageBrowserTest, DashboardBrowserTest): " + NO_CHROMIUM
                        + "; 1 (LocalStackRoundTripTest): " + NO_DOCKER,
                SkippedTestsSummary.summary(tests));
    }

    @Test
    void a_build_that_skipped_nothing_says_so() {
        assertEquals(
                "Skipped: none of 2 tests",
                SkippedTestsSummary.summary(List.of(new TestCase("a.X", null), new TestCase("a.Y", null))));
    }

    @Test
    void a_surefire_report_is_read_with_each_skip_reason(@TempDir Path directory) throws IOException {
        Path report = directory.resolve("TEST-b.LocalStackRoundTripTest.xml");
        Files.writeString(report, """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="b.LocalStackRoundTripTest" tests="3" errors="0" skipped="2" failures="0">
                  <properties/>
                  <testcase name="one" classname="b.LocalStackRoundTripTest" time="0.0">
                    <skipped message="%s"/>
                  </testcase>
                  <testcase name="two" classname="b.LocalStackRoundTripTest" time="0.0"><skipped/></testcase>
                  <testcase name="three" classname="b.LocalStackRoundTripTest" time="0.1"/>
                </testsuite>
                """.formatted(NO_DOCKER));

        assertEquals(
                List.of(
                        new TestCase("b.LocalStackRoundTripTest", NO_DOCKER),
                        new TestCase("b.LocalStackRoundTripTest", "no reason given"),
                        new TestCase("b.LocalStackRoundTripTest", null)),
                SkippedTestsSummary.read(report));
    }
}
