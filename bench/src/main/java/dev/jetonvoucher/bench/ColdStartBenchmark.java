package dev.jetonvoucher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetonvoucher.local.FunctionDef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Cold starts: every function of template.yaml started in a fresh JVM from its own package (extracted, as Lambda
 * extracts it into /var/task), serving one real event, against the floor (a fresh JVM making one DynamoDB call), run
 * just before each function in every round. Rounds interleave everything, so slow and fast moments of the shared
 * machine fall on all sides alike. Each build is measured twice: a plain cold start (no SnapStart), and SnapStart-like
 * (init, then the CRaC hooks the function registered, then the timed first invocation, which is what a restored
 * snapshot serves).
 */
final class ColdStartBenchmark {

    static final String PROBE = "dev.jetonvoucher.bench.probe.ColdStartProbe";
    static final String FLOOR_PROBE = "dev.jetonvoucher.bench.probe.FloorProbe";
    static final String CRAC_COMPAT = "-Dorg.crac.Core.Compat=dev.jetonvoucher.bench.probe.crac";
    /** What the brief and the notes measure the floor with; the functions get this plus template.yaml's JAVA_TOOL_OPTIONS. */
    static final String JVM_FLAGS = "-XX:TieredStopAtLevel=1";
    /**
     * Diagnostics, not figures: extra JVM options for every probe of the cold start (functions and floor), with
     * {@code {run}} replaced by the run's name ({@code <lane>-<function>-<round>}), for example
     * {@code -Xlog:class+load:file=/tmp/cold/{run}.log:uptime}. The probe loads a marker class between its stages
     * ({@code ColdStartProbe$Hooks}, {@code $Invocation}, {@code $Answered}), so a class-load log shows which stage
     * loaded what. Timings taken with such options are not the benchmark's.
     */
    static final String EXTRA_JVM_OPTIONS = "BENCH_COLD_JVM_OPTIONS";

    /**
     * Diagnostics, not figures: a comma-separated list of the functions to run (logical ids), the others left out, so
     * that one function can be looked at over many rounds. A function whose event another one makes needs that one
     * listed too: {@code ExportFunction,ExportWorkerFunction}; the sale's functions need {@code GateSaleFunction}.
     */
    static final String ONLY_FUNCTIONS = "BENCH_COLD_FUNCTIONS";

    /**
     * @param memoryMb 0: the machine's CPU, uncapped; else run in a cgroup at Lambda's CPU share of this MemorySize
     *     ({@link LambdaCpuShare})
     */
    record Lane(String id, Artifacts build, boolean snapStart, int memoryMb) {

        static String id(String label, boolean snapStart, int memoryMb) {
            return label + (snapStart ? "-snapstart" : "-cold") + (memoryMb == 0 ? "" : "@" + memoryMb);
        }
    }

    /** The samples of one function in one lane. */
    static final class Samples {
        final List<Double> wall = new ArrayList<>();
        /** The wall time less what the Lambda runtime's event serializer took (building it, reading, writing). */
        final List<Double> wallWithoutSerializer = new ArrayList<>();

        final List<Double> cpu = new ArrayList<>();
        final List<Double> init = new ArrayList<>();
        final List<Double> firstInvoke = new ArrayList<>();
        final List<Double> handle = new ArrayList<>();
        final List<Double> checkpoint = new ArrayList<>();
        int cracResources = -1;

        void addAll(Samples other) {
            wall.addAll(other.wall);
            wallWithoutSerializer.addAll(other.wallWithoutSerializer);
            cpu.addAll(other.cpu);
            init.addAll(other.init);
            firstInvoke.addAll(other.firstInvoke);
            handle.addAll(other.handle);
            checkpoint.addAll(other.checkpoint);
            cracResources = other.cracResources;
        }
    }

    /**
     * @param baselineFailures by function: why an earlier build's lane (bench/run --baseline) has no figure for it
     *     although that build has the function: it did not serve its real event (an earlier build's functions run on
     *     this tree's tables and events, which they may not know: an index it renamed since, say)
     */
    record Results(
            List<Lane> lanes,
            List<String> functions,
            Map<String, Map<String, Samples>> byFunctionThenLane,
            Samples floor,
            int rounds,
            List<Integer> cappedMemory,
            Map<Integer, Samples> cappedFloors,
            String cappedUnavailable,
            Map<String, String> baselineFailures) {

        Results {
            baselineFailures = Collections.unmodifiableMap(new LinkedHashMap<>(baselineFailures));
        }

        Samples get(String function, String laneId) {
            Map<String, Samples> lanes = byFunctionThenLane.get(function);
            return lanes == null ? null : lanes.get(laneId);
        }
    }

    private final BenchDeployment deployment;
    private final Path probesJar;
    private final Path serializationJar;
    private final Consumer<String> progress;

    ColdStartBenchmark(BenchDeployment deployment, Path probesJar, Path serializationJar, Consumer<String> progress) {
        this.deployment = deployment;
        this.probesJar = probesJar;
        this.serializationJar = serializationJar;
        this.progress = progress;
    }

    Results run(List<Artifacts> builds, int rounds) {
        return run(builds, rounds, List.of());
    }

