package dev.jetonvoucher.bench.probe;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.signing.Signer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Warm acceptance latency, in one JVM on the sale and payout function jars: the handlers invoked directly
 * (as a warm Lambda container does) against the bare DynamoDB/SQS calls an acceptance makes, sent by hand with
 * the same payloads: the status-poll and dispatch messages, then the TransactWriteItems of the payment and its
 * operation id claim (sale), plus the balance reservation (payout). The payloads are copied from
 * what the handlers wrote during the warm-up. Calls alternate, so both sides see the same endpoint load.
 *
 * <p>Usage: {@code WarmOverheadProbe <sale handler> <payout handler> <project id> <secret> <base time s>
 * <warm-up> <iterations> <run id>}, with the functions' environment (template.yaml) set.
 */
public final class WarmOverheadProbe {

    // Its own mapper: the probe runs on a baseline jar too, which may predate the shared json.Json.
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VOUCHER = "4619000000000000017";

    private final long projectId;
    private final Signer signer;
    private final String runId;
    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final String paymentsTable = System.getenv("PAYMENTS_TABLE");
    private final String balancesTable = System.getenv("BALANCES_TABLE");
    private final String pollQueue = System.getenv("STATUS_POLL_QUEUE_URL");
    private final String dispatchQueue = System.getenv("DISPATCH_QUEUE_URL");
    private final int baseTimeSeconds;
    /** Operation ids for the bare side's payments: far below the handlers' (milliseconds × 1000), never reused. */
    private final AtomicLong bareOperationIds = new AtomicLong(System.nanoTime() % 1_000_000_000_000L);

