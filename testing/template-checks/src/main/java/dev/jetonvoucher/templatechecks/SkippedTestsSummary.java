package dev.jetonvoucher.templatechecks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The last line of {@code ./mvnw -B verify}: how many tests ran, and which were skipped on this machine and why
 * (no Chromium, no Docker engine), so a green build cannot hide them. Reads the surefire reports
 * ({@code target/surefire-reports/TEST-*.xml}) that this build wrote under the repository; run by
 * exec-maven-plugin in the last module of the reactor (see this module's pom).
 * <p>Arguments: the repository root, and the build's start time (ISO-8601): older reports are another build's.
 */
public final class SkippedTestsSummary {

    private SkippedTestsSummary() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: SkippedTestsSummary <repository root> <build start, ISO-8601>");
        }
        Path root = Path.of(args[0]);
        // File times have a resolution of a second on some file systems; the build's start is to the second.
        FileTime buildStart = FileTime.from(Instant.parse(args[1]).minusSeconds(1));
        List<TestCase> tests = new ArrayList<>();
        for (Path report : reports(root)) {
            if (Files.getLastModifiedTime(report).compareTo(buildStart) >= 0) {
                tests.addAll(read(report));
            }
        }
        System.out.println(summary(tests));
    }

    /** One test case of a report: its class, and the reason it was skipped (null when it ran). */
    record TestCase(String className, String skippedBecause) {}

    /** "Skipped: none of N tests", or "Skipped: K of N tests: k1 (ClassA, ClassB): reason 1; k2 (ClassC): reason 2". */
    static String summary(List<TestCase> tests) {
        if (tests.isEmpty()) {
            return "Skipped: no test ran in this build";
        }
        Map<String, List<TestCase>> byReason = new LinkedHashMap<>();
        tests.stream()
                .filter(test -> test.skippedBecause() != null)
                .forEach(test -> byReason.computeIfAbsent(test.skippedBecause(), reason -> new ArrayList<>())
                        .add(test));
        int skipped = byReason.values().stream().mapToInt(List::size).sum();
        if (skipped == 0) {
            return "Skipped: none of " + tests.size() + " tests";
        }
        return "Skipped: " + skipped + " of " + tests.size() + " tests: "
                + byReason.entrySet().stream()
                        .map(reason -> {
                            Set<String> classes = new LinkedHashSet<>();
                            reason.getValue().forEach(test -> classes.add(simpleName(test.className())));
                            return reason.getValue().size() + " (" + String.join(", ", classes) + "): "
                                    + reason.getKey();
                        })
                        .collect(Collectors.joining("; "));
    }

    static List<TestCase> read(Path report) {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            document = factory.newDocumentBuilder().parse(report.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot read the surefire report " + report + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<TestCase> tests = new ArrayList<>();
        NodeList testCases = document.getElementsByTagName("testcase");
        for (int i = 0; i < testCases.getLength(); i++) {
            Element testCase = (Element) testCases.item(i);
            NodeList skipped = testCase.getElementsByTagName("skipped");
            String reason = null;
            if (skipped.getLength() > 0) {
                String message =
                        ((Element) skipped.item(0)).getAttribute("message").strip();
                reason = message.isEmpty() ? "no reason given" : message;
            }
            tests.add(new TestCase(testCase.getAttribute("classname"), reason));
        }
        return tests;
    }

    private static List<Path> reports(Path root) throws IOException {
        // <root>/<group>/<module>/target/surefire-reports/TEST-*.xml at the deepest
        try (Stream<Path> files = Files.walk(root, 5)) {
            return files.filter(file -> file.getParent() != null
                            && file.getParent().endsWith(Path.of("target", "surefire-reports")))
                    .filter(file -> {
                        String name = file.getFileName().toString();
                        return name.startsWith("TEST-") && name.endsWith(".xml");
                    })
                    .sorted()
                    .toList();
        }
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
