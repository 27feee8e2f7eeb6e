package dev.jetonvoucher.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;

/**
 * SQS {@code SendMessage} as one SigV4-signed AWS JSON 1.0 request over the function's shared HTTP client, the signer
 * the DynamoDB client has already loaded and warmed: every function's only SQS call. Why not the SDK's SQS client:
 * building it and its first call (its own endpoint rules, interceptors and model classes) were a good part of what a
 * sending function's cold start, and its first invocation after a SnapStart restore, paid beyond the floor (issue 16
 * §2; BENCHMARKS.md). As the SDK client does, it checks the MD5 digest SQS returns for the body, and tries a call
 * again, at most {@value #ATTEMPTS} times in all after short random pauses, when the connection fails or SQS answers
 * 5xx or throttles (a message sent twice is harmless: every consumer is idempotent). Tests and the benchmark that
 * need to see or fail a function's sends wrap the {@link QueueSender} port in their wiring
 * ({@code FunctionHost.decorateQueueSenders}), not this class.
 */
public final class SqsSender implements QueueSender {

    static final int ATTEMPTS = 3;
    private static final long BASE_PAUSE_MILLIS = 50;

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Region region;
    private final URI endpoint;

    /** @param endpoint the SQS endpoint (the region's, or the local endpoint of the sandbox and tests) */
    public SqsSender(SdkHttpClient http, AwsCredentialsProvider credentials, Region region, URI endpoint) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = endpoint;
    }

    /** The region's public SQS endpoint. */
    public static URI regionalEndpoint(Region region) {
        return URI.create(
                "https://sqs." + region.id() + ".amazonaws.com" + (region.id().startsWith("cn-") ? ".cn" : ""));
    }

    @Override
    public void send(String queueUrl, String body, int delaySeconds) {
        ObjectNode request = Json.object().put("QueueUrl", queueUrl).put("MessageBody", body);
        if (delaySeconds > 0) {
            request.put("DelaySeconds", delaySeconds);
        }
        byte[] payload = Json.writeBytes(request);
        for (int attempt = 1; ; attempt++) {
            Answer answer;
            try {
                answer = call(payload);
            } catch (IOException e) {
                if (attempt < ATTEMPTS) {
                    pause(attempt);
                    continue;
                }
                throw new UncheckedIOException("SQS SendMessage to " + queueUrl + " failed", e);
            }
            if (answer.status() == 200) {
                checkDigest(
                        queueUrl, body, answer.body().path("MD5OfMessageBody").asText());
                return;
            }
            if (answer.retryable() && attempt < ATTEMPTS) {
                pause(attempt);
                continue;
            }
            throw new IllegalStateException("SQS SendMessage to " + queueUrl + " failed: HTTP " + answer.status() + " "
                    + answer.type() + " " + answer.body().path("message").asText(""));
        }
    }

    /**
     * Runs a send's own work without sending (SnapStart priming): the request built and signed, the answer read and its
     * digest checked; the HTTP client and the signer are primed by the DynamoDB client's call already.
     */
    public void prime() {
        String body = "{\"priming\":true}";
        byte[] payload = Json.writeBytes(Json.object()
                .put("QueueUrl", "https://sqs.invalid/000000000000/priming")
                .put("MessageBody", body)
                .put("DelaySeconds", 1));
        sign(payload);
        try {
            JsonNode answer = Json.parse("{\"MD5OfMessageBody\":\"" + md5Hex(body) + "\",\"MessageId\":\"m\"}");
            checkDigest("priming", body, answer.path("MD5OfMessageBody").asText());
            new Answer(400, Json.parse("{\"__type\":\"priming\"}")).retryable();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Answer(int status, JsonNode body) {
        String type() {
            return body.path("__type").asText("");
        }

        boolean retryable() {
            return status >= 500 || status == 429 || type().contains("Throttl") || type().contains("RequestThrottled");
        }
    }

    private Answer call(byte[] payload) throws IOException {
        SignedRequest signed = sign(payload);
        HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                        .request(signed.request())
                        .contentStreamProvider(signed.payload().orElse(null))
                        .build())
                .call();
        return new Answer(response.httpResponse().statusCode(), read(response));
    }

    private SignedRequest sign(byte[] payload) {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", "AmazonSQS.SendMessage")
                .build();
        return AwsV4HttpSigner.create()
                .sign(r -> r.identity(credentials.resolveCredentials())
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArrayUnsafe(payload))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sqs")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
    }

    private static JsonNode read(HttpExecuteResponse response) throws IOException {
        Optional<? extends InputStream> stream = response.responseBody();
        if (stream.isEmpty()) {
            return Json.object();
        }
        try (InputStream in = stream.get()) {
            byte[] bytes = in.readNBytes(1 << 16);
            if (bytes.length == 0) {
                return Json.object();
            }
            try {
                JsonNode node = Json.parse(bytes);
                return node == null ? Json.object() : node;
            } catch (IOException notJson) { // a proxy's or load balancer's error page
                return Json.object();
            }
        }
    }

    private static void checkDigest(String queueUrl, String body, String digest) {
        String expected = md5Hex(body);
        if (!expected.equalsIgnoreCase(digest)) {
            throw new IllegalStateException("SQS SendMessage to " + queueUrl + ": the body's MD5 digest " + expected
                    + " does not match the one SQS returned, " + digest);
        }
    }

    static String md5Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(BASE_PAUSE_MILLIS << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to send again", e);
        }
    }
}
