package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.fixtures.GateClient;
import dev.jetonvoucher.fixtures.Merchant;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's integration test: {@code bin/sandbox} as a separate process on a free port with a project file; a sale
 * and a payout through plain HTTP; the signed callbacks received by this test's own HTTP server; SIGTERM stops
 * it and everything it started. Also its clear errors for a taken port and a bad project file.
 */
class SandboxProcessTest {

    static final long PROJECT = 4001;
    static final String SECRET = "secret-4001";
    static final Duration STARTUP = Duration.ofSeconds(120);
    static final Duration CALLBACK_WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    void a_sandbox_process_serves_a_sale_and_a_payout_with_signed_callbacks_and_stops_cleanly_on_sigterm()
            throws Exception {
        try (Merchant merchant = new Merchant().knowsProject(PROJECT, SECRET)) {
            ObjectNode project = SandboxHarness.project(PROJECT, SECRET, true);
            project.put("callback_url", merchant.url());
            Path projects = projectFile(project);
            int port = CallbackInboxTest.closedPort();

            try (SandboxProcess sandbox =
                    SandboxProcess.start("--port", Integer.toString(port), "--projects", projects.toString())) {
                sandbox.awaitHealthy(port, STARTUP);
                GateClient gate = new GateClient("http://127.0.0.1:" + port, PROJECT, SECRET);
                GateClient.Answer sale = gate.sale("process-sale", 1000, "EUR", Demo.TEST_VOUCHER, "12/2030", "1234");
                assertEquals(200, sale.status(), sale.body().toString());
                GateClient.Answer payout = gate.payout("process-payout", 125_000, "EUR");
                assertEquals(200, payout.status(), payout.body().toString());

                JsonNode saleCallback = merchant.awaitCallback("process-sale", CALLBACK_WAIT);
                assertTrue(
                        merchant.signatureValid(saleCallback), "the sale's callback is signed with the project secret");
                assertEquals(
                        "success", saleCallback.path("payment").path("status").asText());
                JsonNode payoutCallback = merchant.awaitCallback("process-payout", CALLBACK_WAIT);
                assertTrue(
                        merchant.signatureValid(payoutCallback),
                        "the payout's callback is signed with the project secret");
                assertEquals(
                        "success", payoutCallback.path("payment").path("status").asText());
                assertEquals(
                        3,
                        payoutCallback
                                .path("provider_extra_fields")
                                .path("vouchers")
                                .size());

                String output = sandbox.output();
                assertTrue(
                        output.contains(
                                "Payment Page test link: http://127.0.0.1:" + port + "/payment?project_id=" + PROJECT),
                        output);
                assertTrue(
                        output.matches(
                                "(?s).*HTTP POST /v2/payment/voucher/jeton/sale 200 \\d+ms payment=process-sale\n.*"),
                        "one line per request with route, status, latency and payment id:\n" + output);
                assertFalse(output.contains("1234\""), "no security code in the log");
                assertFalse(output.contains(Demo.TEST_VOUCHER), "no full voucher number in the log");

                List<ProcessHandle> started = sandbox.process().descendants().toList();
                if (output.contains("(moto)")) {
                    assertTrue(output.contains("State: ephemeral (own endpoint; stops with the sandbox)"), output);
                    assertTrue(
                            started.stream()
                                    .anyMatch(child ->
                                            child.info().command().orElse("").contains("python")),
                            "the sandbox's own moto server is its child: " + started);
                }
                sandbox.process().destroy(); // SIGTERM, as Ctrl-C's SIGINT runs the same shutdown
                assertEquals(143, sandbox.awaitExit(Duration.ofSeconds(30)), "ended by SIGTERM:\n" + sandbox.output());
                for (ProcessHandle child : started) {
                    child.onExit().get(10, TimeUnit.SECONDS);
                    assertFalse(child.isAlive(), "left running: " + child.info());
                }
                assertTrue(sandbox.output().contains("Stopping the sandbox…"), sandbox.output());
            }
        }
    }

    @Test
    void a_taken_port_is_a_clear_error_before_anything_starts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                SandboxProcess sandbox = SandboxProcess.start("--port", Integer.toString(taken.getLocalPort()))) {
            assertEquals(1, sandbox.awaitExit(Duration.ofSeconds(60)));
            assertTrue(
                    sandbox.output()
                            .contains("bin/sandbox: port " + taken.getLocalPort() + " on 127.0.0.1 is taken:"
                                    + " stop what uses it, or run bin/sandbox --port N"),
                    sandbox.output());
            assertFalse(sandbox.output().contains("Exception"), "no stack trace:\n" + sandbox.output());
        }
    }

    @Test
    void a_bad_project_file_is_a_clear_error_naming_the_problem() throws IOException {
        ObjectNode project = SandboxHarness.project(PROJECT, SECRET, true);
        project.put("colour", "red");
        Path projects = projectFile(project);
        try (SandboxProcess sandbox = SandboxProcess.start("--port", "0", "--projects", projects.toString())) {
            assertEquals(1, sandbox.awaitExit(Duration.ofSeconds(60)));
            assertTrue(
                    sandbox.output().contains("bin/sandbox: the project file " + projects + " is not usable: "),
                    sandbox.output());
            assertTrue(sandbox.output().contains("colour"), "the unknown field is named:\n" + sandbox.output());
            assertFalse(sandbox.output().contains("Exception"), "no stack trace:\n" + sandbox.output());
        }
    }

    @Test
    void a_bad_option_exits_2_with_the_usage() {
        try (SandboxProcess sandbox = SandboxProcess.start("--port", "eighty")) {
            assertEquals(2, sandbox.awaitExit(Duration.ofSeconds(60)));
            assertTrue(
                    sandbox.output().contains("port must be a number from 0 to 65535, got eighty"), sandbox.output());
            assertTrue(sandbox.output().contains(SandboxMain.USAGE), sandbox.output());
        }
    }

    private Path projectFile(ObjectNode project) throws IOException {
        ObjectNode file = GateClient.JSON.createObjectNode();
        file.putArray("projects").add(project);
        Path path = temp.resolve("projects.json");
        Files.writeString(path, file.toString());
        return path;
    }
}
