package dev.jetonvoucher.project;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Projects held in memory, as read from the project file. */
public final class InMemoryProjectDirectory implements ProjectDirectory {

    private final Map<Long, Project> projects;

    public InMemoryProjectDirectory(List<Project> projects) {
        this.projects =
                projects.stream().collect(Collectors.toUnmodifiableMap(Project::projectId, Function.identity()));
    }

    @Override
    public Optional<Project> find(long projectId) {
        return Optional.ofNullable(projects.get(projectId));
    }

    public List<Project> all() {
        return projects.values().stream()
                .sorted((a, b) -> Long.compare(a.projectId(), b.projectId()))
                .toList();
    }
}
