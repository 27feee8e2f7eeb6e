package dev.jetonvoucher.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * SecureString parameters of SSM Parameter Store on the local endpoint (moto serves SSM; LocalStack is started with
 * it): where the sandbox, {@code bin/invoke} and the tests put the platform keys, as an operator does with
 * {@code aws ssm put-parameter} before deploying. Signed SigV4 JSON calls, like the functions' own reader, so no SSM
 * SDK client (19 MB of service model) is needed.
 */
public final class LocalParameterStore {

    private final LocalAwsEndpoint endpoint;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();

    public LocalParameterStore(LocalAwsEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** Writes the parameter, replacing its value. */
    public void put(String name, String value) {
        Answer answer = call(
                "PutParameter",
                "{\"Name\":" + quoted(name) + ",\"Value\":" + quoted(value)
                        + ",\"Type\":\"SecureString\",\"Overwrite\":true}");
        answer.requireOk("PutParameter " + name);
    }

    /** Writes the parameter unless it exists. @return true when this call wrote it */
    public boolean putIfAbsent(String name, String value) {
        Answer answer = call(
                "PutParameter",
                "{\"Name\":" + quoted(name) + ",\"Value\":" + quoted(value)
                        + ",\"Type\":\"SecureString\",\"Overwrite\":false}");
        if (answer.status() == 400 && answer.type().endsWith("ParameterAlreadyExists")) {
            return false;
        }
        answer.requireOk("PutParameter " + name);
        return true;
    }

    /** The decrypted value, or empty when there is no such parameter. */
    public Optional<String> get(String name) {
        Answer answer = call("GetParameter", "{\"Name\":" + quoted(name) + ",\"WithDecryption\":true}");
        if (answer.status() == 400 && answer.type().endsWith("ParameterNotFound")) {
            return Optional.empty();
        }
        answer.requireOk("GetParameter " + name);
        return Optional.of(answer.body()
                .field("Parameter")
                .flatMap(p -> p.field("Value"))
                .map(JsonNode::text)
                .orElseThrow(() -> new IllegalStateException("GetParameter " + name + " answered no value")));
    }

    /** Deletes the parameter if it exists. */
    public void delete(String name) {
        Answer answer = call("DeleteParameter", "{\"Name\":" + quoted(name) + "}");
        if (!(answer.status() == 400 && answer.type().endsWith("ParameterNotFound"))) {
            answer.requireOk("DeleteParameter " + name);
        }
    }

    private record Answer(int status, JsonNode body) {
        String type() {
            return body.field("__type").map(JsonNode::text).orElse("");
        }

        void requireOk(String what) {
            if (status != 200) {
                throw new IllegalStateException(
                        "SSM " + what + " failed on the local endpoint: HTTP " + status + " " + type());
            }
        }
    }

    private Answer call(String action, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint.endpoint())
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AmazonSSM." + action)
                .build();
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(endpoint.credentials().resolveCredentials())
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ssm")
                        .putProperty(
                                AwsV4HttpSigner.REGION_NAME, endpoint.region().id()));
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                            .request(signed.request())
                            .contentStreamProvider(signed.payload().orElse(null))
                            .build())
                    .call();
            JsonNode parsed = JsonNode.emptyObjectNode();
            if (response.responseBody().isPresent()) {
                try (InputStream in = response.responseBody().get()) {
                    byte[] bytes = in.readAllBytes();
                    if (bytes.length > 0) {
                        parsed = JsonNodeParser.create().parse(bytes);
                    }
                }
            }
            return new Answer(response.httpResponse().statusCode(), parsed);
        } catch (IOException e) {
            throw new UncheckedIOException("SSM " + action + " failed on the local endpoint " + endpoint.endpoint(), e);
        }
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
