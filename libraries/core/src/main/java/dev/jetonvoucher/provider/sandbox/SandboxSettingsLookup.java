package dev.jetonvoucher.provider.sandbox;

import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.ProjectDirectory;
import dev.jetonvoucher.project.SandboxSettings;

/**
 * Where the emulator finds how to behave for a project (the project file's {@code sandbox} object): the emulator
 * looks it up itself, so the provider port ({@link dev.jetonvoucher.provider.ProviderRequest}) carries nothing a real
 * provider would not be sent.
 */
@FunctionalInterface
public interface SandboxSettingsLookup {

    /** The project's settings; {@link SandboxSettings#NORMAL} for a project the emulator does not know. */
    SandboxSettings forProject(long projectId);

    /** The settings the platform's project directory holds. */
    static SandboxSettingsLookup of(ProjectDirectory projects) {
        return projectId -> projects.find(projectId).map(Project::sandbox).orElse(SandboxSettings.NORMAL);
    }

    /** The same settings for every project. */
    static SandboxSettingsLookup always(SandboxSettings settings) {
        return projectId -> settings;
    }
}
