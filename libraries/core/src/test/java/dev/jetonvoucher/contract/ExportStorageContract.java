package dev.jetonvoucher.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.export.ExportStorage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link ExportStorage} must do: a streamed object appears whole when closed, and its link downloads it. */
public abstract class ExportStorageContract {

    /** Larger than S3's smallest part (5 MiB) twice over, so a multipart upload has several parts. */
    private static final int LARGE = 11 * 1024 * 1024 + 123;

    protected abstract ExportStorage storage();

    /** Downloads what a link from {@link ExportStorage#downloadLink} leads to, as a browser would. */
    protected abstract byte[] follow(URI link) throws IOException;

    private static String newKey() {
        return "exports/contract/" + UUID.randomUUID() + "/file.csv";
    }

    private byte[] read(String key) throws IOException {
        try (InputStream in = storage().read(key).orElseThrow(() -> new AssertionError("no object " + key))) {
            return in.readAllBytes();
        }
    }

    @Test
    void a_small_object_is_read_back_as_written() throws IOException {
        String key = newKey();
        byte[] content = "\uFEFFPayment ID,Amount\r\nf-1,10.05\r\n".getBytes(StandardCharsets.UTF_8);

        try (ExportStorage.Upload upload = storage().upload(key, "text/csv; charset=utf-8")) {
            upload.write(content);
        }

        assertArrayEquals(content, read(key));
    }

    @Test
    void a_large_object_written_in_small_pieces_is_read_back_whole() throws IOException {
        String key = newKey();
        byte[] content = new byte[LARGE];
        new Random(18).nextBytes(content);

        try (ExportStorage.Upload upload = storage().upload(key, "application/octet-stream")) {
            for (int offset = 0; offset < content.length; offset += 7_919) {
                upload.write(content, offset, Math.min(7_919, content.length - offset));
            }
        }

        assertArrayEquals(content, read(key));
    }

    @Test
    void an_object_is_not_there_before_its_upload_closes() throws IOException {
        String key = newKey();
        ExportStorage.Upload upload = storage().upload(key, "text/csv; charset=utf-8");
        upload.write("half a file".getBytes(StandardCharsets.UTF_8));

        assertTrue(storage().read(key).isEmpty());
        upload.close();
        assertTrue(storage().read(key).isPresent());
    }

    @Test
    void an_aborted_upload_leaves_nothing() throws IOException {
        String key = newKey();
        ExportStorage.Upload upload = storage().upload(key, "text/csv; charset=utf-8");
        upload.write("never complete".getBytes(StandardCharsets.UTF_8));

        upload.abort();

        assertTrue(storage().read(key).isEmpty());
        assertTrue(storage().read(newKey()).isEmpty(), "an object never written");
    }

    @Test
    void the_download_link_leads_to_the_object() throws IOException {
        String key = newKey();
        byte[] content = "Payment ID\r\nf-1\r\n".getBytes(StandardCharsets.UTF_8);
        try (ExportStorage.Upload upload = storage().upload(key, "text/csv; charset=utf-8")) {
            upload.write(content);
        }

        URI link = storage().downloadLink(key, "jeton-voucher-1.csv", Duration.ofMinutes(15));

        assertArrayEquals(content, follow(link));
    }
}
