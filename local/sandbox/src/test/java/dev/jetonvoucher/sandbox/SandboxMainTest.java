package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.ProjectFile;
import dev.jetonvoucher.signing.PaymentPageUrl;
import dev.jetonvoucher.signing.Signer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What bin/sandbox prints and how it reads its options, without starting it. */
class SandboxMainTest {

    @Test
    void the_payment_page_test_link_is_signed_for_the_project_and_preselects_jeton_voucher() {
        Project project = ProjectFile.parse(Sandbox.BUILT_IN_PROJECTS).get(0);

        URI link = URI.create(SandboxMain.paymentPageTestLink("http://127.0.0.1:3000", project));

        assertEquals("/payment", link.getPath());
        Map<String, String> params = PaymentPageUrl.parseQuery(link.getRawQuery());
        assertTrue(new Signer(Sandbox.BUILT_IN_SECRET).checkParams(params).valid(), "signed with sandbox-secret-239");
        assertEquals("239", params.get("project_id"));
        assertEquals("jetonVoucher", params.get("force_payment_method"));
        assertEquals("1000", params.get("payment_amount"));
        assertEquals("EUR", params.get("payment_currency"));
        assertTrue(params.get("payment_id").startsWith("pp-test-"));
        assertTrue(params.containsKey("customer_id"));
    }

    @Test
    void the_demo_hint_names_a_project_and_its_secret_when_the_sandbox_runs_a_project_file() {
        List<Project> projects = ProjectFile.parse("""
                {"projects": [
                  {"project_id": 7, "secret_key": "live's key", "test": false, "currencies": ["EUR"],
                   "base_time_seconds": 10, "limit_time_seconds": 120},
                  {"project_id": 8, "secret_key": "secret-8", "test": true, "currencies": ["EUR"],
                   "base_time_seconds": 10, "limit_time_seconds": 120}]}
                """);

        assertEquals(
                "bin/sandbox demo --project-id 8 --secret secret-8",
                SandboxMain.demoCommand("http://127.0.0.1:3000", projects, true),
                "a test project, for made-up vouchers");
        assertEquals(
                "bin/sandbox demo --base-url http://127.0.0.1:3100 --project-id 7 --secret 'live'\\''s key'",
                SandboxMain.demoCommand("http://127.0.0.1:3100", projects.subList(0, 1), true),
                "quoted for the shell");
    }

    @Test
    void the_demo_hint_for_the_built_in_project_needs_no_key() {
        List<Project> builtIn = ProjectFile.parse(Sandbox.BUILT_IN_PROJECTS);
        assertEquals("bin/sandbox demo", SandboxMain.demoCommand("http://127.0.0.1:3000", builtIn, false));
        assertEquals(
                "bin/sandbox demo --base-url http://127.0.0.1:3100",
                SandboxMain.demoCommand("http://127.0.0.1:3100", builtIn, false));
    }

    @Test
    void projects_without_a_callback_url_send_theirs_to_the_inbox() {
        String json = Sandbox.withInboxCallbacks("""
                {"projects": [{"project_id": 7, "callback_url": "http://127.0.0.1:8081/callbacks"}, {"project_id": 8}]}
                """, "http://127.0.0.1:3000");
        assertTrue(json.contains("\"http://127.0.0.1:8081/callbacks\""));
        assertTrue(json.contains("\"http://127.0.0.1:3000/sandbox/inbox/8\""));
    }

    @Test
    void options_come_from_the_command_line() {
        SandboxMain.Options options =
                SandboxMain.Options.parse(new String[] {"--port", "3100", "--projects", "p.json"});
        assertEquals(3100, options.port);
        assertEquals("p.json", options.projectsFile.toString());
        assertThrows(IllegalArgumentException.class, () -> SandboxMain.Options.parse(new String[] {"--port", "70000"}));
        assertThrows(IllegalArgumentException.class, () -> SandboxMain.Options.parse(new String[] {"--projects"}));
        assertThrows(IllegalArgumentException.class, () -> SandboxMain.Options.parse(new String[] {"demo"}));
    }

    @Test
    void the_state_prefix_names_a_persistent_state_on_a_given_endpoint() {
        SandboxMain.Options options = SandboxMain.Options.parse(
                new String[] {"--aws-endpoint", "http://127.0.0.1:4566", "--state-prefix", "shop_a-2"});
        assertEquals("shop_a-2", options.stateName);
        assertEquals(
                SandboxState.DEFAULT_NAME,
                SandboxMain.Options.parse(new String[] {"--aws-endpoint", "http://127.0.0.1:4566"}).stateName);

        IllegalArgumentException badName = assertThrows(
                IllegalArgumentException.class,
                () -> SandboxMain.Options.parse(
                        new String[] {"--aws-endpoint", "http://127.0.0.1:4566", "--state-prefix", "shop/a"}));
        assertEquals("a state prefix is 1 to 40 letters, digits, '-' or '_', got \"shop/a\"", badName.getMessage());
    }

    @Test
    void a_state_prefix_without_an_endpoint_is_an_error_since_the_own_endpoint_keeps_no_state() {
        assumeTrue(System.getenv("AWS_ENDPOINT_URL") == null, "AWS_ENDPOINT_URL gives an endpoint");
        IllegalArgumentException error = assertThrows(
                IllegalArgumentException.class,
                () -> SandboxMain.Options.parse(new String[] {"--state-prefix", "shop-a"}));
        assertTrue(error.getMessage().startsWith("--state-prefix needs --aws-endpoint"), error.getMessage());
    }

    @org.junit.jupiter.api.Test
    void the_provider_connector_is_the_in_process_emulator_unless_http_is_asked_for() {
        org.junit.jupiter.api.Assertions.assertEquals(
                "in-process-emulator", SandboxMain.Options.parse(new String[0]).providerConnector);
        org.junit.jupiter.api.Assertions.assertEquals(
                "http", SandboxMain.Options.parse(new String[] {"--provider-connector", "http"}).providerConnector);
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> SandboxMain.Options.parse(new String[] {"--provider-connector", "soap"}));
    }
}
