package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.local.FunctionDef;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.local.TemplateResources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * No function creates an {@code ObjectMapper} on its cold path (init and first invocation): Jackson databind's mapper
 * loads some 450 classes and the JDK's locale data, more than half of what a cold start pays beyond a bare DynamoDB
 * client (bench/analysis.md, issue 16 §2). The functions read and write JSON with {@link dev.jetonvoucher.json.Json} on jackson-core only.
 *
 * <p>Each file in events/ runs through its function of template.yaml (as {@link InvokeTest} finds it) in a fresh JVM,
 * {@link ColdStartChild}, with the function's environment on the local endpoint and {@code -Xlog:class+load}; the
 * test reads the classes that JVM loaded. The event's placeholders ({@link SampleEvents}) are filled in here first, and
 * the provider emulator's IPNs and the merchant callbacks reach a local gateway ({@link EventFiles.Stage}), so each
 * function's first invocation does its real work. {@code JsonNode.toString()} creates a mapper too (Jackson's
 * {@code InternalNodeMapper}), so a tree written with it anywhere on the path fails this test as well.
 *
 * <p>Nor does a cold path call a record's generated {@code equals}, {@code hashCode} or {@code toString}: their first
 * call bootstraps {@code java.lang.runtime.ObjectMethods}, 15-20 ms of method-handle classes spun at run time. The
 * records the functions compare or hash on their paths ({@code PaymentKey}, {@code Money}, {@code Bucket}) write
 * those methods out.
 */
class FunctionColdPathTest {

    private static final List<String> FORBIDDEN = List.of(
            "com.fasterxml.jackson.databind.ObjectMapper",
            "com.fasterxml.jackson.databind.node.InternalNodeMapper",
            "com.fasterxml.jackson.databind.util.StdDateFormat");
    private static final String RECORD_METHODS_BOOTSTRAP = "java.lang.runtime.ObjectMethods";

    static SamTemplate template;
    static String prefix;
    static EventFiles.Stage stage;
    static Path logs;

    @BeforeAll
    static void loadTemplate() throws IOException {
        template = SamTemplate.load(SamTemplate.locate());
        prefix = TemplateResources.uniquePrefix("coldpath");
        stage = EventFiles.Stage.start(template, LocalAwsEndpoint.shared(), prefix);
        logs = Files.createTempDirectory("cold-path-test-");
    }

    @AfterAll
    static void removeFiles() throws IOException {
        stage.close();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(logs);
    }

    @TestFactory
    Stream<DynamicTest> no_function_creates_an_object_mapper_or_bootstraps_record_methods_on_its_cold_path()
            throws IOException {
        List<Path> files = EventFiles.inRunOrder(template);
        assertFalse(files.isEmpty(), "events/ holds sample events");
        LocalAwsEndpoint endpoint = LocalAwsEndpoint.shared();
        TemplateResources.Deployed resources = TemplateResources.create(template, endpoint, prefix);
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    FunctionDef function = EventFiles.functionFor(template, EventFiles.read(file), file);
                    Map<String, String> environment = LocalRuntime.functionEnvironment(
                            resources, function, endpoint, stage.parameters(), stage.projectsFile());
                    // The placeholders are filled in here, as bin/invoke does: the child runs the function alone.
                    Path event = logs.resolve(file.getFileName());
                    Files.write(
                            event,
                            new SampleEvents(
                                            template,
                                            resources,
                                            endpoint,
                                            stage.parameters(),
                                            stage.projectsFile(),
                                            Clock.systemUTC())
                                    .resolve(Files.readAllBytes(file)));
                    List<String> loaded = coldStart(function, environment, event);
                    String printed =
                            Files.readString(logs.resolve(function.logicalId() + "-" + file.getFileName() + ".out"));
                    if (EventFiles.read(file).has("Records")) {
                        // the cold path of the real work: every message handled, none back to its queue
                        assertTrue(
                                printed.strip().endsWith("{\"batchItemFailures\":[]}"),
                                function.logicalId() + " handled every message: " + printed);
                    }

                    assertTrue(
                            loaded.contains(function.handlerClass()),
                            "the class-load log of " + function.logicalId() + " names its handler (" + loaded.size()
                                    + " classes)");
                    for (String forbidden : FORBIDDEN) {
                        assertFalse(
                                loaded.contains(forbidden),
                                function.logicalId() + " loaded " + forbidden + " on its cold path: a JSON tree read or"
                                        + " written through an ObjectMapper (Json.mapper(), new ObjectMapper(),"
                                        + " JsonNode.toString()) instead of Json.parse/Json.write");
                    }
                    assertFalse(
                            loaded.contains(RECORD_METHODS_BOOTSTRAP),
                            function.logicalId() + " called a record's generated equals, hashCode or toString on its"
                                    + " cold path (" + RECORD_METHODS_BOOTSTRAP + " loaded): write that record's"
                                    + " method out, or compare its fields");
                }));
    }

    /** The classes a fresh JVM loads for the function's init and first invocation with {@code event}. */
    private static List<String> coldStart(FunctionDef function, Map<String, String> environment, Path event)
            throws IOException, InterruptedException {
        Path log = logs.resolve(function.logicalId() + "-" + event.getFileName() + ".log");
        Path output = logs.resolve(function.logicalId() + "-" + event.getFileName() + ".out");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xlog:class+load=info:file=" + log);
        command.add("-Xshare:auto");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ColdStartChild.class.getName());
        command.add(function.handlerClass());
        command.add(event.toAbsolutePath().toString());
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process child = builder.start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), function.logicalId() + " answered within 120 s");
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), function.logicalId() + ": " + printed);
        assertTrue(printed.contains("{"), function.logicalId() + " answered: " + printed);
        List<String> loaded = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            // [0.012s][info][class,load] java.lang.Object source: shared objects file
            int start = line.indexOf("[class,load] ");
            if (start >= 0) {
                String rest = line.substring(start + "[class,load] ".length());
                int end = rest.indexOf(' ');
                loaded.add(end < 0 ? rest : rest.substring(0, end));
            }
        }
        return loaded;
    }
}
