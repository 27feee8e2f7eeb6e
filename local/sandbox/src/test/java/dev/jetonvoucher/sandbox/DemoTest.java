package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.TemplateResources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code bin/sandbox demo} against an in-process sandbox with the built-in project, as a newcomer runs it. */
class DemoTest {

    static Sandbox sandbox;
    /** One full run (it takes a few seconds per step), examined by several tests. */
    static Run fullRun;

    static int callbacksOfFullRun;

    @BeforeAll
    static void start() throws IOException {
        sandbox = Sandbox.start(
                new HttpGateway(Sandbox.HOST, 0),
                LocalAwsEndpoint.shared(),
                Sandbox.BUILT_IN_PROJECTS,
                TemplateResources.uniquePrefix("demo"));
        fullRun = demo("--base-url", sandbox.baseUrl());
        callbacksOfFullRun = sandbox.inbox().received().size();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void the_demo_walks_through_sale_decline_payout_and_status_and_exits_0() {
        assertEquals(0, fullRun.exitCode(), fullRun.output());
        String output = fullRun.output();
        for (String expected : new String[] {
            "Step 1 of 4",
            "✓ success, code 0 Success",
            "Step 2 of 4",
            "✓ decline, code 20000",
            "Step 3 of 4",
            "✓ issued 500.00 EUR + 500.00 EUR + 250.00 EUR",
            "Step 4 of 4",
            "✓ signature valid",
            "Done: every step reached its expected result"
        }) {
            assertTrue(output.contains(expected), "missing \"" + expected + "\" in:\n" + output);
        }
        assertTrue(
                output.contains("→ POST /v2/payment/voucher/jeton/sale")
                        && output.contains("← HTTP 200")
                        && output.contains("⇠ callback #"),
                "requests, acknowledgements and callbacks are shown");
        assertEquals(3, callbacksOfFullRun, "three callbacks: two sales and the payout");
    }

    @Test
    void the_demo_never_prints_a_security_code_or_a_full_voucher_number() {
        assertEquals(0, fullRun.exitCode(), fullRun.output());
        String output = fullRun.output();
        assertFalse(output.contains(Demo.TEST_VOUCHER), "the sale's voucher number in full");
        assertTrue(output.contains("\"number\" : \"***************0017\""));
        assertTrue(output.contains("\"security_code\" : \"****\""), "the sale request is shown, its code masked");
        JsonNode payout = sandbox.inbox().received().stream()
                .map(CallbackInbox.Received::callback)
                .filter(callback ->
                        callback.path("payment").path("type").asText().equals("payout"))
                .reduce((first, second) -> second)
                .orElseThrow();
        for (JsonNode voucher : payout.path("provider_extra_fields").path("vouchers")) {
            assertFalse(output.contains(voucher.path("voucherNumber").asText()), "an issued voucher number in full");
            assertFalse(
                    output.contains("\"securityCode\" : \""
                            + voucher.path("securityCode").asText() + "\""),
                    "an issued voucher's security code");
        }
        assertTrue(output.contains("\"securityCode\" : \"****\""));
    }

    @Test
    void a_step_that_does_not_reach_its_result_exits_1_and_says_what_was_expected() {
        Run run = demo("--base-url", sandbox.baseUrl(), "--project-id", "239", "--secret", "not-the-secret");

        assertEquals(1, run.exitCode(), run.output());
        assertTrue(
                run.output().contains("✗ the request should be acknowledged with 200 and status success, got 400"),
                run.output());
        assertTrue(run.output().contains("3261"), "the refusal's code is shown: " + run.output());
    }

    @Test
    void without_a_sandbox_the_demo_says_how_to_start_one() {
        Run run = demo("--base-url", "http://127.0.0.1:" + CallbackInboxTest.closedPort());

        assertEquals(1, run.exitCode());
        assertTrue(
                run.output().contains("no sandbox answers at") && run.output().contains("bin/sandbox"), run.output());
    }

    @Test
    void bad_arguments_exit_2_with_the_usage() {
        assertEquals(2, demo("--base-url").exitCode());
        assertEquals(2, demo("--project-id", "1001").exitCode(), "another project needs its secret");
        Run unknown = demo("--colour", "red");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.output().contains(Demo.USAGE));
    }

    private static Run demo(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            exitCode = Demo.run(args, out);
        }
        return new Run(exitCode, bytes.toString(StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String output) {}
}
