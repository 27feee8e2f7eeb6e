package dev.jetonvoucher.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.CRC32;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * An HTTP client that sends nothing: it reads each request (already built, marshalled and signed) and answers it itself
 * with the operation's minimal answer in the AWS JSON protocol, as the service would answer a call that succeeded:
 * {@code {}} (with DynamoDB's {@code x-amz-crc32} of it), which is DynamoDB's answer to a PutItem, UpdateItem or
 * TransactWriteItems that asked for no return values and to a GetItem of an absent item; for SQS SendMessage, the MD5
 * of the message body and a message id, which SQS always answers; for S3 (the export storage's own requests), an
 * upload id to a CreateMultipartUpload, and an ETag header on every answer (an UploadPart's). The client of
 * {@link AwsClients#newDynamoDbThatSendsNothing} and of a priming {@link SqsSender}: SnapStart priming runs the payment
 * store's writes and a send through it, so the snapshot holds their request and response sides both (issue 16 §2). No
 * connection is opened, so nothing can be written or sent anywhere.
 */
public final class MinimalAnswers implements SdkHttpClient {

    private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);
    private static final String SEND_MESSAGE = "AmazonSQS.SendMessage";
    /** S3's answer to a CreateMultipartUpload ({@code POST ?uploads}): the upload's id. */
    private static final byte[] CREATED_UPLOAD =
            "<InitiateMultipartUploadResult><UploadId>answered-in-process</UploadId></InitiateMultipartUploadResult>"
                    .getBytes(StandardCharsets.UTF_8);

    private final List<String> answered = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> cannedAnswers = new ConcurrentHashMap<>();

    /**
     * Answers {@code operation} (its X-Amz-Target, "DynamoDB_20120810.UpdateItem") with {@code json} from now on: for a
     * call whose minimal answer is not {@code {}}, such as an UpdateItem that asks for its new values (DynamoDB then
     * always returns them).
     */
    public MinimalAnswers answering(String operation, String json) {
        cannedAnswers.put(operation, json.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                byte[] sent = new byte[0];
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream body =
                            request.contentStreamProvider().get().newStream()) {
                        sent = body.readAllBytes();
                    }
                }
                String operation = operation(request.httpRequest());
                answered.add(operation);
                byte[] answer = SEND_MESSAGE.equals(operation)
                        ? sendMessageAnswer(sent)
                        : request.httpRequest()
                                        .firstMatchingRawQueryParameter("uploads")
                                        .isPresent()
                                ? CREATED_UPLOAD
                                : cannedAnswers.getOrDefault(operation, EMPTY);
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder()
                                .statusCode(200)
                                .statusText("OK")
                                .putHeader("Content-Type", "application/x-amz-json-1.0")
                                .putHeader("Content-Length", Integer.toString(answer.length))
                                .putHeader("x-amzn-RequestId", "answered-in-process")
                                .putHeader("x-amz-crc32", crc32(answer))
                                .putHeader("ETag", "\"answered-in-process\"")
                                .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer)))
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
        return "MinimalAnswers";
    }

    @Override
    public void close() {
        // holds nothing
    }

    private static String operation(SdkHttpRequest request) {
        return request.firstMatchingHeader("X-Amz-Target").orElse(request.method() + " " + request.encodedPath());
    }

    /** SendMessage's answer: the MD5 of the body sent (the sender checks it) and a message id. */
    private static byte[] sendMessageAnswer(byte[] request) {
        String body = JsonNode.parser()
                .parse(request)
                .field("MessageBody")
                .map(JsonNode::asString)
                .orElse("");
        try {
            String md5 = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
            return ("{\"MD5OfMessageBody\":\"" + md5 + "\",\"MessageId\":\"answered-in-process\"}")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return Long.toString(crc.getValue());
    }
}
