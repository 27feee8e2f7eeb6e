package dev.jetonvoucher.memory;

import dev.jetonvoucher.export.ExportStorage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ExportStorage} in a map. Its links are {@code memory:} URIs that {@link #follow(URI)} reads back, the way a
 * browser follows an S3 link.
 */
public final class InMemoryExportStorage implements ExportStorage {

    private static final String SCHEME = "memory";

    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    @Override
    public Upload upload(String key, String contentType) {
        return new Upload() {
            private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            private boolean aborted;

            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.write(b, off, len);
            }

            @Override
            public void close() {
                if (!aborted) {
                    objects.put(key, bytes.toByteArray());
                }
            }

            @Override
            public void abort() {
                aborted = true;
            }
        };
    }

    @Override
    public Optional<InputStream> read(String key) {
        return Optional.ofNullable(objects.get(key)).map(ByteArrayInputStream::new);
    }

    @Override
    public URI downloadLink(String key, String fileName, Duration validFor) {
        return URI.create(SCHEME + ":" + URLEncoder.encode(key, StandardCharsets.UTF_8));
    }

    /** The object a link names; fails when there is none. */
    public byte[] follow(URI link) {
        if (!SCHEME.equals(link.getScheme())) {
            throw new IllegalArgumentException("not a link of this storage: " + link);
        }
        byte[] object = objects.get(link.getSchemeSpecificPart());
        if (object == null) {
            throw new IllegalArgumentException("no object behind " + link);
        }
        return object.clone();
    }
}
