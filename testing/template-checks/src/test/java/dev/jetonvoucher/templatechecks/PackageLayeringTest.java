package dev.jetonvoucher.templatechecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.local.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture holds in the compiled code of every module (each module's target/classes, which the
 * reactor builds before this last module): no package cycle, within a module or across modules, and no
 * dependency against the layering of {@link PackageGraph} (README "Layers").
 */
class PackageLayeringTest {

    private static final Path REPOSITORY_ROOT = SamTemplate.locate().getParent();

    /**
     * Dependencies against the layering that a planned change removes, each with its reason. Each must still
     * exist (the test fails once it is gone, so the entry is deleted with the fix); nothing else may be added here.
     */
    private static final Map<String, String> KNOWN_VIOLATIONS = Map.of();

    private static PackageGraph graph;

    @BeforeAll
    static void readEveryModulesClasses() throws IOException {
        graph = new PackageGraph();
        for (Path classes : compiledClassDirectories()) {
            try (Stream<Path> files = Files.walk(classes)) {
                files.filter(file -> file.toString().endsWith(".class"))
                        .filter(file -> !file.getFileName().toString().equals("module-info.class"))
                        .forEach(file -> graph.add(ClassReferences.read(readAllBytes(file))));
            }
        }
        assertTrue(
                graph.packages().contains("dev.jetonvoucher.gate")
                        && graph.packages().contains("dev.jetonvoucher.aws"),
                "no compiled classes of core and aws under " + REPOSITORY_ROOT + ": run ./mvnw install first");
    }

    @Test
    void no_package_cycles() {
        List<String> cycles = graph.describeCycles();
        assertTrue(cycles.isEmpty(), () -> "package cycles:\n" + String.join("\n", cycles));
    }

    @Test
    void every_dependency_keeps_to_the_layering() {
        List<String> violations = graph.layeringViolations().stream()
                .filter(line -> !KNOWN_VIOLATIONS.containsKey(line.substring(0, line.indexOf(" ("))))
                .toList();
        assertTrue(
                violations.isEmpty(),
                () -> "dependencies against the layering (README \"Layers\"):\n" + String.join("\n", violations));
    }

    @Test
    void every_known_violation_still_exists() {
        List<String> present = graph.layeringViolations().stream()
                .map(line -> line.substring(0, line.indexOf(" (")))
                .toList();
        List<String> fixed = KNOWN_VIOLATIONS.keySet().stream()
                .filter(known -> !present.contains(known))
                .sorted()
                .toList();
        assertEquals(List.of(), fixed, "fixed: delete these from PackageLayeringTest.KNOWN_VIOLATIONS");
    }

    /** every module's production classes: <module>/target/classes wherever a pom.xml is, tests left out */
    private static List<Path> compiledClassDirectories() throws IOException {
        try (Stream<Path> paths = Files.walk(REPOSITORY_ROOT, 4)) {
            return paths.filter(path -> path.endsWith(Path.of("target", "classes")))
                    .filter(path ->
                            Files.isRegularFile(path.getParent().getParent().resolve("pom.xml")))
                    .filter(path -> !path.startsWith(REPOSITORY_ROOT.resolve("node_modules")))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    private static byte[] readAllBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
