package dev.jetonvoucher.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.money.CurrencyUnit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectFileTest {

    static final String CONTRACT_EXAMPLE = """
            {"projects": [{
              "project_id": 239, "secret_key": "s3cr3t-for-239", "callback_url": "http://127.0.0.1:8081/callbacks",
              "test": true, "currencies": ["EUR", "USD"], "base_time_seconds": 10, "limit_time_seconds": 120,
              "balances": {"EUR": 500000},
              "sandbox": {"provider_notifications": "normal", "provider_delay_seconds": 0}}]}
            """;

    @Test
    void the_contract_example_reads_as_written() {
        Project project = ProjectFile.parse(CONTRACT_EXAMPLE).get(0);
        assertEquals(239, project.projectId());
        assertTrue(project.test());
        assertEquals(
                "http://127.0.0.1:8081/callbacks",
                project.callbackUrl().orElseThrow().toString());
        assertTrue(project.accepts(CurrencyUnit.of("USD")));
        assertEquals(Duration.ofSeconds(10), project.baseTime());
        assertEquals(Duration.ofSeconds(120), project.limitTime());
        assertEquals(500000L, project.openingBalances().get(CurrencyUnit.of("EUR")));
        assertEquals(SandboxSettings.NORMAL, project.sandbox());
        assertFalse(project.toString().contains("s3cr3t"), "toString never shows the secret");
    }

    @Test
    void unknown_and_missing_fields_are_errors_that_name_project_and_field() {
        for (String[] bad : List.of(
                new String[] {CONTRACT_EXAMPLE.replace("\"test\": true", "\"tset\": true"), "unknown field \"tset\""},
                new String[] {CONTRACT_EXAMPLE.replace("\"secret_key\": \"s3cr3t-for-239\",", ""), "secret_key"},
                new String[] {CONTRACT_EXAMPLE.replace("\"EUR\", \"USD\"", "\"EURO\""), "EURO"},
                new String[] {CONTRACT_EXAMPLE.replace("\"normal\"", "\"sometimes\""), "provider_notifications"},
                new String[] {CONTRACT_EXAMPLE.replace("120", "5"), "limit_time_seconds"},
                new String[] {CONTRACT_EXAMPLE.replace("http://127.0.0.1:8081/callbacks", "ftp://x"), "callback_url"},
                new String[] {"{\"projects\": []}", "non-empty"},
                new String[] {"not json", "not valid JSON"})) {
            ProjectFileException error = assertThrows(ProjectFileException.class, () -> ProjectFile.parse(bad[0]));
            assertTrue(error.getMessage().contains(bad[1]), error.getMessage() + " should mention " + bad[1]);
        }
    }

    @Test
    void a_project_may_have_a_display_name_for_its_payment_page() {
        assertEquals(
                java.util.Optional.empty(),
                ProjectFile.parse(CONTRACT_EXAMPLE).get(0).name(),
                "it is optional");
        String named =
                CONTRACT_EXAMPLE.replace("\"test\": true", "\"name\": \"Кино «Октябрь» & <Friends>\", \"test\": true");
        assertEquals(
                "Кино «Октябрь» & <Friends>",
                ProjectFile.parse(named).get(0).name().orElseThrow(),
                "kept as written: the page escapes it where it shows it");
        assertEquals(
                java.util.Optional.empty(),
                ProjectFile.parse(CONTRACT_EXAMPLE.replace("\"test\": true", "\"name\": null, \"test\": true"))
                        .get(0)
                        .name());
        for (String bad :
                List.of("\"\"", "\"   \"", "42", "[\"Shop\"]", "\"Shop\\nLine two\"", "\"" + "x".repeat(101) + "\"")) {
            String file = CONTRACT_EXAMPLE.replace("\"test\": true", "\"name\": " + bad + ", \"test\": true");
            ProjectFileException error = assertThrows(ProjectFileException.class, () -> ProjectFile.parse(file), bad);
            assertTrue(
                    error.getMessage().contains("project 239")
                            && error.getMessage().contains("name"),
                    error.getMessage());
        }
    }

    @Test
    void a_project_id_may_appear_once() {
        String twice = CONTRACT_EXAMPLE.replace(
                "}]}",
                "}, " + CONTRACT_EXAMPLE.substring(CONTRACT_EXAMPLE.indexOf('{', 2), CONTRACT_EXAMPLE.lastIndexOf("]"))
                        + "]}");
        assertThrows(ProjectFileException.class, () -> ProjectFile.parse(twice));
    }

    static final String WITH_TOKENS = CONTRACT_EXAMPLE.replace(
            "}]}",
            "}],\n \"api_tokens\": [{\"token\": \"tok-analyst-1\", "
                    + "\"secret_key\": \"token-secret-1\", \"projects\": [239]}]}");

    @Test
    void api_tokens_name_their_secret_and_the_projects_they_may_read() {
        ApiToken token = ProjectFile.apiTokens(WITH_TOKENS).get(0);
        assertEquals("tok-analyst-1", token.token());
        assertEquals("token-secret-1", token.secretKey());
        assertTrue(token.mayRead(239));
        assertFalse(token.mayRead(240));
        assertFalse(token.toString().contains("token-secret-1"), "toString never shows the secret");
        assertEquals(List.of(), ProjectFile.apiTokens(CONTRACT_EXAMPLE), "api_tokens is optional");
    }

    @Test
    void a_bad_api_token_stops_the_file_like_a_bad_project() {
        for (String[] bad : List.of(
                new String[] {WITH_TOKENS.replace("[239]}]", "[240]}]"), "240 is not a project of this file"},
                new String[] {WITH_TOKENS.replace("[239]}]", "[]}]"), "non-empty array"},
                new String[] {WITH_TOKENS.replace("\"token-secret-1\"", "\"\""), "secret_key"},
                new String[] {WITH_TOKENS.replace("tok-analyst-1", "tok/../x"), "letters, digits"},
                new String[] {
                    WITH_TOKENS.replace("\"projects\": [239]", "\"projects\": [239], \"role\": \"x\""),
                    "unknown field \"role\""
                },
                new String[] {
                    WITH_TOKENS.replace(
                            "[{\"token\"",
                            "[{\"token\": \"tok-analyst-1\", \"secret_key\": \"s\", "
                                    + "\"projects\": [239]}, {\"token\""),
                    "appears twice"
                })) {
            ProjectFileException error = assertThrows(ProjectFileException.class, () -> ProjectFile.parse(bad[0]));
            assertTrue(error.getMessage().contains(bad[1]), error.getMessage() + " should mention " + bad[1]);
        }
    }
}
