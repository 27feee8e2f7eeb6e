package dev.jetonvoucher.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.ProjectDirectory;
import dev.jetonvoucher.project.SandboxSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every {@link ProjectDirectory} must do: give a project back with its settings and secret, or nothing. */
public abstract class ProjectDirectoryContract {

    /** The project each directory under test holds (and no project 999). */
    protected static final Project PROJECT_239 = new Project(
                    239,
                    "s3cr3t-for-239",
                    Optional.of(URI.create("https://merchant.example/callbacks")),
                    true,
                    Set.of(CurrencyUnit.of("EUR"), CurrencyUnit.of("USD")),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(120),
                    Map.of(CurrencyUnit.of("EUR"), 500000L),
                    new SandboxSettings(SandboxSettings.NotificationMode.DROP, Duration.ofSeconds(2)))
            .withName("Kino «Oktyabr» <Tickets>");

    /** A directory that holds {@link #PROJECT_239}. */
    protected abstract ProjectDirectory directory();

    @Test
    void a_project_is_read_with_its_settings_and_secret() {
        Project project = directory().find(239).orElseThrow();
        assertEquals("s3cr3t-for-239", project.secretKey());
        assertTrue(project.test());
        assertEquals(
                "https://merchant.example/callbacks",
                project.callbackUrl().orElseThrow().toString());
        assertTrue(project.accepts(CurrencyUnit.of("USD")));
        assertEquals(500000L, project.openingBalances().get(CurrencyUnit.of("EUR")));
        assertEquals(Duration.ofSeconds(10), project.baseTime());
        assertEquals(Duration.ofSeconds(120), project.limitTime());
        assertEquals(
                new SandboxSettings(SandboxSettings.NotificationMode.DROP, Duration.ofSeconds(2)), project.sandbox());
        assertEquals(Optional.of("Kino «Oktyabr» <Tickets>"), project.name(), "the display name, as it was written");
    }

    @Test
    void an_unknown_project_is_empty() {
        assertTrue(directory().find(999).isEmpty());
    }
}
