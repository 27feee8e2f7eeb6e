package dev.jetonvoucher.analysis;

import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.SandboxSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

final class TestProjects {

    private TestProjects() {}

    static Project project(long id, String secret) {
        return new Project(
                id,
                secret,
                Optional.empty(),
                true,
                Set.of(CurrencyUnit.of("EUR")),
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                Map.of(),
                SandboxSettings.NORMAL);
    }
}
