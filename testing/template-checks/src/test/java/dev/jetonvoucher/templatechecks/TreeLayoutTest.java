package dev.jetonvoucher.templatechecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.local.FunctionDef;
import dev.jetonvoucher.local.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The tree reads as the design (README "Where things are"): {@code functions/} holds exactly what template.yaml
 * deploys, {@code libraries/} what ships inside those jars, {@code local/} what runs only on a developer's machine
 * (the sandbox and the local AWS runtime), {@code testing/} and {@code bench/} what only checks and measures.
 */
class TreeLayoutTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load(SamTemplate.locate());
    private static final Path ROOT = TEMPLATE.path().getParent();
    private static final Pattern CODE_URI = Pattern.compile("functions/([a-z0-9-]+)/target/function\\.jar");
    private static final Set<String> TOP_LEVEL_FOLDERS = Set.of("functions", "libraries", "local", "testing", "bench");

    @Test
    void every_code_uri_is_a_module_under_functions() {
        List<String> elsewhere = TEMPLATE.functions().stream()
                .map(FunctionDef::codeUri)
                .filter(codeUri -> !CODE_URI.matcher(codeUri).matches())
                .toList();
        assertEquals(List.of(), elsewhere, "CodeUri outside functions/<module>/target/function.jar");
    }

    @Test
    void every_module_under_functions_is_deployed_by_the_template() throws IOException {
        Set<String> deployed = TEMPLATE.functions().stream()
                .map(function -> CODE_URI.matcher(function.codeUri()))
                .filter(Matcher::matches)
                .map(matcher -> matcher.group(1))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(
                deployed, modulesUnder("functions"), "functions/ must hold the deployed functions and nothing else");
    }

    @Test
    void every_library_ships_inside_a_function_and_nothing_local_does() throws Exception {
        Set<String> libraries = artifactIds(modulesUnder("libraries"), "libraries");
        Set<String> localOnly = artifactIds(modulesUnder("local"), "local");
        Set<String> shipped = new TreeSet<>();
        List<String> localInAJar = new ArrayList<>();
        for (String function : modulesUnder("functions")) {
            for (Element dependency :
                    dependencies(ROOT.resolve("functions").resolve(function).resolve("pom.xml"))) {
                String artifact = text(dependency, "artifactId");
                String scope = text(dependency, "scope");
                boolean packaged = scope.isEmpty() || scope.equals("compile") || scope.equals("runtime");
                if (packaged && libraries.contains(artifact)) {
                    shipped.add(artifact);
                }
                if (packaged && localOnly.contains(artifact)) {
                    localInAJar.add(function + " -> " + artifact);
                }
            }
        }
        // a library reaches a jar directly or through another library (aws brings core)
        for (String library : libraries) {
            assertTrue(
                    shipped.contains(library) || usedByAShippedLibrary(library, shipped),
                    () -> "libraries/" + library + " is in no function's jar: it belongs in local/ or testing/");
        }
        assertEquals(List.of(), localInAJar, "a local-only module would ship to AWS");
    }

    @Test
    void every_maven_module_lives_in_one_of_the_named_folders() throws Exception {
        List<String> misplaced = new ArrayList<>();
        NodeList modules = parse(ROOT.resolve("pom.xml")).getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            String module = modules.item(i).getTextContent().trim();
            if (!TOP_LEVEL_FOLDERS.contains(module.split("/")[0])) {
                misplaced.add(module);
            }
        }
        assertEquals(List.of(), misplaced, "modules outside " + TOP_LEVEL_FOLDERS);
    }

    private static boolean usedByAShippedLibrary(String library, Set<String> shipped) throws Exception {
        for (String user : shipped) {
            Path pom = ROOT.resolve("libraries").resolve(moduleFolderOf(user)).resolve("pom.xml");
            for (Element dependency : dependencies(pom)) {
                if (text(dependency, "artifactId").equals(library)
                        && text(dependency, "scope").isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String moduleFolderOf(String artifactId) throws Exception {
        for (String folder : modulesUnder("libraries")) {
            if (artifactId(ROOT.resolve("libraries").resolve(folder)).equals(artifactId)) {
                return folder;
            }
        }
        throw new IllegalArgumentException(artifactId);
    }

    private static Set<String> modulesUnder(String folder) throws IOException {
        try (Stream<Path> children = Files.list(ROOT.resolve(folder))) {
            return children.filter(child -> Files.isRegularFile(child.resolve("pom.xml")))
                    .map(child -> child.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> artifactIds(Set<String> folders, String parent) throws Exception {
        Set<String> ids = new TreeSet<>();
        for (String folder : folders) {
            ids.add(artifactId(ROOT.resolve(parent).resolve(folder)));
        }
        return ids;
    }

    private static String artifactId(Path module) throws Exception {
        Element project = parse(module.resolve("pom.xml")).getDocumentElement();
        for (var child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getTagName().equals("artifactId")) {
                return element.getTextContent().trim();
            }
        }
        throw new IllegalStateException("no artifactId in " + module);
    }

    private static List<Element> dependencies(Path pom) throws Exception {
        List<Element> found = new ArrayList<>();
        NodeList all = parse(pom).getElementsByTagName("dependency");
        for (int i = 0; i < all.getLength(); i++) {
            Element dependency = (Element) all.item(i);
            // only the module's own dependencies, not a plugin's
            if (dependency.getParentNode().getParentNode().getNodeName().equals("project")) {
                found.add(dependency);
            }
        }
        return found;
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }

    private static Document parse(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }
}
