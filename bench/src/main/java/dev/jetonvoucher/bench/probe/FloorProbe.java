package dev.jetonvoucher.bench.probe;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The floor a DynamoDB-touching function's cold start can approach: a fresh JVM that builds one DynamoDB
 * client (URLConnection HTTP client, region, endpoint and credentials given) and makes one GetItem call.
 * It runs from the same package as the functions (extracted as Lambda extracts it), so both load the same SDK classes
 * from the same files.
 *
 * <p>Usage: {@code FloorProbe <table>}, with AWS_ENDPOINT_URL, AWS_REGION and credentials in the environment.
 */
public final class FloorProbe {

    private FloorProbe() {}

    public static void main(String[] args) {
        long started = System.nanoTime();
        DynamoDbClient dynamoDb = DynamoDbClient.builder()
                .endpointOverride(URI.create(System.getenv("AWS_ENDPOINT_URL")))
                .region(Region.of(System.getenv("AWS_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        System.getenv("AWS_ACCESS_KEY_ID"), System.getenv("AWS_SECRET_ACCESS_KEY"))))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        double clientMillis = ProbeResult.millisSince(started);
        long callStarted = System.nanoTime();
        boolean found = dynamoDb.getItem(request -> request.tableName(args[0])
                        .key(Map.of("pk", AttributeValue.fromS("P#0#floor"), "sk", AttributeValue.fromS("PAYMENT"))))
                .hasItem();
        new ProbeResult()
                .number("init_ms", clientMillis)
                .number("first_invoke_ms", ProbeResult.millisSince(callStarted))
                .number("cpu_ms", ColdStartProbe.cpuMillis())
                .text("response", found ? "found" : "not found")
                .print();
        System.exit(0);
    }
}
