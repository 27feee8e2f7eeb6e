package dev.jetonvoucher.bench;

import dev.jetonvoucher.local.FunctionDef;
import dev.jetonvoucher.local.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One build to measure: its template.yaml, the function jars its CodeUris name and the sandbox jar, laid out as
 * in the repository. "after" is this working tree; "before" a build of an earlier commit (bench/run --baseline).
 */
record Artifacts(String label, Path root, SamTemplate template) {

    static Artifacts of(String label, Path given) {
        Path root = given.toAbsolutePath().normalize();
        Path templateFile = root.resolve(SamTemplate.FILE_NAME);
        if (!Files.isRegularFile(templateFile)) {
            throw new IllegalArgumentException(root + " has no " + SamTemplate.FILE_NAME);
        }
        Artifacts artifacts = new Artifacts(label, root, SamTemplate.load(templateFile));
        for (FunctionDef function : artifacts.template.functions()) {
            if (!Files.isRegularFile(artifacts.functionJar(function))) {
                throw new IllegalArgumentException(artifacts.functionJar(function) + " is missing: build first");
            }
        }
        return artifacts;
    }

    Path functionJar(FunctionDef function) {
        return root.resolve(function.codeUri()).normalize();
    }

    Path functionJar(String logicalId) {
        return functionJar(template.function(logicalId));
    }

    /**
     * The function's package as Lambda runs it: Lambda extracts the deployment package (our jar is a zip) into
     * /var/task, and the Java runtime loads the handler's classes from that directory (aws-lambda-java-libs,
     * aws-lambda-java-runtime-interface-client: {@code CustomerClassLoader} puts the task root, then its lib/*.jar, on
     * its class path), not from the compressed jar. Extracted once per package into a directory removed when the
     * bench exits.
     */
    Path taskRoot(FunctionDef function) {
        return TaskRoots.extracted(functionJar(function));
    }

    Path taskRoot(String logicalId) {
        return taskRoot(template.function(logicalId));
    }

    /** The sandbox jar: local/sandbox since issue 15's tree layout, sandbox/ in a baseline built before it. */
    Path sandboxJar() {
        Path current = root.resolve("local/sandbox/target/sandbox.jar");
        return Files.exists(current) ? current : root.resolve("sandbox/target/sandbox.jar");
    }

    /** Each distinct CodeUri jar and its size in bytes. */
    Map<String, Long> packageSizes() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (FunctionDef function : template.functions()) {
            sizes.computeIfAbsent(function.codeUri(), codeUri -> {
                try {
                    return Files.size(functionJar(function));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return sizes;
    }

    /** Extracted packages, one directory per jar, shared by every build and lane of the run. */
    private static final class TaskRoots {
        private static final Map<Path, Path> EXTRACTED = new LinkedHashMap<>();
        private static Path parent;

        static synchronized Path extracted(Path jar) {
            Path existing = EXTRACTED.get(jar);
            if (existing != null) {
                return existing;
            }
            try {
                if (parent == null) {
                    parent = Files.createTempDirectory("bench-task-roots-");
                    Path removed = parent;
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(removed)));
                }
                Path root = parent.resolve(String.valueOf(EXTRACTED.size()));
                Files.createDirectory(root);
                try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
                    for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                        Path target = root.resolve(entry.getName()).normalize();
                        if (!target.startsWith(root)) {
                            throw new IOException(jar + ": entry outside the package: " + entry.getName());
                        }
                        if (entry.isDirectory()) {
                            Files.createDirectories(target);
                        } else {
                            Files.createDirectories(target.getParent());
                            Files.copy(zip, target);
                        }
                    }
                }
                EXTRACTED.put(jar, root);
                return root;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot extract " + jar, e);
            }
        }

        private static void deleteTree(Path root) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException | UncheckedIOException ignored) {
                // a temporary directory: what is left, the system's temporary cleaning removes
            }
        }
    }
}
