package dev.jetonvoucher.aws;

import dev.jetonvoucher.export.ExportStorage;
import dev.jetonvoucher.logging.Log;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * {@link ExportStorage} on an S3 bucket with a handful of SigV4-signed REST calls: a PutObject for a file of at most
 * {@link #partSize} bytes, else a multipart upload that sends a part whenever that many bytes have been written (so a
 * file of any length needs one part's memory), a GET and a query-presigned GET link. Why not the SDK's S3 client: its
 * jars would push the export functions past the 10 MiB package limit, while the signer and URLConnection client used
 * here are in every function already (as for {@link SsmParameters}). Objects are written with SSE-S3
 * ({@code x-amz-server-side-encryption: AES256}).
 *
 * <p>Deployed the bucket is addressed virtual-hosted ({@code https://bucket.s3.region.amazonaws.com/key}); on a
 * local endpoint (moto, LocalStack) path-style ({@code endpoint/bucket/key}), so the sandbox's links open on the
 * laptop.
 */
public final class S3ExportStorage implements ExportStorage {

    /** S3's smallest part but the last is 5 MiB. */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    /** The part buffer's first size; it doubles as the file grows, up to {@link #partSize}. */
    private static final int FIRST_BUFFER = 64 * 1024;

    private static final Pattern UPLOAD_ID = Pattern.compile("<UploadId>([^<]+)</UploadId>");

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Region region;
    private final URI bucketUri;
    private final int partSize;

    /**
     * @param localEndpoint a local endpoint (path-style addressing), or null for AWS itself
     * @param partSize bytes per part, at least {@link #MIN_PART_SIZE}
     */
    public S3ExportStorage(
            SdkHttpClient http,
            AwsCredentialsProvider credentials,
            Region region,
            URI localEndpoint,
            String bucket,
            int partSize) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("S3 parts are at least " + MIN_PART_SIZE + " bytes: " + partSize);
        }
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.bucketUri = localEndpoint == null
                ? URI.create("https://" + bucket + ".s3." + region.id() + ".amazonaws.com/")
                : URI.create(localEndpoint.toString().replaceAll("/+$", "") + "/" + bucket + "/");
        this.partSize = partSize;
    }

    @Override
    public Upload upload(String key, String contentType) {
        return new PartBufferedUpload(key, contentType);
    }

    /** The headers of a new object, the same on a PutObject and a CreateMultipartUpload. */
    private SdkHttpFullRequest.Builder newObject(SdkHttpMethod method, String key, String contentType) {
        return request(method, key)
                .putHeader("Content-Type", contentType)
                .putHeader("x-amz-server-side-encryption", "AES256")
                // a download is a file named as the key's last segment, even through a link without its own name
                .putHeader(
                        "Content-Disposition",
                        "attachment; filename=\"" + key.substring(key.lastIndexOf('/') + 1) + "\"");
    }

    @Override
    public Optional<InputStream> read(String key) throws IOException {
        Response response = call(request(SdkHttpMethod.GET, key), new byte[0], 0);
        if (response.status() == 404) {
            return Optional.empty();
        }
        response.require(200, "GetObject " + key);
        return Optional.of(new ByteArrayInputStream(response.body()));
    }

    @Override
    public URI downloadLink(String key, String fileName, Duration validFor) {
        SdkHttpFullRequest request = request(SdkHttpMethod.GET, key)
                .putRawQueryParameter("response-content-disposition", "attachment; filename=\"" + fileName + "\"")
                .build();
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(credentials.resolveCredentials())
                        .request(request)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, validFor));
        return signed.request().getUri();
    }

    private SdkHttpFullRequest.Builder request(SdkHttpMethod method, String key) {
        StringBuilder path = new StringBuilder();
        for (String segment : key.split("/", -1)) {
            path.append(path.length() == 0 ? "" : "/").append(SdkHttpUtils.urlEncode(segment));
        }
        return SdkHttpFullRequest.builder().method(method).uri(bucketUri.resolve(path.toString()));
    }

    private Response call(SdkHttpFullRequest.Builder builder, byte[] body, int length) throws IOException {
        // URLConnection sends a body only with PUT and POST (and then always one, an empty one too)
        boolean sendsBody = builder.method() == SdkHttpMethod.PUT || builder.method() == SdkHttpMethod.POST;
        if (sendsBody) {
            builder.putHeader("Content-Length", Integer.toString(length));
        }
        SdkHttpFullRequest request = builder.build();
        ContentStreamProvider payload = () -> new ByteArrayInputStream(body, 0, length);
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(credentials.resolveCredentials())
                        .request(request)
                        .payload(payload)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false));
        HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                        .request(signed.request())
                        .contentStreamProvider(sendsBody ? payload : null)
                        .build())
                .call();
        byte[] answer;
        Optional<? extends InputStream> stream = response.responseBody();
        if (stream.isPresent()) {
            try (InputStream in = stream.get()) {
                answer = in.readAllBytes();
            }
        } else {
            answer = new byte[0];
        }
        return new Response(
                response.httpResponse().statusCode(),
                response.httpResponse().firstMatchingHeader("ETag").orElse(null),
                answer);
    }

    private record Response(int status, String etag, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        void require(int expected, String what) throws IOException {
            if (status != expected) {
                String text = text();
                throw new IOException("S3 " + what + " failed: HTTP " + status + " "
                        + text.substring(0, Math.min(300, text.length())));
            }
        }
    }

    /**
     * One part's buffer, written into. A file that fits it is one PutObject when closed (most exports: three requests
     * fewer than a multipart upload, and none of them before the file is complete); the first time it fills, a multipart
     * upload starts, and the buffer is sent as a part whenever full and reused.
     */
    private final class PartBufferedUpload extends Upload {
        private final String key;
        private final String contentType;
        /** Grown as written, up to a part: a small export never allocates the 5 MiB of a whole one. */
        private byte[] part = new byte[Math.min(partSize, FIRST_BUFFER)];

        private final List<String> etags = new ArrayList<>();
        private String uploadId;
        private int filled;
        private boolean finished;

        PartBufferedUpload(String key, String contentType) {
            this.key = key;
            this.contentType = contentType;
        }

        @Override
        public void write(int b) throws IOException {
            makeRoom();
            part[filled++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                makeRoom();
                int taken = Math.min(length, part.length - filled);
                System.arraycopy(bytes, offset, part, filled, taken);
                filled += taken;
                offset += taken;
                length -= taken;
            }
        }

        /** Room for at least one more byte: the buffer grown while smaller than a part, else the full part sent. */
        private void makeRoom() throws IOException {
            if (filled < part.length) {
                return;
            }
            if (part.length < partSize) {
                part = Arrays.copyOf(part, (int) Math.min(partSize, 2L * part.length));
            } else {
                sendPart();
            }
        }

        private void sendPart() throws IOException {
            if (uploadId == null) {
                uploadId = createMultipartUpload();
            }
            int number = etags.size() + 1;
            Response sent = call(
                    request(SdkHttpMethod.PUT, key)
                            .putRawQueryParameter("partNumber", Integer.toString(number))
                            .putRawQueryParameter("uploadId", uploadId),
                    part,
                    filled);
            sent.require(200, "UploadPart " + number + " of " + key);
            etags.add(sent.etag());
            filled = 0;
        }

        private String createMultipartUpload() throws IOException {
            Response created = call(
                    newObject(SdkHttpMethod.POST, key, contentType).putRawQueryParameter("uploads", ""),
                    new byte[0],
                    0);
            created.require(200, "CreateMultipartUpload " + key);
            Matcher id = UPLOAD_ID.matcher(created.text());
            if (!id.find()) {
                throw new IOException("CreateMultipartUpload " + key + " answered without an UploadId");
            }
            return id.group(1);
        }

        @Override
        public void close() throws IOException {
            if (finished) {
                return;
            }
            finished = true;
            if (uploadId == null) {
                call(newObject(SdkHttpMethod.PUT, key, contentType), part, filled)
                        .require(200, "PutObject " + key);
                return;
            }
            try {
                if (filled > 0) {
                    sendPart();
                }
                completeMultipartUpload();
            } catch (IOException | RuntimeException failure) {
                abort();
                throw failure;
            }
        }

        private void completeMultipartUpload() throws IOException {
            StringBuilder complete = new StringBuilder("<CompleteMultipartUpload>");
            for (int i = 0; i < etags.size(); i++) {
                complete.append("<Part><PartNumber>")
                        .append(i + 1)
                        .append("</PartNumber><ETag>")
                        .append(etags.get(i)
                                .replace("&", "&amp;")
                                .replace("<", "&lt;")
                                .replace(">", "&gt;"))
                        .append("</ETag></Part>");
            }
            byte[] body =
                    complete.append("</CompleteMultipartUpload>").toString().getBytes(StandardCharsets.UTF_8);
            Response completed = call(
                    request(SdkHttpMethod.POST, key)
                            .putRawQueryParameter("uploadId", uploadId)
                            .putHeader("Content-Type", "application/xml"),
                    body,
                    body.length);
            // S3 may answer 200 with an <Error> body when completing fails late
            completed.require(200, "CompleteMultipartUpload " + key);
            if (completed.text().contains("<Error>")) {
                throw new IOException("S3 CompleteMultipartUpload " + key + " failed: " + completed.text());
            }
        }

        @Override
        public void abort() {
            finished = true;
            if (uploadId == null) {
                return; // nothing was sent: the object never existed
            }
            try {
                call(request(SdkHttpMethod.DELETE, key).putRawQueryParameter("uploadId", uploadId), new byte[0], 0);
            } catch (IOException | RuntimeException e) {
                // the bucket's lifecycle rule removes incomplete uploads after a day anyway
                Log.warn("export.abort_failed", "error", e.getClass().getSimpleName());
            }
        }
    }
}
