package dev.jetonvoucher.local;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Creates the template's S3 buckets on the local endpoint with one signed {@code CreateBucket} call each (path-style),
 * so the tests and the sandbox need no S3 client library. A bucket that exists already is kept with its objects.
 * The bucket's encryption and lifecycle rule are AWS's business: locally objects live as long as the endpoint.
 */
final class LocalBuckets {

    private LocalBuckets() {}

    static void create(LocalAwsEndpoint endpoint, String bucket) {
        String region = endpoint.region().id();
        byte[] body = region.equals("us-east-1")
                ? new byte[0]
                : ("<CreateBucketConfiguration><LocationConstraint>" + region
                                + "</LocationConstraint></CreateBucketConfiguration>")
                        .getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.PUT)
                .uri(URI.create(endpoint.endpoint().toString().replaceAll("/+$", "") + "/" + bucket))
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        ContentStreamProvider payload = () -> new ByteArrayInputStream(body);
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(endpoint.credentials().resolveCredentials())
                        .request(request)
                        .payload(payload)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false));
        try (SdkHttpClient http = UrlConnectionHttpClient.create()) {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                            .request(signed.request())
                            .contentStreamProvider(payload)
                            .build())
                    .call();
            int status = response.httpResponse().statusCode();
            String answer = "";
            if (response.responseBody().isPresent()) {
                try (InputStream in = response.responseBody().get()) {
                    answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            boolean exists = status == 409 && answer.contains("BucketAlreadyOwnedByYou");
            if (status != 200 && !exists) {
                throw new IllegalStateException("cannot create bucket " + bucket + " on " + endpoint.endpoint()
                        + ": HTTP " + status + " " + answer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create bucket " + bucket + " on " + endpoint.endpoint(), e);
        }
    }
}
