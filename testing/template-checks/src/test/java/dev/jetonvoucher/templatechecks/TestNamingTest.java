package dev.jetonvoucher.templatechecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.local.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One naming style for tests across the tree: a test method says what it proves in snake_case, so a report reads
 * like the spec ({@code a_payout_of_ten_vouchers_is_signed_in_the_documented_order}).
 */
class TestNamingTest {

    private static final Path ROOT = SamTemplate.locate().getParent();
    private static final Pattern TEST_ANNOTATION =
            Pattern.compile("^\\s*@(Test|ParameterizedTest|Property|Example|TestFactory|RepeatedTest|TestTemplate)\\b");
    private static final Pattern METHOD = Pattern.compile("\\b(?:void|[A-Z][\\w<>,?\\[\\] ]*)\\s+(\\w+)\\s*\\(");
    /** Words joined by underscores; a word may be a unit, a code or a name as written ({@code 1250_EUR}, {@code HTTP}). */
    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[A-Za-z0-9]+)*");
    /** Inside a word, no lower-case letter followed by an upper-case one: that is camelCase. */
    private static final Pattern CAMEL_HUMP = Pattern.compile("[a-z0-9][A-Z]");

    @Test
    void every_test_method_is_named_in_snake_case() throws IOException {
        List<String> offenders = new ArrayList<>();
        int tests = 0;
        for (Path file : testSources()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (!TEST_ANNOTATION.matcher(lines.get(i)).find()) {
                    continue;
                }
                String name = methodNameAfter(lines, i);
                if (name == null) {
                    continue;
                }
                tests++;
                if (!SNAKE_CASE.matcher(name).matches()
                        || CAMEL_HUMP.matcher(name).find()) {
                    offenders.add(ROOT.relativize(file) + ": " + name);
                }
            }
        }
        assertTrue(tests > 500, "found only " + tests + " test methods under " + ROOT);
        assertEquals(List.of(), offenders, "test methods not in snake_case");
    }

    private static String methodNameAfter(List<String> lines, int annotation) {
        for (int i = annotation + 1; i < Math.min(lines.size(), annotation + 8); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("@") && !line.contains("void ")) {
                continue;
            }
            Matcher method = METHOD.matcher(line);
            if (method.find()) {
                return method.group(1);
            }
        }
        return null;
    }

    private static List<Path> testSources() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT, 12)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> file.toString().contains("/src/test/java/"))
                    .filter(file -> !file.toString().contains("/node_modules/"))
                    .filter(file -> !file.startsWith(ROOT.resolve("bench/out")))
                    .sorted()
                    .toList();
        }
    }
}
