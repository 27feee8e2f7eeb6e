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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The export storage contract on S3 (moto serves it), through the template's ExportBucket; its links are fetched
 * with a plain HTTP client, as a browser without credentials would.
 */
class S3ExportStorageTest extends ExportStorageContract {

    private static SdkHttpClient http;
    private static S3ExportStorage storage;

    @BeforeAll
    static void deploy() {
        LocalResources aws = LocalResources.deploy(S3ExportStorageTest.class);
        LocalAwsEndpoint endpoint = LocalAwsEndpoint.shared();
        http = AwsClients.newHttpClient();
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
    void parts_are_never_smaller_than_s3_accepts() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new S3ExportStorage(http, null, null, null, "b", S3ExportStorage.MIN_PART_SIZE - 1));
    }
}
