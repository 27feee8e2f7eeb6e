package dev.jetonvoucher.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Reads SecureString parameters from SSM Parameter Store with one SigV4-signed {@code GetParameter} or
 * {@code GetParameters} call: the projects' secret keys and the platform keys ({@link SsmKeyRingSource}).
 * Why not the SDK's SSM client: its service model alone is 19 MB, which would double every function
 * package and its cold start for a call made once per project (or key and cache period) per container; the signer and HTTP client
 * used here are already in the package for DynamoDB and SQS.
 */
public final class SsmParameters {

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
        Call answer = call("GetParameter", Json.object().put("Name", name).put("WithDecryption", true), name);
        if (answer.status() == 200) {
            return Optional.of(answer.body().path("Parameter").path("Value").asText());
        }
        if (answer.status() == 400 && answer.type().endsWith("ParameterNotFound")) {
            return Optional.empty();
        }
        throw answer.failure();
    }

    /**
     * The decrypted values of the parameters that exist among {@code names}, by name, read with one
     * {@code GetParameters} call (at most 10 names); a missing one is simply absent from the map.
     */
    public Map<String, String> secureStrings(List<String> names) {
        if (names.isEmpty() || names.size() > 10) {
            throw new IllegalArgumentException("GetParameters takes 1 to 10 names, not " + names.size());
        }
        ObjectNode request = Json.object().put("WithDecryption", true);
        names.forEach(request.putArray("Names")::add);
        Call answer = call("GetParameters", request, String.join(", ", names));
        if (answer.status() != 200) {
            throw answer.failure();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode parameter : answer.body().path("Parameters")) {
            values.put(parameter.path("Name").asText(), parameter.path("Value").asText());
        }
        return values;
    }

    private record Call(int status, JsonNode body, String action, String names) {
        String type() {
            return body.path("__type").asText();
        }

        IllegalStateException failure() {
            return new IllegalStateException("SSM " + action + " " + names + " failed: HTTP " + status + " " + type());
        }
    }

    private Call call(String action, ObjectNode requestBody, String names) {
        byte[] body = Json.writeBytes(requestBody);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AmazonSSM." + action)
                .build();
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(credentials.resolveCredentials())
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ssm")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                            .request(signed.request())
                            .contentStreamProvider(signed.payload().orElse(null))
                            .build())
                    .call();
            return new Call(response.httpResponse().statusCode(), read(response), action, names);
        } catch (IOException e) {
            throw new UncheckedIOException("SSM " + action + " " + names + " failed", e);
        }
    }

    private static JsonNode read(HttpExecuteResponse response) throws IOException {
        Optional<? extends InputStream> stream = response.responseBody();
        if (stream.isEmpty()) {
            return Json.object();
        }
        try (InputStream in = stream.get()) {
            JsonNode node = Json.parse(in.readNBytes(1 << 20));
            return node == null ? Json.object() : node;
        }
    }
}
