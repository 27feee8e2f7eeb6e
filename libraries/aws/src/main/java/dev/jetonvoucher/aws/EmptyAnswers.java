package dev.jetonvoucher.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.CRC32;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that sends nothing: it reads each request (already built, marshalled and signed by the SDK) and
 * answers it itself with the AWS JSON protocol's empty answer, {@code {}} with DynamoDB's {@code x-amz-crc32} of it,
 * which is what DynamoDB answers a PutItem, UpdateItem or TransactWriteItems that asked for no return values (and a
 * GetItem of an absent item). The client of {@link AwsClients#newDynamoDbThatSendsNothing}: SnapStart priming runs
 * the payment store's writes through it, so the snapshot holds their request and response sides both (issue 16 §2).
 * No connection is opened, so nothing can be written anywhere.
 */
public final class EmptyAnswers implements SdkHttpClient {

    private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);
    private static final String EMPTY_CRC32 = crc32(EMPTY);

    private final List<String> answered = new CopyOnWriteArrayList<>();

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream body =
                            request.contentStreamProvider().get().newStream()) {
                        body.transferTo(OutputStream.nullOutputStream());
                    }
                }
                answered.add(operation(request.httpRequest()));
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder()
                                .statusCode(200)
                                .statusText("OK")
                                .putHeader("Content-Type", "application/x-amz-json-1.0")
                                .putHeader("Content-Length", Integer.toString(EMPTY.length))
                                .putHeader("x-amzn-RequestId", "answered-in-process")
                                .putHeader("x-amz-crc32", EMPTY_CRC32)
                                .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(EMPTY)))
                        .build();
            }

            @Override
            public void abort() {
                // nothing is in flight
            }
        };
    }

    /** The operations answered so far, in order: their X-Amz-Target ("DynamoDB_20120810.PutItem", ...). */
    public List<String> answered() {
        return List.copyOf(answered);
    }

    @Override
    public String clientName() {
        return "EmptyAnswers";
    }

    @Override
    public void close() {
        // holds nothing
    }

    private static String operation(SdkHttpRequest request) {
        return request.firstMatchingHeader("X-Amz-Target").orElse(request.method() + " " + request.encodedPath());
    }

    private static String crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return Long.toString(crc.getValue());
    }
}
