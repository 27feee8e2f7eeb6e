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
                "| §5 signing ≥ 3.0× the official Java SDK | — | not measured in this run (see" + " `--only`) |"));
    }

    @Test
    void the_sdk_rows_say_why_when_a_comparison_could_not_run() {
        String text = new Report()
                .signing(
                        java.util.List.of(),
                        SigningBenchmark.OfficialSdk.skipped("node is not installed"),
                        SigningBenchmark.JavaSdk.skipped("set BENCH_JAVA_SDK"),
                        5)
                .targets()
                .text();
        assertTrue(text.contains("| §5 signing ≥ 3.0× the official JS SDK (a stand-in, measurable in every run here) |"
                + " — | not measured: node is not installed |"));
        assertTrue(text.contains("| §5 signing ≥ 3.0× the official Java SDK | — | not measured: set BENCH_JAVA_SDK |"));
    }

    @Test
    void the_java_sdk_target_is_the_median_of_the_windows_ratios_and_needs_the_same_signature() {
        SigningBenchmark.Rate sdk = new SigningBenchmark.Rate(12_000, 11_000, 13_000);
        SigningBenchmark.Rate ours = new SigningBenchmark.Rate(30_000, 29_000, 31_000);
        String met = new Report()
                .signing(
                        java.util.List.of(),
                        SigningBenchmark.OfficialSdk.skipped("node is not installed"),
                        new SigningBenchmark.JavaSdk(
                                true, sdk, ours, new SigningBenchmark.Rate(3.1, 2.9, 3.3), "/sdk", null),
                        5)
                .targets()
                .text();
        assertTrue(met.contains("| §5 signing ≥ 3.0× the official Java SDK | yes | 3.10× (windows 2.90–3.30) |"), met);
        String differs = new Report()
                .signing(
                        java.util.List.of(),
                        SigningBenchmark.OfficialSdk.skipped("node is not installed"),
                        new SigningBenchmark.JavaSdk(
                                false, sdk, ours, new SigningBenchmark.Rate(3.1, 2.9, 3.3), "/sdk", null),
                        5)
                .targets()
                .text();
        assertTrue(
                differs.contains("| §5 signing ≥ 3.0× the official Java SDK | **no** | 3.10× (windows 2.90–3.30),"
                        + " signatures differ |"),
                differs);
    }
}
