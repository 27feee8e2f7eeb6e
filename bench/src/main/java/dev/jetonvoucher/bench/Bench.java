package dev.jetonvoucher.bench;

import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.logging.Log;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bench/run}: measures cold start, warm overhead, signing and sandbox throughput and package sizes of this
 * build (and of a baseline build, side by side, with {@code --baseline}), prints the tables and writes
 * BENCHMARKS.md. Every repetition count is bounded; see {@link #usage()}.
 */
public final class Bench {

    private Bench() {}

    static final class Options {
        int rounds = 5;
        int warmUp = 300;
        int warmIterations = 1000;
        int signingWindows = 5;
        int clients = 8;
        int sandboxWarmUp = 200;
        int sales = 600;
        /** Issue 18's table: payments in the period. The full run adds 100000 (see README, "Benchmarks"). */
        int[] analysisSizes = {250, 1_000, 10_000, 100_000};

        int analysisWriters = 4;
        Path baseline;
        String baselineNote;
        String afterNote = "this working tree";
        Path output;
        /** Every section bench/run knows (--only picks among them). */
        static final Set<String> SECTIONS =
                Set.of("cold", "warm", "signing", "sandbox", "analysis", "size", "export", "cost");

        Set<String> only = SECTIONS;
        boolean help;
        int costRepetitions = 3;
        /** Empty: the template's MemorySize; else one cost run per size, with Lambda's CPU share at it. */
        List<Integer> costMemory = List.of();
        /**
         * Empty: the cold start on the machine's CPU only; else also at each size's Lambda CPU share (a cgroup capped
         * at MB / 1,769 of one CPU), this build's HTTP functions and the floor.
         */
        List<Integer> coldMemory = List.of();

        List<Integer> exportRows = List.of(10_000, 100_000, 1_000_000);
        /** Exports read from the PaymentsTable end to end (issue 18: the same peak memory at 100,000 as at 10,000). */
        List<Integer> exportTableRows = List.of(10_000, 100_000);

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--rounds" -> options.rounds = positive(value, args[i++]);
                    case "--warm-up" -> options.warmUp = positive(value, args[i++]);
                    case "--warm-iterations" -> options.warmIterations = positive(value, args[i++]);
                    case "--clients" -> options.clients = positive(value, args[i++]);
                    case "--sales" -> options.sales = positive(value, args[i++]);
                    case "--analysis-sizes" ->
                        options.analysisSizes = java.util.Arrays.stream(
                                        required(value, args[i++]).split(","))
                                .mapToInt(size -> positive(size.trim(), "--analysis-sizes"))
                                .toArray();
                    case "--analysis-writers" -> options.analysisWriters = positive(value, args[i++]);
                    case "--baseline" -> options.baseline = Path.of(required(value, args[i++]));
                    case "--baseline-note" -> options.baselineNote = required(value, args[i++]);
                    case "--after-note" -> options.afterNote = required(value, args[i++]);
                    case "--output" -> options.output = Path.of(required(value, args[i++]));
                    case "--export-rows" ->
                        options.exportRows = java.util.Arrays.stream(
                                        required(value, args[i++]).split(","))
                                .map(rows -> positive(rows, "--export-rows"))
                                .toList();
                    case "--cost-repetitions" -> options.costRepetitions = positive(value, args[i++]);
                    case "--cost-memory" ->
                        options.costMemory = java.util.Arrays.stream(
                                        required(value, args[i++]).split(","))
                                .map(size -> positive(size.trim(), "--cost-memory"))
                                .toList();
                    case "--cold-memory" ->
                        options.coldMemory = java.util.Arrays.stream(
                                        required(value, args[i++]).split(","))
                                .map(size -> positive(size.trim(), "--cold-memory"))
                                .toList();
                    case "--export-table-rows" ->
                        options.exportTableRows = java.util.Arrays.stream(
                                        required(value, args[i++]).split(","))
                                .map(rows -> positive(rows, "--export-table-rows"))
                                .toList();
                    case "--only" -> options.only = sections(required(value, args[i++]));
                    case "-h", "--help" -> options.help = true;
                    case "--quick" -> {
                        options.rounds = 2;
                        options.warmUp = 100;
                        options.warmIterations = 200;
                        options.signingWindows = 3;
                        options.sandboxWarmUp = 50;
                        options.sales = 300;
                        options.analysisSizes = new int[] {250, 1_000};
                        options.exportRows = List.of(1_000, 10_000);
                        options.costRepetitions = 1;
                        options.exportTableRows = List.of(1_000);
                    }
                    default -> throw new UsageException("unknown option " + args[i]);
                }
            }
            return options;
        }

        private static String required(String value, String option) {
            if (value == null) {
                throw new UsageException(option + " needs a value");
            }
            return value;
        }

        private static int positive(String value, String option) {
            int number;
            try {
                number = Integer.parseInt(required(value, option).trim());
            } catch (NumberFormatException notANumber) {
                throw new UsageException(option + " needs a whole number, got '" + value + "'");
            }
            if (number < 1) {
                throw new UsageException(option + " must be at least 1, got " + number);
            }
            return number;
        }

        /** A typo in a section name would silently skip that section, so every name must be known. */
        private static Set<String> sections(String list) {
            Set<String> sections = new java.util.LinkedHashSet<>();
            for (String name : list.split(",")) {
                String section = name.trim();
                if (!SECTIONS.contains(section)) {
                    throw new UsageException("--only: unknown section '" + section + "' (the sections: "
                            + String.join(", ", new java.util.TreeSet<>(SECTIONS)) + ")");
                }
                sections.add(section);
            }
            return Set.copyOf(sections);
        }
    }

    /** Bad command line: the message and the usage go to stderr, exit status 2, no stack trace. */
    static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }

    /** The text bench/run prints for --help; the script prints the same file before building. */
    static String usage() {
        java.io.InputStream text = Bench.class.getResourceAsStream("usage.txt");
        if (text == null) {
            throw new IllegalStateException("usage.txt is missing from the bench module's class path");
        }
        try (text) {
            return new String(text.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException unreadable) {
            throw new java.io.UncheckedIOException(unreadable);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException badCommandLine) {
            System.err.println("bench/run: " + badCommandLine.getMessage() + "\n");
            System.err.print(usage());
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.print(usage());
            return;
        }
        Path root = SamTemplate.locate().getParent();
        Path output = options.output != null ? options.output : root.resolve("BENCHMARKS.md");
        Path probesJar = probesJar(root);
        Path serializationJar = classPathEntry("aws-lambda-java-serialization");
        List<Artifacts> builds = new ArrayList<>();
        Map<String, String> notes = new LinkedHashMap<>();
        if (options.baseline != null) {
            builds.add(Artifacts.of("before", options.baseline));
            notes.put("before", options.baselineNote != null ? options.baselineNote : options.baseline.toString());
        }
        builds.add(Artifacts.of("after", root));
        notes.put("after", options.afterNote);
        // The in-process wiring logs; the figures are what this command prints.
        Log.configure(new PrintStream(OutputStream.nullOutputStream()), false);

        Report report;
        try (BenchDeployment deployment = new BenchDeployment(root, root.resolve("bench/out/run"))) {
            progress("local endpoint " + deployment.endpoint + ", template resources prefixed bench-"
                    + deployment.runTag);
            report = new Report()
                    .header(
                            Machine.current(),
                            deployment.endpoint.kind() + " at " + deployment.endpoint.endpoint()
                                    + (deployment.endpoint.kind().equals("moto")
                                            ? " (moto " + motoVersion() + ", DynamoDB requests serialised)"
                                            : ""),
                            "bench/run " + String.join(" ", args),
                            builds,
                            notes);
            if (options.only.contains("cold")) {
                report.coldStart(
                        new ColdStartBenchmark(deployment, probesJar, serializationJar, Bench::progress)
                                .run(builds, options.rounds, options.coldMemory),
                        builds);
            }
            if (options.only.contains("warm")) {
                List<WarmOverheadBenchmark.Result> warm = new ArrayList<>();
                for (Artifacts build : builds) {
                    progress("warm overhead: " + build.label());
                    warm.add(new WarmOverheadBenchmark(deployment, probesJar)
                            .run(build, options.warmUp, options.warmIterations));
                }
                report.warmOverhead(warm, options.warmUp);
            }
            if (options.only.contains("signing")) {
                List<SigningBenchmark.Result> signing = new ArrayList<>();
                SigningBenchmark benchmark = new SigningBenchmark(probesJar);
                for (Artifacts build : builds) {
                    progress("signing: " + build.label());
                    signing.add(benchmark.run(build, options.signingWindows));
                }
                progress("signing: the official JS SDK, alternated with this build");
                SigningBenchmark.OfficialSdk officialSdk = benchmark.officialJsSdk(
                        root,
                        builds.get(builds.size() - 1),
                        signing.get(signing.size() - 1),
                        options.signingWindows,
                        3);
                progress("signing: the official Java SDK, if " + SigningBenchmark.JAVA_SDK + " names it");
                SigningBenchmark.JavaSdk javaSdk = benchmark.officialJavaSdk(
                        builds.get(builds.size() - 1), signing.get(signing.size() - 1), options.signingWindows);
                report.signing(signing, officialSdk, javaSdk, options.signingWindows);
            }
            if (options.only.contains("sandbox")) {
                List<SandboxThroughputBenchmark.Result> sandbox = new ArrayList<>();
                for (Artifacts build : builds) {
                    progress("sandbox throughput: " + build.label());
                    sandbox.add(new SandboxThroughputBenchmark(deployment)
                            .run(build, options.clients, options.sandboxWarmUp, options.sales));
                }
                report.sandbox(sandbox);
            }
            if (options.only.contains("analysis")) {
                progress("analysis at scale: this build, " + java.util.Arrays.toString(options.analysisSizes)
                        + " payments");
                report.analysisScale(
                        new AnalysisScaleBenchmark(deployment, Bench::progress)
                                .run(options.analysisSizes, options.analysisWriters),
                        options.analysisWriters);
            }
            if (options.only.contains("export")) {
                List<ExportBenchmark.Result> exports = new ArrayList<>();
                Artifacts latest = builds.get(builds.size() - 1);
                ExportBenchmark benchmark = new ExportBenchmark(deployment, probesJar, Bench::progress);
                for (String format : List.of("csv", "xlsx")) {
                    for (int rows : options.exportTableRows) {
                        exports.add(benchmark.run(latest, rows, format, true));
                    }
                    for (int rows : options.exportRows) {
                        exports.add(benchmark.run(latest, rows, format, false));
                    }
                }
                report.markdown(ExportBenchmark.markdown(exports));
            }
            if (options.only.contains("cost")) {
                List<CostBenchmark.Result> costs = new ArrayList<>();
                CostBenchmark benchmark = new CostBenchmark(deployment, probesJar, Bench::progress);
                for (Artifacts build : builds) {
                    try {
                        // One run of the payments per build, billed at the template's sizes and at each --cost-memory.
                        List<Integer> sizes = new ArrayList<>(List.of(0));
                        sizes.addAll(options.costMemory);
                        costs.addAll(benchmark.run(build, options.costRepetitions, sizes));
                    } catch (Exception | LinkageError unmeasurable) {
                        // A build from before the meter (its sandbox has no invocation observer) has no cost row.
                        progress("cost: " + build.label() + " cannot be metered (" + unmeasurable + "); left out");
                        report.line("Cost: the " + build.label() + " build cannot be metered (its sandbox predates the"
                                + " invocation observer); its row is left out.");
                        report.line("");
                    }
                }
                long mappings = builds.get(builds.size() - 1).template().functions().stream()
                        .mapToLong(function -> function.sqsTriggers().size())
                        .sum();
                report.markdown(CostBenchmark.markdown(costs, (int) mappings));
                report.costTarget(costs, builds.get(builds.size() - 1).label());
            }
        }
        if (options.only.contains("size")) {
            report.packageSizes(builds);
        }
        report.targets()
                .seeAlso(
                        "bench/analysis.md",
                        "What each change did to these figures, the reading of the sandbox throughput and the"
                                + " reliability findings");
        System.out.println(report.text());
        Files.writeString(output, report.text());
        progress("wrote " + output);
    }

    private static void progress(String message) {
        System.err.println("bench: " + message);
    }

    private static Path probesJar(Path root) throws Exception {
        try (var jars = Files.list(root.resolve("bench/target"))) {
            return jars.filter(jar -> jar.getFileName().toString().endsWith("-probes.jar"))
                    .findFirst()
                    .orElseThrow(() ->
                            new IllegalStateException("bench/target/*-probes.jar missing: build the bench module"));
        }
    }

    private static Path classPathEntry(String artifact) {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains(artifact)) {
                return Path.of(entry);
            }
        }
        throw new IllegalStateException(artifact + " is not on the class path");
    }

    private static String motoVersion() {
        try {
            Process process = new ProcessBuilder("python3", "-c", "import moto; print(moto.__version__)")
                    .redirectErrorStream(true)
                    .start();
            String version = new String(process.getInputStream().readAllBytes()).trim();
            process.waitFor();
            return version;
        } catch (Exception e) {
            return "version unknown";
        }
    }
}
