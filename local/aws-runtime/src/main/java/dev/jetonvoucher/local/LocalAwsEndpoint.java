package dev.jetonvoucher.local;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A DynamoDB + SQS endpoint for tests and the sandbox. {@link #start()} picks, in this order:
 * <ol>
 *   <li>{@code aws.endpointUrl} or {@code AWS_ENDPOINT_URL} system property, else the
 *       {@code AWS_ENDPOINT_URL} environment variable: an endpoint someone already runs (kind "env");</li>
 *   <li>LocalStack {@value #LOCALSTACK_IMAGE} through Testcontainers, if a Docker engine is reachable (kind "localstack");</li>
 *   <li>a {@code python3 -m moto.server} child process on a free port (kind "moto"); where python3 lacks moto,
 *       bin/lib/local-endpoint.sh installs it into a cache virtualenv first (see {@link MotoInstallation}).</li>
 * </ol>
 * Closing stops what was started (nothing for "env").
 */
public final class LocalAwsEndpoint implements AutoCloseable {

    public static final String LOCALSTACK_IMAGE = "localstack/localstack:3.8.1";
    public static final Region DEFAULT_REGION = Region.US_EAST_1;

    static final String KIND_ENV = "env";
    static final String KIND_LOCALSTACK = "localstack";
    static final String KIND_MOTO = "moto";

    private static final String PYTHON = "python3";
    /** Any value works against LocalStack and moto; real SDK clients refuse to start without some credentials. */
    private static final AwsCredentialsProvider TEST_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private static LocalAwsEndpoint shared;

    private final String kind;
    private final URI endpoint;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final AutoCloseable backend;
    /** Set for {@link #shared()}: only its shutdown hook closes it. */
    private volatile boolean closedOnlyAtJvmExit;

    private DynamoDbClient dynamoDb;
    private SqsClient sqs;
    private boolean closed;

    private LocalAwsEndpoint(String kind, URI endpoint, AutoCloseable backend) {
        this.kind = kind;
        this.endpoint = endpoint;
        this.region = region(System.getenv(), System.getProperties());
        this.credentials = credentials(System.getenv(), System.getProperties());
        this.backend = backend;
    }

    /** A new endpoint, chosen as the class comment says; the caller closes it. */
    public static LocalAwsEndpoint start() {
        Optional<URI> configured = configuredEndpoint(System.getenv(), System.getProperties());
        if (configured.isPresent()) {
            return new LocalAwsEndpoint(KIND_ENV, configured.get(), () -> {});
        }
        if (dockerAvailable()) {
            return startLocalStack();
        }
        return startMoto();
    }

    /**
     * One endpoint for the whole JVM (test classes share it; each isolates its resources with a
     * name prefix). It is closed by a shutdown hook; {@link #close()} on it does nothing, so a
     * try-with-resources in one test cannot pull it from under another.
     */
    public static synchronized LocalAwsEndpoint shared() {
        if (shared == null) {
            LocalAwsEndpoint started = start();
            started.closedOnlyAtJvmExit = true;
            Runtime.getRuntime().addShutdownHook(new Thread(started::shutdown, "close-shared-local-aws-endpoint"));
            shared = started;
        }
        return shared;
    }

    /** LocalStack in a container, whatever the environment says; needs a Docker engine. */
    static LocalAwsEndpoint startLocalStack() {
        LocalStackContainer container = new LocalStackContainer(DockerImageName.parse(LOCALSTACK_IMAGE))
                .withServices(
                        LocalStackContainer.Service.DYNAMODB,
                        LocalStackContainer.Service.SQS,
                        LocalStackContainer.Service.SSM);
        container.start();
        return new LocalAwsEndpoint(KIND_LOCALSTACK, container.getEndpoint(), container::stop);
    }

    /**
     * A moto server child process, whatever the environment says. Started with python3 from PATH; where that
     * lacks moto, with the python {@link MotoInstallation} finds or installs moto for (a cache virtualenv).
     */
    static LocalAwsEndpoint startMoto() {
        MotoServer server;
        try {
            server = MotoServer.start(PYTHON);
        } catch (MotoServer.MotoMissingException missing) {
            server = MotoServer.start(MotoInstallation.ensure(missing.getMessage()));
        }
        return new LocalAwsEndpoint(KIND_MOTO, server.endpoint(), server);
    }

    /** A moto server with the launcher's changes named in {@code leftOut} left out (for the tests that compare). */
    static LocalAwsEndpoint startMoto(Set<String> leftOut) {
        MotoServer server = MotoServer.start(PYTHON, leftOut);
        return new LocalAwsEndpoint(KIND_MOTO, server.endpoint(), server);
    }

    static LocalAwsEndpoint startMoto(String python) {
        MotoServer server = MotoServer.start(python);
        return new LocalAwsEndpoint(KIND_MOTO, server.endpoint(), server);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** {@code AWS_REGION} (env) or {@code aws.region} (system property), else us-east-1. */
    public Region region() {
        return region;
    }

    /**
     * Static test credentials, unless real ones are given ({@code AWS_ACCESS_KEY_ID} /
     * {@code aws.accessKeyId} / {@code AWS_PROFILE}), which then go through the SDK's default chain.
     */
    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    /** The moto child process, when this endpoint started one (the bench counts its CPU time). */
    public Optional<ProcessHandle> motoProcess() {
        return backend instanceof MotoServer moto ? Optional.of(moto.processHandle()) : Optional.empty();
    }

    /** The launcher's changes to moto that applied (see moto_launcher.py); empty when this endpoint runs no moto. */
    Set<String> motoPatches() {
        return backend instanceof MotoServer moto ? moto.patches() : Set.of();
    }

    /**
     * An endpoint someone else runs (configured, kind "env"): what is created on it outlives this process.
     * LocalStack and moto endpoints started here stop with it.
     */
    public boolean external() {
        return KIND_ENV.equals(kind);
    }

    /** "env", "localstack" or "moto". */
    public String kind() {
        return kind;
    }

    /** A client bound to this endpoint, built on first use and closed with the endpoint. */
    public synchronized DynamoDbClient dynamoDb() {
        requireOpen();
        if (dynamoDb == null) {
            dynamoDb = DynamoDbClient.builder()
                    .endpointOverride(endpoint)
                    .region(region)
                    .credentialsProvider(credentials)
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build();
        }
        return dynamoDb;
    }

    /** A client bound to this endpoint, built on first use and closed with the endpoint. */
    public synchronized SqsClient sqs() {
        requireOpen();
        if (sqs == null) {
            sqs = SqsClient.builder()
                    .endpointOverride(endpoint)
                    .region(region)
                    .credentialsProvider(credentials)
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build();
        }
        return sqs;
    }

    /** Stops what this endpoint started; does nothing for {@link #shared()}, which the JVM's exit closes. */
    @Override
    public void close() {
        if (!closedOnlyAtJvmExit) {
            shutdown();
        }
    }

    @Override
    public String toString() {
        return kind + " " + endpoint + " (" + region + ")";
    }

    private synchronized void shutdown() {
        if (closed) {
            return;
        }
        closed = true;
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        if (sqs != null) {
            sqs.close();
        }
        try {
            backend.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the local AWS endpoint " + this, e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("local AWS endpoint " + this + " is closed");
        }
    }

    // ------------------------------------------------------------------ selection, testable without side effects

    /** The endpoint someone configured: system properties first (as the AWS SDK does), then the environment. */
    static Optional<URI> configuredEndpoint(Map<String, String> environment, Properties systemProperties) {
        for (String[] source : new String[][] {
            {"system property aws.endpointUrl", systemProperties.getProperty("aws.endpointUrl")},
            {"system property AWS_ENDPOINT_URL", systemProperties.getProperty("AWS_ENDPOINT_URL")},
            {"environment variable AWS_ENDPOINT_URL", environment.get("AWS_ENDPOINT_URL")}
        }) {
            String value = source[1];
            if (value != null && !value.isBlank()) {
                return Optional.of(parseEndpoint(source[0], value.trim()));
            }
        }
        return Optional.empty();
    }

    static Region region(Map<String, String> environment, Properties systemProperties) {
        String value = systemProperties.getProperty("aws.region", environment.get("AWS_REGION"));
        return value == null || value.isBlank() ? DEFAULT_REGION : Region.of(value.trim());
    }

    static AwsCredentialsProvider credentials(Map<String, String> environment, Properties systemProperties) {
        boolean realCredentialsGiven = systemProperties.getProperty("aws.accessKeyId") != null
                || environment.get("AWS_ACCESS_KEY_ID") != null
                || environment.get("AWS_PROFILE") != null;
        return realCredentialsGiven ? DefaultCredentialsProvider.builder().build() : TEST_CREDENTIALS;
    }

    private static URI parseEndpoint(String source, String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null
                    || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new URISyntaxException(value, "expected http(s)://host:port");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    source + " is not an endpoint URL like http://127.0.0.1:4566: " + value, e);
        }
    }

    /** Whether Testcontainers reaches a Docker engine (the LocalStack suite's condition too). */
    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError noDockerSupport) {
            return false;
        }
    }
}
