package dev.jetonvoucher.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
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
 * Reads SecureString parameters from SSM Parameter Store with one SigV4-signed {@code GetParameter} call.
 * Why not the SDK's SSM client: its service model alone is 19 MB, which would double every function
 * package and its cold start for a call made once per project per container; the signer and HTTP client
 * used here are already in the package for DynamoDB and SQS.
 */
public final class SsmParameters {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Region region;
    private final URI endpoint;

    public SsmParameters(SdkHttpClient http, AwsCredentialsProvider credentials, Region region, URI endpoint) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = endpoint;
    }

    /** The decrypted value, or empty when there is no such parameter. */
    public Optional<String> secureString(String name) {
        byte[] body = JSON.createObjectNode().put("Name", name).put("WithDecryption", true).toString()
                .getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AmazonSSM.GetParameter")
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ssm")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null))
                    .build()).call();
            JsonNode answer = read(response);
            int status = response.httpResponse().statusCode();
            if (status == 200) {
                return Optional.of(answer.path("Parameter").path("Value").asText());
            }
            String type = answer.path("__type").asText();
            if (status == 400 && type.endsWith("ParameterNotFound")) {
                return Optional.empty();
            }
            throw new IllegalStateException("SSM GetParameter " + name + " failed: HTTP " + status + " " + type);
        } catch (IOException e) {
            throw new UncheckedIOException("SSM GetParameter " + name + " failed", e);
        }
    }

    private static JsonNode read(HttpExecuteResponse response) throws IOException {
        Optional<? extends InputStream> stream = response.responseBody();
        if (stream.isEmpty()) {
            return JSON.createObjectNode();
        }
        try (InputStream in = stream.get()) {
            JsonNode node = JSON.readTree(in.readNBytes(1 << 20));
            return node == null ? JSON.createObjectNode() : node;
        }
    }
}
