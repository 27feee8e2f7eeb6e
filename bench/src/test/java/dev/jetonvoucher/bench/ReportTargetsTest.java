package dev.jetonvoucher.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReportTargetsTest {

    @Test
    void every_issue_16_target_is_listed_even_when_its_benchmark_did_not_run() {
        String text = new Report().targets().text();
        for (Report.Target target : Report.Target.values()) {
            assertTrue(text.contains("| " + target.title + " |"), target.name());
        }
        assertTrue(text.contains("§1 cost of a successful sale ≤ $23.80 per 1M (half of the first measured $47.59)"));
        assertTrue(text.contains("not measured: the SDK is not available to the benchmark"));
    }

    @Test
    void a_js_sdk_comparison_fills_its_row() {
        String text = new Report()
                .signingAgainstJsSdk(3.4, "SigningProbe against the JS SDK")
                .targets()
                .text();
        assertTrue(text.contains(
                "| §5 signing against the official JS SDK | yes | 3.40× (SigningProbe against the JS SDK) |"));
    }
}