    private WarmOverheadProbe(long projectId, String secret, int baseTimeSeconds, String runId) {
        this.projectId = projectId;
        this.signer = new Signer(secret);
        this.baseTimeSeconds = baseTimeSeconds;
        this.runId = runId;
        URI endpoint = URI.create(System.getenv("AWS_ENDPOINT_URL"));
        Region region = Region.of(System.getenv("AWS_REGION"));
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(System.getenv("AWS_ACCESS_KEY_ID"), System.getenv("AWS_SECRET_ACCESS_KEY")));
        // The same client settings as the functions' (AwsClients): URLConnection, 2 s connect, 10 s socket.
        this.dynamoDb = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(10)))
                .build();
        this.sqs = SqsClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(10)))
                .build();
    }

    public static void main(String[] args) throws Exception {
        Object sale = handler(args[0]);
        Object payout = handler(args[1]);
        WarmOverheadProbe probe =
                new WarmOverheadProbe(Long.parseLong(args[2]), args[3], Integer.parseInt(args[4]), args[7]);
        int warmUp = Integer.parseInt(args[5]);
        int iterations = Integer.parseInt(args[6]);
        probe.run(sale, payout, warmUp, iterations).print();
        System.exit(0);
    }

    private static Object handler(String className) throws ReflectiveOperationException {
        return Class.forName(className).getConstructor().newInstance();
    }

    private ProbeResult run(Object sale, Object payout, int warmUp, int iterations) {
        int total = warmUp + iterations;
        List<Event> sales = new ArrayList<>();
        List<Event> payouts = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            sales.add(event(saleBody("sale-" + i)));
            payouts.add(event(payoutBody("payout-" + i)));
        }
        // Warm-up: the handlers alone, then capture the payloads the bare calls replay.
        for (int i = 0; i < warmUp; i++) {
            accepted(sale, sales.get(i));
            accepted(payout, payouts.get(i));
        }
        Payloads payloads = capturePayloads("sale-" + (warmUp - 1), "payout-" + (warmUp - 1));
        for (int i = 0; i < warmUp; i++) {
            bareSale(payloads, "bare-sale-" + i);
            barePayout(payloads, "bare-payout-" + i);
            forget(i);
        }

        LatencySeries saleHandler = new LatencySeries(iterations);
        LatencySeries saleBare = new LatencySeries(iterations);
        LatencySeries payoutHandler = new LatencySeries(iterations);
        LatencySeries payoutBare = new LatencySeries(iterations);
        for (int i = 0; i < iterations; i++) {
            int n = warmUp + i;
            // Alternate which side goes first, so neither always follows the other's queue activity.
            if (i % 2 == 0) {
                saleHandler.add(time(() -> accepted(sale, sales.get(n))));
                saleBare.add(time(() -> bareSale(payloads, "bare-sale-" + n)));
                payoutHandler.add(time(() -> accepted(payout, payouts.get(n))));
                payoutBare.add(time(() -> barePayout(payloads, "bare-payout-" + n)));
            } else {
                saleBare.add(time(() -> bareSale(payloads, "bare-sale-" + n)));
                saleHandler.add(time(() -> accepted(sale, sales.get(n))));
                payoutBare.add(time(() -> barePayout(payloads, "bare-payout-" + n)));
                payoutHandler.add(time(() -> accepted(payout, payouts.get(n))));
            }
            forget(n);
        }
        ProbeResult result = new ProbeResult().number("iterations", iterations);
        report(result, "sale_handler", saleHandler);
        report(result, "sale_bare", saleBare);
        report(result, "payout_handler", payoutHandler);
        report(result, "payout_bare", payoutBare);
        return result;
    }

    /**
     * Untimed housekeeping after each iteration: removes its four payments and, now and then, the queued messages.
     * moto copies a whole table on every TransactWriteItems, so a growing table would slow the later payouts of
     * both sides for reasons that have nothing to do with either.
     */
    private void forget(int iteration) {
        for (String paymentId : List.of(
                "sale-" + iteration, "bare-sale-" + iteration, "payout-" + iteration, "bare-payout-" + iteration)) {
            Map<String, AttributeValue> key = Map.of(
                    "pk", AttributeValue.fromS("P#" + projectId + "#" + runId + "-" + paymentId),
                    "sk", AttributeValue.fromS("PAYMENT"));
            Map<String, AttributeValue> deleted = dynamoDb.deleteItem(
                            request -> request.tableName(paymentsTable).key(key).returnValues(ReturnValue.ALL_OLD))
                    .attributes();
            if (deleted != null && deleted.containsKey("operation_id")) {
                // and the payment's operation id claim
                dynamoDb.deleteItem(request -> request.tableName(paymentsTable)
                        .key(Map.of(
                                "pk",
                                        AttributeValue.fromS("OP#"
                                                + deleted.get("operation_id").n()),
                                "sk", AttributeValue.fromS("OPERATION"))));
            }
        }
        if (iteration % 100 == 99) {
            for (String queue : List.of(pollQueue, dispatchQueue)) {
                sqs.purgeQueue(request -> request.queueUrl(queue));
            }
        }
    }

    private static void report(ProbeResult result, String name, LatencySeries series) {
        result.number(name + "_p50_ms", series.percentileMillis(50));
        result.number(name + "_p99_ms", series.percentileMillis(99));
    }

    private static long time(Runnable call) {
        long started = System.nanoTime();
        call.run();
        return System.nanoTime() - started;
    }

    /**
     * One invocation as Lambda makes it: a stream handler (the functions now) gets the event's bytes, prepared before
     * the clock starts, and writes its answer; a typed handler (older builds) gets the event object, the runtime's
     * serialization around it left out.
     */
    @SuppressWarnings("unchecked")
    private static void accepted(Object handler, Event event) {
        if (handler instanceof RequestStreamHandler stream) {
            ByteArrayOutputStream answer = new ByteArrayOutputStream(512);
            try {
                stream.handleRequest(new ByteArrayInputStream(event.json()), answer, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String json = answer.toString(StandardCharsets.UTF_8);
            if (!json.startsWith("{\"statusCode\":200,")) {
                throw new IllegalStateException("the handler refused a benchmark request: " + json);
            }
            return;
        }
        APIGatewayV2HTTPResponse response = ((RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler)
                .handleRequest(event.typed(), null);
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException("the handler refused a benchmark request: " + response.getBody());
        }
    }

    /** A Gate request as an event object and as the JSON bytes Lambda hands a stream handler. */
    private record Event(APIGatewayV2HTTPEvent typed, byte[] json) {}

    // ------------------------------------------------------------------ the bare calls

    private record Payloads(
            String pollBody,
            String dispatchBody,
            Map<String, AttributeValue> saleItem,
            Map<String, AttributeValue> payoutItem) {}

    /** As DynamoPaymentStore.create: the payment and its operation id claim, both new, in one transaction. */
    private void bareSale(Payloads payloads, String paymentId) {
        sendWork(payloads);
        Map<String, AttributeValue> item = itemFor(payloads.saleItem(), paymentId);
        dynamoDb.transactWriteItems(request -> request.transactItems(putNew(item), putNew(operationClaim(item))));
    }

    private void barePayout(Payloads payloads, String paymentId) {
        sendWork(payloads);
        Map<String, AttributeValue> item = itemFor(payloads.payoutItem(), paymentId);
        TransactWriteItem reserve = TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(balancesTable)
                        .key(Map.of(
                                "project_id",
                                AttributeValue.fromN(Long.toString(projectId)),
                                "currency",
                                item.get("currency")))
                        .updateExpression("SET #available = #available - :amount, #reserved = #reserved + :amount")
                        .conditionExpression("#available >= :amount")
                        .expressionAttributeNames(Map.of("#available", "available", "#reserved", "reserved"))
                        .expressionAttributeValues(Map.of(":amount", item.get("amount")))
                        .build())
                .build();
        dynamoDb.transactWriteItems(
                request -> request.transactItems(putNew(item), putNew(operationClaim(item)), reserve));
    }

    private TransactWriteItem putNew(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(paymentsTable)
                        .item(item)
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", "pk"))
                        .build())
                .build();
    }

    /** The claim item of the payment's operation id, as DynamoPaymentStore writes it. */
    private static Map<String, AttributeValue> operationClaim(Map<String, AttributeValue> payment) {
        String operationId = payment.get("operation_id").n();
        return Map.of(
                "pk",
                AttributeValue.fromS("OP#" + operationId),
                "sk",
                AttributeValue.fromS("OPERATION"),
                "operation_id",
                AttributeValue.fromN(operationId),
                "payment_key",
                AttributeValue.fromS(payment.get("project_id").n() + "/"
                        + payment.get("payment_id").s()));
    }

    private void sendWork(Payloads payloads) {
        sqs.sendMessage(request -> request.queueUrl(pollQueue)
                .messageBody(payloads.pollBody())
                .delaySeconds(Math.min(baseTimeSeconds, 900)));
        sqs.sendMessage(request -> request.queueUrl(dispatchQueue)
                .messageBody(payloads.dispatchBody())
                .delaySeconds(1));
    }

    /** The captured item under a new payment id (its keys and the index key change; every other attribute stays). */
    private Map<String, AttributeValue> itemFor(Map<String, AttributeValue> template, String paymentId) {
        String id = runId + "-" + paymentId;
        Map<String, AttributeValue> item = new HashMap<>(template);
        item.put("pk", AttributeValue.fromS("P#" + projectId + "#" + id));
        item.put("payment_id", AttributeValue.fromS(id));
        if (item.containsKey("operation_id")) {
            // every payment claims an operation id of its own
            item.put("operation_id", AttributeValue.fromN(Long.toString(bareOperationIds.incrementAndGet())));
        }
        if (item.containsKey("created_key")) {
            String createdKey = item.get("created_key").s();
            item.put("created_key", AttributeValue.fromS(createdKey.substring(0, createdKey.indexOf('#') + 1) + id));
        }
        return item;
    }

    private Payloads capturePayloads(String saleId, String payoutId) {
        Map<String, AttributeValue> saleItem = paymentItem(saleId);
        Map<String, AttributeValue> payoutItem = paymentItem(payoutId);
        String poll = oneMessage(pollQueue);
        String dispatch = oneMessage(dispatchQueue);
        return new Payloads(poll, dispatch, saleItem, payoutItem);
    }

    private Map<String, AttributeValue> paymentItem(String paymentId) {
        String id = runId + "-" + paymentId;
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(paymentsTable)
                        .consistentRead(true)
                        .key(Map.of(
                                "pk",
                                AttributeValue.fromS("P#" + projectId + "#" + id),
                                "sk",
                                AttributeValue.fromS("PAYMENT"))))
                .item();
        if (item == null || item.isEmpty()) {
            throw new IllegalStateException("the handler's payment " + id + " is not in " + paymentsTable);
        }
        return item;
    }

    /** A message a handler sent (waiting out the dispatch delay); the biggest of a batch, to be conservative. */
    private String oneMessage(String queueUrl) {
        for (int attempt = 0; attempt < 10; attempt++) {
            List<Message> messages = sqs.receiveMessage(request ->
                            request.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(2))
                    .messages();
            String biggest = null;
            for (Message message : messages) {
                if (biggest == null || message.body().length() > biggest.length()) {
                    biggest = message.body();
                }
            }
            if (biggest != null) {
                return biggest;
            }
        }
        throw new IllegalStateException("no message arrived on " + queueUrl);
    }

    // ------------------------------------------------------------------ requests

    private Event event(ObjectNode body) {
        APIGatewayV2HTTPEvent typed = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRawPath("/")
                .withBody(body.toString())
                .withIsBase64Encoded(false)
                .withHeaders(Map.of("content-type", "application/json"))
                .build();
        ObjectNode json = JSON.createObjectNode().put("version", "2.0").put("rawPath", "/");
        json.putObject("headers").put("content-type", "application/json");
        json.put("body", body.toString()).put("isBase64Encoded", false);
        return new Event(typed, json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private ObjectNode saleBody(String paymentId) {
        ObjectNode body = header(paymentId);
        ObjectNode account = body.putObject("account");
        account.put("number", VOUCHER);
        account.put("expiration", "12/2030");
        account.put("security_code", "1234");
        body.putObject("payment").put("amount", 1000).put("currency", "EUR").put("description", "warm sale");
        return signer.signInGeneral(body);
    }

    private ObjectNode payoutBody(String paymentId) {
        ObjectNode body = header(paymentId);
        body.putObject("payment").put("amount", 1000).put("currency", "EUR").put("description", "warm payout");
        return signer.signInGeneral(body);
    }

    private ObjectNode header(String paymentId) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("general").put("project_id", projectId).put("payment_id", runId + "-" + paymentId);
        body.putObject("customer").put("id", "customer-1").put("ip_address", "192.0.2.10");
        return body;
    }
}
