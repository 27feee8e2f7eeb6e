package dev.jetonvoucher.sandbox;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.local.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command under bin/ answers --help with its usage on stdout and exit 0, before building anything. */
class BinCommandsHelpTest {

    private static final Path ROOT = SamTemplate.locate().getParent();

    record Run(int status, String out, String err) {}

    static Stream<Named<List<String>>> commands() throws IOException {
        List<Named<List<String>>> commands = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("bin"))) {
            files.filter(Files::isRegularFile).sorted().forEach(file -> {
                String name = "bin/" + file.getFileName();
                commands.add(Named.of(name + " --help", List.of(name, "--help")));
                commands.add(Named.of(name + " -h", List.of(name, "-h")));
            });
        }
        commands.add(Named.of("bin/sandbox demo --help", List.of("bin/sandbox", "demo", "--help")));
        commands.add(Named.of("bin/lib/local-endpoint.sh --help", List.of("bin/lib/local-endpoint.sh", "--help")));
        return commands.stream();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void help_prints_the_usage_on_stdout_and_exits_0(List<String> command) throws Exception {
        Run run = run(command);

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("usage: " + command.get(0)), run.out());
        assertEquals("", run.err(), "--help answers before building or installing anything");
    }

    @Test
    void the_help_of_each_java_backed_command_starts_with_the_usage_its_java_side_prints_on_errors() throws Exception {
        assertTrue(run(List.of("bin/sandbox", "--help")).out().startsWith(SandboxMain.USAGE + "\n"));
        assertTrue(run(List.of("bin/invoke", "--help")).out().startsWith(Invoke.USAGE + "\n"));
        assertEquals(Sign.USAGE + "\n", run(List.of("bin/sign", "--help")).out());
        assertTrue(run(List.of("bin/rebuild-aggregates", "--help")).out().startsWith(RebuildAggregates.USAGE + "\n"));
    }

    @Test
    void bin_invoke_without_its_arguments_prints_the_usage_on_stderr_and_exits_2() throws Exception {
        Run run = run(List.of("bin/invoke"));
        assertEquals(2, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith(Invoke.USAGE), run.err());
    }

    private static Run run(List<String> command) throws Exception {
        List<String> full = new ArrayList<>(List.of("bash"));
        full.add(ROOT.resolve(command.get(0)).toString());
        full.addAll(command.subList(1, command.size()));
        Path out = Files.createTempFile("help", ".out");
        Path err = Files.createTempFile("help", ".err");
        try {
            Process process = new ProcessBuilder(full)
                    .directory(ROOT.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within 60 s");
            }
            return new Run(process.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
