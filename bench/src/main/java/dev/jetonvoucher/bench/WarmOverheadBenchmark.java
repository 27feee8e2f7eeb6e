package dev.jetonvoucher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * Warm acceptance overhead of each build: {@code WarmOverheadProbe} in a JVM on the build's sale and payout jars
 * (the handlers, invoked directly) against the bare DynamoDB/SQS calls they make.
 */
final class WarmOverheadBenchmark {

    static final String PROBE = "dev.jetonvoucher.bench.probe.WarmOverheadProbe";

    record Result(
            String build,
            int iterations,
            double saleHandlerP50,
            double saleBareP50,
            double saleHandlerP99,
            double saleBareP99,
            double payoutHandlerP50,
            double payoutBareP50,
            double payoutHandlerP99,
            double payoutBareP99) {

        static Result of(String build, JsonNode probe) {
            return new Result(
                    build,
                    probe.path("iterations").asInt(),
                    probe.path("sale_handler_p50_ms").asDouble(),
                    probe.path("sale_bare_p50_ms").asDouble(),
                    probe.path("sale_handler_p99_ms").asDouble(),
                    probe.path("sale_bare_p99_ms").asDouble(),
                    probe.path("payout_handler_p50_ms").asDouble(),
                    probe.path("payout_bare_p50_ms").asDouble(),
                    probe.path("payout_handler_p99_ms").asDouble(),
                    probe.path("payout_bare_p99_ms").asDouble());
        }
    }

    private final BenchDeployment deployment;
    private final Path probesJar;

    WarmOverheadBenchmark(BenchDeployment deployment, Path probesJar) {
        this.deployment = deployment;
        this.probesJar = probesJar;
    }

    Result run(Artifacts build, int warmUp, int iterations) {
        var sale = build.template().function("GateSaleFunction");
        var payout = build.template().function("GatePayoutFunction");
        ChildJvm.Outcome outcome = ChildJvm.run(
                // The sandbox jar last: the handlers load from their own jars first, while the probe's own queue
                // housekeeping (receive, purge) finds the SDK classes a function jar leaves out (issue 16 §3).
                List.of(build.functionJar(sale), build.functionJar(payout), probesJar, build.sandboxJar()),
                List.of(ColdStartBenchmark.JVM_FLAGS),
                PROBE,
                List.of(
                        sale.handlerClass(),
                        payout.handlerClass(),
                        Long.toString(BenchDeployment.PROJECT_ID),
                        BenchDeployment.SECRET,
                        "0",
                        Integer.toString(warmUp),
                        Integer.toString(iterations),
                        "warm-" + deployment.runTag + "-" + build.label()),
                deployment.environmentFor(sale, deployment.freshResources("warm-" + build.label())));
        return Result.of(build.label(), outcome.result());
    }
}