    /**
     * @param cappedMemory MemorySizes at whose Lambda CPU share this build's HTTP functions (whose cold start a caller
     *     waits for) and the floor are also measured, plain and SnapStart-like; skipped, with the reason in the
     *     results, where no cgroup can be made
     */
    Results run(List<Artifacts> builds, int rounds, List<Integer> cappedMemory) {
        List<Lane> lanes = new ArrayList<>();
        for (Artifacts build : builds) {
            lanes.add(new Lane(Lane.id(build.label(), false, 0), build, false, 0));
        }
        Artifacts current = builds.get(builds.size() - 1);
        lanes.add(new Lane(Lane.id(current.label(), true, 0), current, true, 0));
        String unavailable = null;
        List<Integer> capped = List.of();
        if (!cappedMemory.isEmpty()) {
            LambdaCpuShare.Availability availability = LambdaCpuShare.open();
            if (availability.available()) {
                share = availability.share();
                capped = List.copyOf(cappedMemory);
                for (int memory : capped) {
                    lanes.add(new Lane(Lane.id(current.label(), false, memory), current, false, memory));
                    lanes.add(new Lane(Lane.id(current.label(), true, memory), current, true, memory));
                }
            } else {
                unavailable = availability.reason();
                progress.accept("cold start at Lambda's CPU share skipped: " + unavailable);
            }
        }
        List<String> functions = functionOrder(current);
        Map<String, Map<String, Samples>> samples = new LinkedHashMap<>();
        Samples floor = new Samples();
        Map<Integer, Samples> cappedFloors = new LinkedHashMap<>();
        Map<String, String> baselineFailures = new LinkedHashMap<>();
        if (functions.contains("ExportWorkerFunction")) {
            progress.accept("cold start: seeding the export's day (" + ColdStartInputs.EXPORT_ROWS + " payments)");
            ColdStartInputs.seedExportDay(deployment);
        }
        for (int round = 1; round <= rounds; round++) {
            progress.accept("cold start round " + round + "/" + rounds);
            Map<String, ColdStartInputs> inputs = new LinkedHashMap<>();
            for (Lane lane : lanes) {
                inputs.put(lane.id(), new ColdStartInputs(deployment, lane.id().replace("@", "-at"), round));
            }
            for (String function : functions) {
                // The floor beside each function: a run takes 15-60 minutes on a shared machine, and the two floor
                // runs of a round at its start and end read 656 and 778 ms in one round, which alone moves a ratio of
                // 1.2 between 1.1 and 1.3.
                runFloor(current, floor, 0);
                if (!current.template().function(function).httpRoutes().isEmpty()) {
                    for (int memory : capped) {
                        runFloor(current, cappedFloors.computeIfAbsent(memory, m -> new Samples()), memory);
                    }
                }
                for (Lane lane : lanes) {
                    if (lane.build().template().functions().stream()
                            .noneMatch(f -> f.logicalId().equals(function))) {
                        continue; // a function this build did not have yet
                    }
                    if (lane.memoryMb() != 0
                            && lane.build()
                                    .template()
                                    .function(function)
                                    .httpRoutes()
                                    .isEmpty()) {
                        continue; // a queue worker: no caller waits for its cold start
                    }
                    if (lane.build() != current && baselineFailures.containsKey(function)) {
                        continue; // failed its real event in an earlier round
                    }
                    Samples target = new Samples();
                    try {
                        runFunction(lane, lane.build().template().function(function), inputs.get(lane.id()), target);
                    } catch (RuntimeException failed) {
                        if (lane.build() == current) {
                            throw failed;
                        }
                        // An earlier build's function that cannot do this tree's work: no figure, and the reason.
                        String reason = String.valueOf(failed.getMessage());
                        baselineFailures.put(
                                function,
                                lane.id() + ": " + (reason.length() > 300 ? reason.substring(0, 300) + "…" : reason));
                        progress.accept("cold start: " + function + " of " + lane.id()
                                + " did not serve its real event, not measured: " + reason);
                        continue;
                    }
                    Samples kept = samples.computeIfAbsent(function, f -> new LinkedHashMap<>())
                            .computeIfAbsent(lane.id(), l -> new Samples());
                    kept.addAll(target);
                }
            }
        }
        for (String function : baselineFailures.keySet()) {
            // a figure of an earlier round would stand for a build that failed in a later one
            Map<String, Samples> byLane = samples.get(function);
            if (byLane != null) {
                byLane.keySet()
                        .removeIf(laneId ->
                                lanes.stream().anyMatch(lane -> lane.id().equals(laneId) && lane.build() != current));
            }
        }
        return new Results(
                lanes, functions, samples, floor, rounds, capped, cappedFloors, unavailable, baselineFailures);
    }

    private LambdaCpuShare share;

