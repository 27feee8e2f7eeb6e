package dev.jetonvoucher.bench;

import dev.jetonvoucher.local.FunctionDef;
import dev.jetonvoucher.local.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

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
}
