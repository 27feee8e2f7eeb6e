package dev.jetonvoucher.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.contract.ExportStorageContract;
import dev.jetonvoucher.export.ExportStorage;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * The export storage contract on S3 (moto serves it), through the template's ExportBucket; its links are fetched
 * with a plain HTTP client, as a browser without credentials would.
 */
class S3ExportStorageTest extends ExportStorageContract {

    private static SdkHttpClient http;
    private static S3ExportStorage storage;
    /** Every request the storage sent, as "METHOD ?query-names", in order. */
    private static final List<String> sent = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void deploy() {
        LocalResources aws = LocalResources.deploy(S3ExportStorageTest.class);
        LocalAwsEndpoint endpoint = LocalAwsEndpoint.shared();
        SdkHttpClient transport = AwsClients.newHttpClient();
        http = new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                SdkHttpRequest httpRequest = request.httpRequest();
                sent.add(httpRequest.method() + " ?"
                        + String.join(
                                "&",
                                new TreeSet<>(httpRequest.rawQueryParameters().keySet())));
                return transport.prepareRequest(request);
            }

            @Override
            public void close() {
                transport.close();
            }
        };
        storage = AwsClients.newExportStorage(
                new Environment(Map.of(
                        Environment.AWS_ENDPOINT_URL, endpoint.endpoint().toString(),
                        Environment.AWS_REGION, endpoint.region().id(),
                        Environment.EXPORT_BUCKET, aws.bucket("ExportBucket"))),
                http,
                S3ExportStorage.MIN_PART_SIZE);
    }

    @AfterAll
    static void close() {
        http.close();
    }

    @Override
    protected ExportStorage storage() {
        return storage;
    }

    @Override
    protected byte[] follow(URI link) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) link.toURL().openConnection();
        assertEquals(200, connection.getResponseCode(), link::toString);
        try (InputStream in = connection.getInputStream()) {
            return in.readAllBytes();
        }
    }

    @Test
    void the_link_is_presigned_for_its_time_and_names_the_file() {
        URI link = storage.downloadLink(
                "exports/1/job/jeton-voucher-1.csv", "jeton-voucher-1.csv", Duration.ofMinutes(15));

        String query = link.getRawQuery();
        assertTrue(query.contains("X-Amz-Expires=900"), query);
        assertTrue(query.contains("X-Amz-Signature="), query);
        assertTrue(query.contains("response-content-disposition=attachment"), query);
        assertTrue(
                link.toString().startsWith(LocalAwsEndpoint.shared().endpoint().toString()), "the local endpoint");
    }

    @Test
    void a_file_that_fits_one_part_is_one_put_and_a_larger_one_a_multipart_upload() throws IOException {
        String small = "exports/requests/" + UUID.randomUUID() + "/small.csv";
        sent.clear();
        try (ExportStorage.Upload upload = storage.upload(small, "text/csv; charset=utf-8")) {
            upload.write(new byte[S3ExportStorage.MIN_PART_SIZE]); // exactly one part's worth
        }
        assertEquals(List.of("PUT ?"), sent, "one PutObject, nothing before the file is complete");

        String large = "exports/requests/" + UUID.randomUUID() + "/large.csv";
        sent.clear();
        try (ExportStorage.Upload upload = storage.upload(large, "text/csv; charset=utf-8")) {
            upload.write(new byte[S3ExportStorage.MIN_PART_SIZE + 1]);
        }
        assertEquals(
                List.of("POST ?uploads", "PUT ?partNumber&uploadId", "PUT ?partNumber&uploadId", "POST ?uploadId"),
                sent);

        for (String key : List.of(small, large)) {
            try (InputStream in = storage.read(key).orElseThrow()) {
                assertEquals(
                        key.equals(small) ? S3ExportStorage.MIN_PART_SIZE : S3ExportStorage.MIN_PART_SIZE + 1,
                        in.readAllBytes().length,
                        key);
            }
        }
    }

    @Test
    void an_aborted_multipart_upload_is_deleted_and_an_unsent_one_sends_nothing() throws IOException {
        String key = "exports/requests/" + UUID.randomUUID() + "/aborted.csv";
        sent.clear();
        ExportStorage.Upload unsent = storage.upload(key, "text/csv; charset=utf-8");
        unsent.write(new byte[100]);
        unsent.abort();
        assertEquals(List.of(), sent, "nothing was started, so nothing is left to delete");

        ExportStorage.Upload started = storage.upload(key, "text/csv; charset=utf-8");
        started.write(new byte[S3ExportStorage.MIN_PART_SIZE + 1]);
        started.abort();
        assertEquals(List.of("POST ?uploads", "PUT ?partNumber&uploadId", "DELETE ?uploadId"), sent);
        assertTrue(storage.read(key).isEmpty());
    }

    @Test
    void parts_are_never_smaller_than_s3_accepts() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new S3ExportStorage(http, null, null, null, "b", S3ExportStorage.MIN_PART_SIZE - 1));
    }
}
