package dev.jetonvoucher.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SDK clients of a function. {@code Wiring} builds each on first use, once per container, so a
 * function that only touches DynamoDB never pays for building an SQS client during its cold start.
 *
 * <p>Every client uses the URLConnection HTTP client (the lightest to start; {@link #newHttpClient()} builds one that a
 * function's clients share, so its TLS setup is paid once), the region from
 * {@code AWS_REGION}, and, when {@code AWS_ENDPOINT_URL} is set (the local sandbox and tests), that endpoint
 * with the environment's static credentials (or dummy ones: local endpoints accept any). Deployed, the
 * default credentials chain applies (which also covers SnapStart's container credentials).
 */
public final class AwsClients {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Below the functions' 15 s timeout, so a stuck call fails inside the invocation and can be retried. */
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration EXPORT_SOCKET_TIMEOUT = Duration.ofMinutes(3);

    private AwsClients() {}

    /**
     * The URLConnection HTTP client with the functions' timeouts, for {@link #newDynamoDb(Environment, SdkHttpClient)}
     * and its siblings to share. Building it loads the default trust store, a good part of a client's cold start; the
     * caller owns it (closing an SDK client does not close a client it was given).
     */
    public static SdkHttpClient newHttpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build();
    }

    /** A new DynamoDB client for this environment (the sandbox builds its own per function environment). */
    public static DynamoDbClient newDynamoDb(Environment environment) {
        return configure(DynamoDbClient.builder(), environment, null).build();
    }

    /** A new DynamoDB client for this environment over a shared HTTP client. */
    public static DynamoDbClient newDynamoDb(Environment environment, SdkHttpClient http) {
        return configure(DynamoDbClient.builder(), environment, http).build();
    }

    /**
     * A DynamoDB client configured as {@link #newDynamoDb(Environment, SdkHttpClient)}'s that sends nothing: every
     * request is built, marshalled and signed, and then answered in the process by {@code answers} with DynamoDB's
     * empty answer ({@link MinimalAnswers}), which the client unmarshals as it would DynamoDB's. SnapStart priming runs
     * the write paths through it, so the snapshot holds their request and response classes and a restored container's
     * first write loads neither.
     */
    public static DynamoDbClient newDynamoDbThatSendsNothing(Environment environment, MinimalAnswers answers) {
        return configure(DynamoDbClient.builder(), environment, answers).build();
    }

    /** A new SQS client for this environment. */
    public static SqsClient newSqs(Environment environment) {
        return configure(SqsClient.builder(), environment, null).build();
    }

    /** A new SQS client for this environment over a shared HTTP client. */
    public static SqsClient newSqs(Environment environment, SdkHttpClient http) {
        return configure(SqsClient.builder(), environment, http).build();
    }

    /**
     * The functions' SQS sender over a shared HTTP client: one signed SendMessage per message, without building the
     * SDK's SQS client (see {@link SqsSender}).
     */
    public static SqsSender newSqsSender(Environment environment, SdkHttpClient http) {
        Region region = region(environment);
        var local = environment.optional(Environment.AWS_ENDPOINT_URL);
        return new SqsSender(
                http,
                local.isPresent()
                        ? localCredentials(environment)
                        : DefaultCredentialsProvider.builder().build(),
                region,
                local.map(URI::create).orElseGet(() -> SqsSender.regionalEndpoint(region)));
    }

    /** Project secrets from SSM Parameter Store, over the same light HTTP client. */
    public static SsmParameters newSsmParameters(Environment environment) {
        return newSsmParameters(environment, newHttpClient());
    }

    /** Project secrets from SSM Parameter Store, over a shared HTTP client. */
    public static SsmParameters newSsmParameters(Environment environment, SdkHttpClient http) {
        Region region = region(environment);
        URI endpoint = environment
                .optional(Environment.AWS_ENDPOINT_URL)
                .map(URI::create)
                .orElse(URI.create("https://ssm." + region.id() + ".amazonaws.com"));
        AwsCredentialsProvider credentials =
                environment.optional(Environment.AWS_ENDPOINT_URL).isPresent()
                        ? localCredentials(environment)
                        : DefaultCredentialsProvider.builder().build();
        return new SsmParameters(http, credentials, region, endpoint);
    }

    /**
     * The HTTP client of the export bucket: S3 may take minutes to complete a multipart upload of a large file (it
     * answers at once and sends spaces until done), longer than the functions' 10 s read timeout allows.
     */
    public static SdkHttpClient newExportHttpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(EXPORT_SOCKET_TIMEOUT)
                .build();
    }

    /** The export bucket of this environment, over the given HTTP client (parts of {@code partSize} bytes). */
    public static S3ExportStorage newExportStorage(Environment environment, SdkHttpClient http, int partSize) {
        boolean local = environment.optional(Environment.AWS_ENDPOINT_URL).isPresent();
        return new S3ExportStorage(
                http,
                local
                        ? localCredentials(environment)
                        : DefaultCredentialsProvider.builder().build(),
                region(environment),
                environment
                        .optional(Environment.AWS_ENDPOINT_URL)
                        .map(URI::create)
                        .orElse(null),
                environment.exportBucket(),
                partSize);
    }

    private static Region region(Environment environment) {
        return Region.of(environment
                .optional(Environment.AWS_REGION)
                .or(() -> environment.optional("AWS_DEFAULT_REGION"))
                .orElseThrow(() -> Environment.notSet(Environment.AWS_REGION)));
    }

    /** @param http a shared HTTP client, or null for one of the client's own */
    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
            B builder, Environment environment, SdkHttpClient http) {
        if (http != null) {
            builder.httpClient(http);
        } else {
            builder.httpClientBuilder(UrlConnectionHttpClient.builder()
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .socketTimeout(SOCKET_TIMEOUT));
        }
        builder.region(region(environment));
        var endpoint = environment.optional(Environment.AWS_ENDPOINT_URL);
        if (endpoint.isPresent()) {
            builder.endpointOverride(URI.create(endpoint.get()));
            builder.credentialsProvider(localCredentials(environment));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder;
    }

    private static AwsCredentialsProvider localCredentials(Environment environment) {
        String accessKey = environment.optional("AWS_ACCESS_KEY_ID").orElse("test");
        String secretKey = environment.optional("AWS_SECRET_ACCESS_KEY").orElse("test");
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }
}