    /** Runs the child, in a cgroup at the MemorySize's CPU share when it is not 0; the cgroup is removed after it. */
    private ChildJvm.Outcome runChild(
            int memoryMb,
            List<Path> classPath,
            List<String> jvmOptions,
            String mainClass,
            List<String> arguments,
            Map<String, String> environment) {
        if (memoryMb == 0) {
            return ChildJvm.run(classPath, jvmOptions, mainClass, arguments, environment);
        }
        Path group;
        try {
            group = share.create(memoryMb);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create a cgroup for " + memoryMb + " MB", e);
        }
        try {
            List<String> options = new ArrayList<>(jvmOptions);
            options.addAll(LambdaCpuShare.jvmOptions(memoryMb));
            return ChildJvm.run(LambdaCpuShare.launcher(group), classPath, options, mainClass, arguments, environment);
        } finally {
            LambdaCpuShare.remove(group);
        }
    }

    private void runFunction(Lane lane, FunctionDef function, ColdStartInputs inputs, Samples target) {
        Path event = inputs.eventFor(function);
        List<String> jvmOptions = withExtraOptions(
                lane.snapStart() ? List.of(JVM_FLAGS, CRAC_COMPAT) : List.of(JVM_FLAGS),
                lane.id().replace('@', '-') + "-" + function.logicalId() + "-" + inputs.round());
        List<String> arguments = lane.snapStart()
                ? List.of(function.handlerClass(), event.toString(), "--snapstart")
                : List.of(function.handlerClass(), event.toString());
        ChildJvm.Outcome outcome = runChild(
                lane.memoryMb(),
                List.of(lane.build().taskRoot(function), probesJar, serializationJar),
                jvmOptions,
                PROBE,
                arguments,
                deployment.environmentFor(function));
        inputs.verify(function, outcome.result());
        JsonNode result = outcome.result();
        double serializer = result.path("init_ms").asDouble()
                - result.path("constructor_ms").asDouble()
                + result.path("first_invoke_ms").asDouble()
                - result.path("handle_ms").asDouble();
        target.wall.add(outcome.wallMillis());
        target.wallWithoutSerializer.add(outcome.wallMillis() - serializer);
        target.cpu.add(result.path("cpu_ms").asDouble());
        target.init.add(result.path("init_ms").asDouble());
        target.firstInvoke.add(result.path("first_invoke_ms").asDouble());
        target.handle.add(result.path("handle_ms").asDouble());
        target.checkpoint.add(result.path("checkpoint_ms").asDouble());
        target.cracResources = result.path("crac_resources").asInt(-1);
    }

    private void runFloor(Artifacts current, Samples floor, int memoryMb) {
        Map<String, String> sdkOnly = new LinkedHashMap<>();
        Map<String, String> functionEnvironment =
                deployment.environmentFor(current.template().function("GateSaleFunction"));
        for (String name : List.of("AWS_ENDPOINT_URL", "AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")) {
            sdkOnly.put(name, functionEnvironment.get(name));
        }
        ChildJvm.Outcome outcome = runChild(
                memoryMb,
                List.of(current.taskRoot("GateSaleFunction"), probesJar),
                withExtraOptions(
                        List.of(JVM_FLAGS), "floor-" + (memoryMb == 0 ? "" : memoryMb + "-") + floor.wall.size()),
                FLOOR_PROBE,
                List.of(deployment.resources.tableName("PaymentsTable")),
                sdkOnly);
        floor.wall.add(outcome.wallMillis());
        floor.wallWithoutSerializer.add(outcome.wallMillis());
        floor.cpu.add(outcome.result().path("cpu_ms").asDouble());
        floor.handle.add(outcome.result().path("first_invoke_ms").asDouble());
        floor.init.add(outcome.result().path("init_ms").asDouble());
        floor.firstInvoke.add(outcome.result().path("first_invoke_ms").asDouble());
    }

    private static List<String> withExtraOptions(List<String> options, String run) {
        String extra = System.getenv(EXTRA_JVM_OPTIONS);
        if (extra == null || extra.isBlank()) {
            return options;
        }
        List<String> all = new ArrayList<>(options);
        for (String option : extra.trim().split("\\s+")) {
            all.add(option.replace("{run}", run));
        }
        return all;
    }

    /** The known functions in the order their inputs arise, then any other function of the template. */
    private static List<String> functionOrder(Artifacts build) {
        return functionOrder(
                build.template().functions().stream()
                        .map(FunctionDef::logicalId)
                        .toList(),
                System.getenv(ONLY_FUNCTIONS));
    }

    /**
     * @param only {@link #ONLY_FUNCTIONS}'s value, or null: every function
     * @throws IllegalArgumentException when {@code only} names a function the template does not have
     */
    static List<String> functionOrder(List<String> inTemplate, String only) {
        List<String> order = new ArrayList<>();
        for (String known : ColdStartInputs.KNOWN_ORDER) {
            if (inTemplate.contains(known)) {
                order.add(known);
            }
        }
        for (String function : inTemplate) {
            if (!order.contains(function)) {
                order.add(function);
            }
        }
        if (only != null && !only.isBlank()) {
            List<String> wanted = List.of(only.trim().split("\\s*,\\s*"));
            for (String function : wanted) {
                if (!inTemplate.contains(function)) {
                    throw new IllegalArgumentException(
                            ONLY_FUNCTIONS + ": no function " + function + " in template.yaml");
                }
            }
            order.retainAll(wanted);
        }
        return order;
    }
}
