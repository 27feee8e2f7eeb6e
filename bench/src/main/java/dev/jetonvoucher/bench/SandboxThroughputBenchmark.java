package dev.jetonvoucher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.signing.Signer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Sandbox throughput: the build's sandbox ({@code java -jar sandbox.jar}, as bin/sandbox runs it, on the bench's
 * endpoint) takes signed Gate sales over HTTP on loopback from N concurrent clients, with its SQS mappings
 * running (the asynchronous half works on the accepted sales meanwhile, as it does for a user). Measured against
 * what the endpoint itself sustains: raw PutItem calls of a payment-sized item from the same number of threads.
 */
final class SandboxThroughputBenchmark {

    private static final ObjectMapper JSON = Json.mapper();

    /**
     * @param salesCpu CPU time used while the measured sales were posted: by the endpoint ("moto", when the bench runs
     *     one), the sandbox's JVM ("sandbox"), the bench's JVM (the clients) and the whole machine
     * @param putItemsCpu the same while the raw PutItem calls ran (no sandbox yet)
     */
    record Result(
            String build,
            int clients,
            int sales,
            double salesPerSecond,
            double putItemsPerSecond,
            int putItemCount,
            int processors,
            CpuWindow.Used salesCpu,
            CpuWindow.Used putItemsCpu) {

        /** Milliseconds of CPU per accepted sale of one of the {@link CpuWindow.Used#processNanos} processes. */
        double processMillisPerSale(String process) {
            Long nanos = salesCpu.processNanos().get(process);
            return nanos == null ? Double.NaN : nanos / 1e6 / sales;
        }

        double machineMillisPerSale() {
            return salesCpu.machineNanos().isPresent() ? salesCpu.machineNanos().getAsLong() / 1e6 / sales : Double.NaN;
        }

        double machineMillisPerPutItem() {
            return putItemsCpu.machineNanos().isPresent()
                    ? putItemsCpu.machineNanos().getAsLong() / 1e6 / putItemCount
                    : Double.NaN;
        }

        double endpointMillisPerPutItem() {
            Long nanos = putItemsCpu.processNanos().get(ENDPOINT);
            return nanos == null ? Double.NaN : nanos / 1e6 / putItemCount;
        }
    }

    static final String ENDPOINT = "moto";
    static final String SANDBOX = "sandbox";

    private record PutItems(double perSecond, CpuWindow.Used cpu) {}

    private final BenchDeployment deployment;

    SandboxThroughputBenchmark(BenchDeployment deployment) {
        this.deployment = deployment;
    }

    Result run(Artifacts build, int clients, int warmUp, int sales) throws Exception {
        PutItems putItems = putItems(clients, sales);
        int port = freePort();
        // The provider keeps payments processing and the first polls are due after the measurement: the asynchronous
        // half dispatches meanwhile but finishes nothing, because moto copies a whole table on every
        // TransactWriteItems and those copies, not the acceptance, would set the pace.
        Path projects = deployment.file(
                "sandbox-projects-" + build.label() + ".json", BenchDeployment.projectFile(null, "stuck", 600));
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                ColdStartBenchmark.JVM_FLAGS,
                "-jar",
                build.sandboxJar().toString(),
                "--port",
                Integer.toString(port),
                "--projects",
                projects.toString(),
                "--aws-endpoint",
                deployment.endpoint.endpoint().toString());
        Process sandbox = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(deployment
                        .workDirectory
                        .resolve("sandbox-" + build.label() + ".log")
                        .toFile())
                .directory(build.root().toFile())
                .start(); // it finds its own template.yaml from there
        try {
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            String base = "http://127.0.0.1:" + port;
            awaitHealthy(http, base, sandbox);
            String prefix = "tp-" + deployment.runTag + "-" + build.label();
            postSales(http, base, clients, prefix + "-warm", warmUp);
            Map<String, ProcessHandle> processes = endpointProcess();
            processes.put(SANDBOX, sandbox.toHandle());
            CpuWindow.Snapshot before = CpuWindow.take(processes);
            postSales(http, base, clients, prefix, sales);
            CpuWindow.Used used = CpuWindow.between(before, CpuWindow.take(processes));
            return new Result(
                    build.label(),
                    clients,
                    sales,
                    sales / used.seconds(),
                    putItems.perSecond(),
                    sales,
                    Runtime.getRuntime().availableProcessors(),
                    used,
                    putItems.cpu());
        } finally {
            sandbox.destroy(); // SIGTERM: the sandbox's shutdown hook stops its pollers and HTTP server
            if (!sandbox.waitFor(20, TimeUnit.SECONDS)) {
                sandbox.destroyForcibly();
                sandbox.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Signs every body first, so the clients only send. Every sale must be accepted (HTTP 200). */
    private void postSales(HttpClient http, String base, int clients, String prefix, int count) throws Exception {
        Signer signer = new Signer(BenchDeployment.SECRET);
        List<String> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ObjectNode body = JSON.createObjectNode();
            body.putObject("general")
                    .put("project_id", BenchDeployment.PROJECT_ID)
                    .put("payment_id", prefix + "-" + i);
            body.putObject("customer").put("id", "customer-1").put("ip_address", "192.0.2.10");
            body.putObject("account")
                    .put("number", "4619000000000000017")
                    .put("expiration", "12/2030")
                    .put("security_code", "1234");
            body.putObject("payment").put("amount", 1000).put("currency", "EUR");
            bodies.add(signer.signInGeneral(body).toString());
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        HttpResponse<String> response = http.send(
                                HttpRequest.newBuilder(URI.create(base + "/v2/payment/voucher/jeton/sale"))
                                        .header("Content-Type", "application/json")
                                        .timeout(Duration.ofSeconds(30))
                                        .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i)))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException(
                                    "sale refused: " + response.statusCode() + " " + response.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Map<String, ProcessHandle> endpointProcess() {
        Map<String, ProcessHandle> processes = new LinkedHashMap<>();
        deployment.endpoint.motoProcess().ifPresent(moto -> processes.put(ENDPOINT, moto));
        return processes;
    }

    private PutItems putItems(int clients, int count) throws Exception {
        DynamoDbClient dynamoDb = deployment.endpoint.dynamoDb();
        String table = deployment.resources.tableName("PaymentsTable");
        String filler = "x".repeat(600); // about the size of a sale's payment item
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CpuWindow.Snapshot before = CpuWindow.take(endpointProcess());
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        String pk = "P#0#raw-" + deployment.runTag + "-" + System.nanoTime() + "-" + i;
                        dynamoDb.putItem(request -> request.tableName(table)
                                .item(Map.of(
                                        "pk",
                                        AttributeValue.fromS(pk),
                                        "sk",
                                        AttributeValue.fromS("PAYMENT"),
                                        "filler",
                                        AttributeValue.fromS(filler)))
                                .conditionExpression("attribute_not_exists(pk)"));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            CpuWindow.Used used = CpuWindow.between(before, CpuWindow.take(endpointProcess()));
            return new PutItems(count / used.seconds(), used);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitHealthy(HttpClient http, String base, Process sandbox) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!sandbox.isAlive()) {
                throw new IllegalStateException("the sandbox exited with " + sandbox.exitValue() + " (see its log)");
            }
            try {
                if (http.send(
                                        HttpRequest.newBuilder(URI.create(base + "/health"))
                                                .timeout(Duration.ofSeconds(2))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the sandbox did not answer /health within 120 s");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
