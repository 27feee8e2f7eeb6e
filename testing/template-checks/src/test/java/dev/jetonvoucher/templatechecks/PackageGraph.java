package dev.jetonvoucher.templatechecks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The project's packages and which refers to which, with the class references behind each edge, and the
 * two architecture rules checked on it: no package cycles, and the layering (README "Layers").
 *
 * <p>Layers, from the inside out: the <b>domain</b> (every {@code dev.jetonvoucher} package not named
 * below: gate, workflow, payment, signing, ..., and the analysis library), the <b>adapters</b>
 * ({@code aws}, {@code aws.lambda}, the in-memory {@code memory}), the <b>functions</b>
 * ({@code functions.<name>}, one per deployed Lambda), and the <b>tools</b> that run or test the whole
 * (sandbox, the local AWS runtime, bench, test modules). A package may use its own layer and the layers
 * inside it, never one outside; a function never uses another function; the domain uses no AWS type.
 */
final class PackageGraph {

    static final String PROJECT = "dev.jetonvoucher.";
    private static final String FUNCTIONS = PROJECT + "functions.";
    private static final List<String> AWS_TYPES = List.of("software.amazon.", "com.amazonaws.");
    private static final Set<String> ADAPTERS = Set.of("aws", "memory");
    private static final Set<String> TOOLS =
            Set.of("sandbox", "local", "bench", "templatechecks", "reliability", "browsertests", "fixtures");

    enum Layer {
        DOMAIN,
        ADAPTER,
        FUNCTION,
        TOOL
    }

    /** from package -> to package -> "FromClass -> ToClass" lines */
    private final Map<String, Map<String, SortedSet<String>>> edges = new TreeMap<>();

    void add(ClassReferences references) {
        for (String target : references.referenced()) {
            add(references.className(), target);
        }
    }

    /** Records that class {@code from} refers to class {@code to} (dotted names; nested classes with {@code $}). */
    void add(String fromClass, String toClass) {
        if (!fromClass.startsWith(PROJECT)) {
            return;
        }
        String from = packageOf(fromClass);
        String to = packageOf(toClass);
        if (!from.equals(to)) {
            edges.computeIfAbsent(from, p -> new TreeMap<>())
                    .computeIfAbsent(to, p -> new TreeSet<>())
                    .add(fromClass + " -> " + toClass);
        }
    }

    Set<String> packages() {
        return edges.keySet();
    }

    /** Every set of project packages that reach each other (a strongly connected component of more than one). */
    List<SortedSet<String>> cycles() {
        return new Tarjan().components();
    }

    /** One line per cycle, naming the class references that close it. */
    List<String> describeCycles() {
        List<String> lines = new ArrayList<>();
        for (SortedSet<String> cycle : cycles()) {
            StringBuilder line = new StringBuilder("cycle among " + cycle + ":");
            for (String from : cycle) {
                edges.getOrDefault(from, Map.of()).forEach((to, references) -> {
                    if (cycle.contains(to)) {
                        line.append("\n    ")
                                .append(from)
                                .append(" -> ")
                                .append(to)
                                .append(": ")
                                .append(references);
                    }
                });
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** One line per package dependency against the layering, naming the classes behind it. */
    List<String> layeringViolations() {
        List<String> lines = new ArrayList<>();
        edges.forEach((from, targets) -> targets.forEach((to, references) -> {
            String rule = brokenRule(from, to);
            if (rule != null) {
                lines.add(from + " -> " + to + " (" + rule + "): " + references);
            }
        }));
        return lines;
    }

    /** The rule a dependency of package {@code from} on package {@code to} breaks, or null if it keeps them all. */
    static String brokenRule(String from, String to) {
        Layer fromLayer = layerOf(from);
        if (!to.startsWith(PROJECT)) {
            boolean aws = AWS_TYPES.stream().anyMatch(to::startsWith);
            return fromLayer == Layer.DOMAIN && aws ? "the domain uses no AWS type" : null;
        }
        Layer toLayer = layerOf(to);
        if (toLayer.compareTo(fromLayer) > 0) {
            return "a " + fromLayer.name().toLowerCase() + " package must not use the outer "
                    + toLayer.name().toLowerCase() + " layer";
        }
        if (fromLayer == Layer.FUNCTION
                && toLayer == Layer.FUNCTION
                && !functionOf(from).equals(functionOf(to))) {
            return "a function never uses another function";
        }
        return null;
    }

    static Layer layerOf(String packageName) {
        if (!packageName.startsWith(PROJECT)) {
            throw new IllegalArgumentException(packageName + " is not a project package");
        }
        String top = packageName.substring(PROJECT.length()).split("\\.")[0];
        if (top.equals("functions")) {
            return Layer.FUNCTION;
        }
        if (ADAPTERS.contains(top)) {
            return Layer.ADAPTER;
        }
        return TOOLS.contains(top) ? Layer.TOOL : Layer.DOMAIN;
    }

    private static String functionOf(String packageName) {
        return packageName.substring(FUNCTIONS.length()).split("\\.")[0];
    }

    static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    /** Tarjan's strongly connected components over the project packages, iterative (no deep recursion). */
    private final class Tarjan {
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> lowLink = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<SortedSet<String>> components = new ArrayList<>();

        List<SortedSet<String>> components() {
            for (String node : edges.keySet()) {
                if (!index.containsKey(node)) {
                    visit(node);
                }
            }
            return components;
        }

        private List<String> successors(String node) {
            return edges.getOrDefault(node, Map.of()).keySet().stream()
                    .filter(p -> p.startsWith(PROJECT))
                    .toList();
        }

        private void visit(String root) {
            Deque<Map.Entry<String, java.util.Iterator<String>>> work = new ArrayDeque<>();
            open(root, work);
            while (!work.isEmpty()) {
                Map.Entry<String, java.util.Iterator<String>> top = work.peek();
                String node = top.getKey();
                if (top.getValue().hasNext()) {
                    String next = top.getValue().next();
                    if (!index.containsKey(next)) {
                        open(next, work);
                    } else if (onStack.contains(next)) {
                        lowLink.merge(node, index.get(next), Math::min);
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    lowLink.merge(work.peek().getKey(), lowLink.get(node), Math::min);
                }
                if (lowLink.get(node).equals(index.get(node))) {
                    SortedSet<String> component = new TreeSet<>();
                    String member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        component.add(member);
                    } while (!member.equals(node));
                    if (component.size() > 1) {
                        components.add(component);
                    }
                }
            }
        }

        private void open(String node, Deque<Map.Entry<String, java.util.Iterator<String>>> work) {
            index.put(node, index.size());
            lowLink.put(node, index.get(node));
            stack.push(node);
            onStack.add(node);
            work.push(Map.entry(node, successors(node).iterator()));
        }
    }
}
