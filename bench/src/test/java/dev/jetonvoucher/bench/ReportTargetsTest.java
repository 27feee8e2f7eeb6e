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
        assertTrue(text.contains(
                "| §5 signing ≥ 3.0× the official Java SDK | — | not measured: the SDK is not available to"
                        + " the benchmark |"));
    }

    @Test
    void the_js_sdk_row_says_why_when_the_comparison_could_not_run() {
        String text = new Report()
                .signing(java.util.List.of(), SigningBenchmark.OfficialSdk.skipped("node is not installed"), 5)
                .targets()
                .text();
        assertTrue(text.contains("| §5 signing ≥ 3.0× the official JS SDK (the one official SDK measurable here) | — |"
                + " not measured: node is not installed |"));
    }
}
