package dev.jetonvoucher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.jetonvoucher.signing.Signer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Issue 16 §1, cost per payment: the build's sandbox (its own SandboxMain, over the bench's endpoint, in a child JVM
 * whose every AWS call and function invocation is metered by {@code probe.CostProbe}) runs one payment at a time
 * through five scenarios, and everything the payment made happen is counted, from the request to the last queue
 * falling quiet: Lambda invocations and billed duration (each invocation's handler time, rounded up to the
 * millisecond, times the function's MemorySize of template.yaml), DynamoDB read and write request units (computed
 * from item sizes, see {@code probe.MeteringInterceptor}), SQS requests by action, and API Gateway requests (the
 * HTTP API invocations). {@link CostPrices} turns them into dollars per million payments.
 *
 * <p>The sandbox's event source mappings stand for Lambda's pollers: every receive that returned messages and
 * every batch delete they make is counted as the payment's. The receives that come back empty are not: the sandbox
 * polls each queue once a second, Lambda's pollers long-poll 20 s, and an idle mapping's empty receives are a
 * fixed monthly cost whatever the number of payments ({@link CostPrices#IDLE_RECEIVES_PER_MAPPING_MONTH}).
 *
 * <p>One payment at a time is the quiet end of the scale: every SQS batch holds one message. Under load the
 * mappings batch up to BatchSize messages per receive, delete and invocation, so a busy system pays less per
 * payment for those; DynamoDB, sends and API Gateway do not change with load.
 */
final class CostBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final long NORMAL_PROJECT = BenchDeployment.PROJECT_ID;
    static final long STUCK_PROJECT = 241;
    static final String STUCK_SECRET = "sandbox-secret-241";
    static final int NORMAL_BASE_SECONDS = 6;
    static final int STUCK_BASE_SECONDS = 1;
    static final int STUCK_LIMIT_SECONDS = 10;
    static final int WARM_UP_PAYMENTS = 60;

    enum Scenario {
        SALE("successful sale"),
        DECLINED("declined sale (40000)"),
        CALLBACK_3_TRIES("sale, callback on the 3rd try"),
        TIME_OUT("sale, 20602 time-out"),
        PAYOUT("payout of 1,250.00 (3 vouchers)");

        final String title;

        Scenario(String title) {
            this.title = title;
        }
    }

    /** What one payment of a scenario used, averaged over the repetitions. */
    record Usage(
            Scenario scenario,
            Map<String, Double> invocations,
            Map<String, Double> billedGbSeconds,
            Map<String, Double> billedMillis,
            Map<String, Double> awsWaitMillis,
            Map<String, Double> cpuMillis,
            double readUnits,
            double writeUnits,
            double indexWriteUnits,
            Map<String, Double> sqsRequests,
            double apiRequests) {

        double lambdaInvocations() {
            return invocations.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .sum();
        }

        double gbSeconds() {
            return billedGbSeconds.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .sum();
        }

        double sqsTotal() {
            return sqsRequests.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .sum();
        }

        double lambdaDollars() {
            return lambdaInvocations() * CostPrices.LAMBDA_REQUEST + gbSeconds() * CostPrices.LAMBDA_GB_SECOND;
        }

        double dynamoDollars() {
            return readUnits * CostPrices.DYNAMODB_READ_UNIT
                    + (writeUnits + indexWriteUnits) * CostPrices.DYNAMODB_WRITE_UNIT;
        }

        double sqsDollars() {
            return sqsTotal() * CostPrices.SQS_REQUEST;
        }

        double apiDollars() {
            return apiRequests * CostPrices.HTTP_API_REQUEST;
        }

        double totalDollars() {
            return lambdaDollars() + dynamoDollars() + sqsDollars() + apiDollars();
        }
    }

    record Result(String build, int repetitions, List<Usage> usages, Map<String, Integer> memory) {}

    private final BenchDeployment deployment;
    private final Path probesJar;
    private final Consumer<String> progress;
    private final Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();

    CostBenchmark(BenchDeployment deployment, Path probesJar, Consumer<String> progress) {
        this.deployment = deployment;
        this.probesJar = probesJar;
        this.progress = progress;
    }

    /** Lambda gives a function one full vCPU at 1,769 MB, and CPU in proportion to memory below it. */
    static final int ONE_VCPU_MB = 1769;

    Result run(Artifacts build, int repetitions) throws Exception {
        return run(build, repetitions, List.of(0)).get(0);
    }

    /**
     * One run of the payments, billed at each size: what a function does and waits for does not depend on the
     * MemorySize it is billed at, only how long its CPU work takes at that size's CPU share (see {@link #usage}).
     *
     * @param memorySizes 0: each function at its MemorySize of the build's template.yaml; else every function at this
     *     memory
     */
    List<Result> run(Artifacts build, int repetitions, List<Integer> memorySizes) throws Exception {
        HttpServer merchant = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        merchant.createContext("/callbacks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = JSON.readTree(body).path("payment").path("id").asText();
            int attempt = tries.computeIfAbsent(id, any -> new AtomicInteger()).incrementAndGet();
            // "a sale whose callback needs 3 tries": the merchant fails the first two
            int status = id.contains("-tries3-") && attempt < 3 ? 500 : 200;
            if (status == 200) {
                delivered.add(id);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        merchant.start();
        String label = build.label();
        String state = "cost" + deployment.runTag + build.label();
        Path work = deployment.workDirectory;
        Path meter = work.resolve("cost-meter-" + build.label() + ".tsv");
        Files.deleteIfExists(meter);
        Files.createFile(meter);
        Path interceptors =
                Files.createDirectories(work.resolve("cost-interceptors/software/amazon/awssdk/global/handlers"));
        Files.writeString(
                interceptors.resolve("execution.interceptors"), "dev.jetonvoucher.bench.probe.MeteringInterceptor\n");
        // The functions send SQS messages with SqsSender, not the SDK (issue 16 §2): CostProbe wraps their QueueSender
        // port (probe.SqsSendMeter) to meter them.
        Path projects = deployment.file(
                "cost-projects-" + build.label() + ".json",
                projectFile("http://127.0.0.1:" + merchant.getAddress().getPort() + "/callbacks"));
        int port = freePort();
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                ColdStartBenchmark.JVM_FLAGS,
                "-Dcost.meter=" + meter,
                "-Dcost.endpoint=" + deployment.endpoint.endpoint(),
                "-cp",
                String.join(
                        java.io.File.pathSeparator,
                        build.sandboxJar().toString(),
                        probesJar.toString(),
                        work.resolve("cost-interceptors").toString()),
                "dev.jetonvoucher.bench.probe.CostProbe",
                "--port",
                Integer.toString(port),
                "--projects",
                projects.toString(),
                "--aws-endpoint",
                deployment.endpoint.endpoint().toString(),
                "--state-prefix",
                state);
        Process sandbox = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        work.resolve("cost-sandbox-" + build.label() + ".log").toFile())
                .directory(build.root().toFile())
                .start();
        try {
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            String base = "http://127.0.0.1:" + port;
            awaitHealthy(http, base, sandbox);
            SqsClient sqs = deployment.endpoint.sqs();
            List<String> queues =
                    sqs.listQueues(r -> r.queueNamePrefix(state + "-")).queueUrls();
            // Warm containers, as a function serving a million payments a month has: a burst of payments through
            // every function first (not measured), so the handlers run compiled code, not the interpreter.
            progress.accept("cost: " + label + " warming the functions with " + WARM_UP_PAYMENTS + " payments");
            for (int i = 0; i < WARM_UP_PAYMENTS; i++) {
                Scenario scenario = i % 5 == 4 ? Scenario.PAYOUT : i % 5 == 3 ? Scenario.DECLINED : Scenario.SALE;
                String id = "cost-" + deployment.runTag + "-" + build.label() + "-warm-" + i;
                send(http, base, scenario, id);
            }
            long warmDeadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
            while (delivered.stream()
                            .filter(id -> id.contains("-" + build.label() + "-warm-"))
                            .count()
                    < WARM_UP_PAYMENTS) {
                if (!sandbox.isAlive() || System.nanoTime() > warmDeadline) {
                    throw new IllegalStateException("the warm-up payments did not all finish (see cost-sandbox-*.log)");
                }
                Thread.sleep(100);
            }
            awaitQuiet(sqs, queues, sandbox);
            Map<Scenario, List<List<String[]>>> measured = new TreeMap<>();
            for (int round = 0; round <= repetitions; round++) {
                for (Scenario scenario : Scenario.values()) {
                    progress.accept("cost: " + label + " " + scenario.title
                            + (round == 0 ? " (warm-up)" : " " + round + "/" + repetitions));
                    String id = "cost-" + deployment.runTag + "-" + build.label() + "-"
                            + scenario.name().toLowerCase().replace("callback_3_tries", "tries3") + "-"
                            + round;
                    long from = Files.size(meter);
                    send(http, base, scenario, id);
                    awaitDelivered(id, sandbox);
                    awaitQuiet(sqs, queues, sandbox);
                    List<String[]> lines = readFrom(meter, from);
                    if (round > 0) {
                        measured.computeIfAbsent(scenario, any -> new ArrayList<>())
                                .add(lines);
                    }
                }
            }
            List<Result> results = new ArrayList<>();
            for (int size : memorySizes) {
                List<Usage> usages = new ArrayList<>();
                Map<String, Integer> memory = new TreeMap<>();
                for (Scenario scenario : Scenario.values()) {
                    usages.add(usage(scenario, measured.get(scenario), memory, size));
                }
                results.add(new Result(
                        size == 0 ? build.label() : build.label() + " @ " + size + " MB", repetitions, usages, memory));
            }
            return results;
        } finally {
            sandbox.destroy();
            if (!sandbox.waitFor(20, TimeUnit.SECONDS)) {
                sandbox.destroyForcibly();
                sandbox.waitFor(10, TimeUnit.SECONDS);
            }
            merchant.stop(0);
        }
    }

    private static Usage usage(
            Scenario scenario, List<List<String[]>> runs, Map<String, Integer> memory, int memoryMb) {
        Map<String, Double> invocations = new TreeMap<>();
        Map<String, Double> gbSeconds = new TreeMap<>();
        Map<String, Double> millis = new TreeMap<>();
        Map<String, Double> waits = new TreeMap<>();
        Map<String, Double> cpus = new TreeMap<>();
        Map<String, Double> sqs = new TreeMap<>();
        Map<String, Long> waitingOnThread = new java.util.HashMap<>();
        double read = 0;
        double write = 0;
        double index = 0;
        double api = 0;
        double n = runs.size();
        for (List<String[]> run : runs) {
            for (String[] line : run) {
                switch (line[0]) {
                    case "INVOKE" -> {
                        String function = line[2];
                        int mb = memoryMb == 0 ? Integer.parseInt(line[3]) : memoryMb;
                        memory.put(function, mb);
                        // Lambda gives the handler memory/1,769 MB of one CPU: its CPU work (measured here on a whole
                        // core) takes that much longer there; its waiting (AWS calls, the merchant) does not.
                        long wall = Long.parseLong(line[5]);
                        long cpu = Long.parseLong(line[6]);
                        double share = Math.min(1.0, (double) mb / ONE_VCPU_MB);
                        double billedMs = Math.ceil((wall - cpu + cpu / share) / 1e6);
                        cpus.merge(function, cpu / 1e6 / n, Double::sum);
                        invocations.merge(function, 1 / n, Double::sum);
                        millis.merge(function, billedMs / n, Double::sum);
                        gbSeconds.merge(function, billedMs / 1000.0 * mb / 1024.0 / n, Double::sum);
                        Long waited = waitingOnThread.remove(line[1]);
                        waits.merge(function, (waited == null ? 0 : waited) / 1e6 / n, Double::sum);
                        if (line[4].equals("http")) {
                            api += 1 / n;
                        }
                    }
                    case "DDB" -> {
                        read += Double.parseDouble(line[4]) / n;
                        write += Double.parseDouble(line[5]) / n;
                        index += Double.parseDouble(line[6]) / n;
                        waitingOnThread.merge(line[1], Long.parseLong(line[7]), Long::sum);
                    }
                    case "SQS" -> {
                        String operation = line[2];
                        boolean emptyReceive = operation.equals("ReceiveMessage") && line[5].equals("0");
                        if (!emptyReceive) {
                            sqs.merge(operation, Long.parseLong(line[4]) / n, Double::sum);
                        }
                        boolean mappings = operation.equals("ReceiveMessage") || operation.equals("DeleteMessageBatch");
                        if (!mappings) { // the functions' own calls; receives and deletes are the mappings'
                            waitingOnThread.merge(line[1], Long.parseLong(line[6]), Long::sum);
                        }
                    }
                    case "ERR" -> throw new IllegalStateException("the meter failed on " + String.join(" ", line));
                    default -> {
                        // other AWS calls (none on a payment's path)
                    }
                }
            }
        }
        return new Usage(scenario, invocations, gbSeconds, millis, waits, cpus, read, write, index, sqs, api);
    }

    private static List<String[]> readFrom(Path meter, long from) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(meter.toFile(), "r")) {
            file.seek(from);
            byte[] bytes = new byte[(int) (file.length() - from)];
            file.readFully(bytes);
            List<String[]> lines = new ArrayList<>();
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    lines.add(line.split("\t"));
                }
            }
            return lines;
        }
    }

    private void send(HttpClient http, String base, Scenario scenario, String id) throws Exception {
        boolean stuck = scenario == Scenario.TIME_OUT;
        ObjectNode body = JSON.createObjectNode();
        body.putObject("general")
                .put("project_id", stuck ? STUCK_PROJECT : NORMAL_PROJECT)
                .put("payment_id", id);
        body.putObject("customer").put("id", "customer-1").put("ip_address", "192.0.2.10");
        String path = "/v2/payment/voucher/jeton/sale";
        if (scenario == Scenario.PAYOUT) {
            path = "/v2/payment/voucher/jeton/payout";
            body.putObject("payment").put("amount", 125_000).put("currency", "EUR");
        } else {
            body.putObject("account")
                    .put("number", "4619000000000000017")
                    .put("expiration", "12/2030")
                    .put("security_code", "1234");
            body.putObject("payment")
                    .put("amount", scenario == Scenario.DECLINED ? 40_000 : 1_000)
                    .put("currency", "EUR");
        }
        Signer signer = new Signer(stuck ? STUCK_SECRET : BenchDeployment.SECRET);
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                signer.signInGeneral(body).toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("refused: " + response.statusCode() + " " + response.body());
        }
    }

    private void awaitDelivered(String id, Process sandbox) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!delivered.contains(id)) {
            if (!sandbox.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("no callback delivered for " + id + " (see cost-sandbox-*.log)");
            }
            Thread.sleep(50);
        }
    }

    /** Every queue of the state empty (nothing visible, in flight or delayed) twice in a row, half a second apart. */
    private static void awaitQuiet(SqsClient sqs, List<String> queues, Process sandbox) throws InterruptedException {
        // a message left to its visibility timeout (120-180 s) is part of what the payment costs: wait for it
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        int quietLooks = 0;
        while (quietLooks < 2) {
            if (!sandbox.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the queues did not fall quiet within 240 s");
            }
            boolean quiet = true;
            for (String queue : queues) {
                Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queue)
                                .attributeNames(
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                        .attributes();
                quiet &= attributes.values().stream().allMatch("0"::equals);
            }
            quietLooks = quiet ? quietLooks + 1 : 0;
            Thread.sleep(500);
        }
    }

    static String projectFile(String callbackUrl) {
        ObjectNode root = JSON.createObjectNode();
        var array = root.putArray("projects");
        for (long id : new long[] {NORMAL_PROJECT, STUCK_PROJECT}) {
            boolean stuck = id == STUCK_PROJECT;
            ObjectNode project = array.addObject();
            project.put("project_id", id);
            project.put("secret_key", stuck ? STUCK_SECRET : BenchDeployment.SECRET);
            project.put("callback_url", callbackUrl);
            project.put("test", true);
            project.putArray("currencies").add("EUR");
            project.put("base_time_seconds", stuck ? STUCK_BASE_SECONDS : NORMAL_BASE_SECONDS);
            project.put("limit_time_seconds", stuck ? STUCK_LIMIT_SECONDS : 600);
            project.putObject("balances").put("EUR", BenchDeployment.BALANCE);
            project.putObject("sandbox")
                    .put("provider_notifications", stuck ? "stuck" : "normal")
                    .put("provider_delay_seconds", 0);
        }
        return root.toPrettyString();
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

    /** The section of BENCHMARKS.md: per scenario and build, each resource's count and dollars per million payments. */
    static String markdown(List<Result> results, int mappings) {
        StringBuilder out = new StringBuilder();
        out.append("## Cost per payment (issue 16 §1)\n\n");
        out.append(
                "One payment at a time through the build's own sandbox (SandboxMain in a child JVM over the bench's moto"
                        + " endpoint), counted from the request until every queue is quiet again, averaged over "
                        + results.get(0).repetitions()
                        + " payments per scenario, after " + WARM_UP_PAYMENTS + " payments that warm the functions (as"
                        + " a container serving a steady flow is) and one warm-up payment per scenario. Counted: every AWS call"
                        + " of the functions and of the event source mappings (an SDK execution interceptor in that JVM,"
                        + " `probe.MeteringInterceptor`) and every function invocation with its handler time (`FunctionHost`'s"
                        + " invocation observer, with the CPU time its thread used). Lambda: one request per invocation;"
                        + " billed duration = the handler's time with its CPU work stretched to the CPU share Lambda gives"
                        + " its MemorySize (memory / 1,769 MB of one CPU): wall − CPU + CPU × 1,769 / MB, rounded up to 1 ms,"
                        + " × MemorySize. The waiting is moto's answers on this shared machine, slower than AWS's few ms,"
                        + " so the Lambda dollars here are an upper estimate. DynamoDB: request units computed from"
                        + " item sizes by DynamoDB's rules (moto's `ConsumedCapacity` figures are fixed, not sizes): reads 1 unit"
                        + " per 4 KB (½ eventually consistent), writes 1 per 1 KB of the larger of the item before and after, ×2 in"
                        + " a transaction, plus the payments index's write when a payment item enters it or an attribute it projects"
                        + " changes (the build's template says which: ALL before issue 16 §1's cut, keys only after). SQS: every"
                        + " send, receive that returned messages, delete and visibility change, each 64 KB of payload one request;"
                        + " the sandbox's mappings do what Lambda's pollers do (receive, invoke, delete the batch), so their receives"
                        + " and deletes are counted as Lambda's pollers would be billed for them. Empty receives are not per payment:"
                        + " Lambda's pollers long-poll an idle queue (20 s, five pollers), "
                        + String.format(java.util.Locale.ROOT, "%,d", CostPrices.IDLE_RECEIVES_PER_MAPPING_MONTH)
                        + " empty receives a month per mapping, "
                        + money(CostPrices.IDLE_RECEIVES_PER_MAPPING_MONTH * CostPrices.SQS_REQUEST * mappings)
                        + " a month for the template's " + mappings
                        + " mappings, whatever the volume. API Gateway: one request"
                        + " per HTTP API invocation.\n\n");
        out.append("Prices: us-east-1 on-demand, looked up " + CostPrices.LOOKED_UP + " (`bench/.../CostPrices.java`"
                + " names each source page): Lambda $0.20 per 1M requests and $0.0000166667 per GB-s (x86); DynamoDB"
                + " on-demand $0.625 per 1M write and $0.125 per 1M read request units (after the halving of"
                + " November 2024); SQS $0.40 per 1M requests; HTTP API $1.00 per 1M requests. No free tier. Scenarios:"
                + " test project 239 (base time " + NORMAL_BASE_SECONDS + " s, provider answering at once), a merchant"
                + " answering 200 (HTTP 500 twice for the 3-try callback: 10 s apart by ECommPay's schedule); the time-out"
                + " on project 241 whose provider never answers (base time " + STUCK_BASE_SECONDS + " s, limit time "
                + STUCK_LIMIT_SECONDS + " s: polls at 1 s and 6 s, cancel and 20602 at 10 s; a longer limit time adds a"
                + " poll per pause, 5 s growing by half up to 5 min).\n\n");
        out.append(
                "| scenario | build | Lambda invocations | Lambda GB-s | DynamoDB RRU | DynamoDB WRU (table + index) "
                        + "| SQS requests | API GW requests | $ Lambda | $ DynamoDB | $ SQS | $ API GW | **$ per 1M payments** |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Scenario scenario : Scenario.values()) {
            for (Result result : results) {
                Usage u = result.usages().stream()
                        .filter(usage -> usage.scenario() == scenario)
                        .findFirst()
                        .orElseThrow();
                out.append(String.format(
                        java.util.Locale.ROOT,
                        "| %s | %s | %.1f | %.3f | %.1f | %.1f + %.1f | %.1f | %.0f | %s | %s | %s | %s | **%s** |\n",
                        scenario.title,
                        result.build(),
                        u.lambdaInvocations(),
                        u.gbSeconds(),
                        u.readUnits(),
                        u.writeUnits(),
                        u.indexWriteUnits(),
                        u.sqsTotal(),
                        u.apiRequests(),
                        money(u.lambdaDollars() * 1e6),
                        money(u.dynamoDollars() * 1e6),
                        money(u.sqsDollars() * 1e6),
                        money(u.apiDollars() * 1e6),
                        money(u.totalDollars() * 1e6)));
            }
        }
        for (Result result : results) {
            Usage sale = result.usages().get(0);
            out.append(
                    "\nWhere a successful sale's cost goes (" + result.build() + "): per function, the CPU its handler"
                            + " used (on a whole core here), how long it waited for its AWS calls' answers (moto's, on this"
                            + " shared machine), and the billed duration at its MemorySize; SQS requests by action.\n\n");
            functionTable(out, result, sale);
            out.append("\n| SQS action | requests | $ per 1M payments |\n|---|---:|---:|\n");
            sale.sqsRequests()
                    .forEach((action, count) -> out.append(String.format(
                            java.util.Locale.ROOT,
                            "| %s | %.1f | %s |\n",
                            action,
                            count,
                            money(count * CostPrices.SQS_REQUEST * 1e6))));
            Usage payout = result.usages().stream()
                    .filter(usage -> usage.scenario() == Scenario.PAYOUT)
                    .findFirst()
                    .orElseThrow();
            out.append("\nWhere a payout's Lambda cost goes (" + result.build() + "), as above.\n\n");
            functionTable(out, result, payout);
        }
        return out.toString();
    }

    /** Per function of one scenario: CPU, waiting, billed duration at its MemorySize, and its Lambda dollars. */
    private static void functionTable(StringBuilder out, Result result, Usage usage) {
        out.append("| function | invocations | MB | CPU ms each (one core) | waiting on AWS calls, ms each "
                + "| billed ms each at its MB | GB-s | $ per 1M payments |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (var entry : usage.invocations().entrySet()) {
            String function = entry.getKey();
            double invocations = entry.getValue();
            double gbs = usage.billedGbSeconds().get(function);
            out.append(String.format(
                    java.util.Locale.ROOT,
                    "| %s | %.1f | %d | %.1f | %.1f | %.1f | %.4f | %s |\n",
                    function,
                    invocations,
                    result.memory().get(function),
                    usage.cpuMillis().get(function) / invocations,
                    usage.awsWaitMillis().get(function) / invocations,
                    usage.billedMillis().get(function) / invocations,
                    gbs,
                    money((invocations * CostPrices.LAMBDA_REQUEST + gbs * CostPrices.LAMBDA_GB_SECOND) * 1e6)));
        }
    }

    private static String money(double dollars) {
        return String.format(java.util.Locale.ROOT, "$%.2f", dollars);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
