package dev.jetonvoucher.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where finished export files are kept until they expire (S3 deployed): written once as a stream of any length, read
 * by the merchant's browser through a short-lived link that needs no session.
 */
public interface ExportStorage {

    /**
     * Starts writing an object. Bytes written are the object's content; {@link Upload#close()} makes it readable
     * whole; {@link Upload#abort()} drops what was written. Until closed, nobody reads a partial object.
     */
    Upload upload(String key, String contentType) throws IOException;

    /** The object's bytes, or empty when there is no such (complete) object. */
    Optional<InputStream> read(String key) throws IOException;

    /** A link that downloads the object as an attachment named {@code fileName}, valid for {@code validFor}. */
    URI downloadLink(String key, String fileName, Duration validFor);

    /** An object being written. */
    abstract class Upload extends OutputStream {

        /** Drops what was written; the object never appears. Safe to call after a failed write or close. */
        public abstract void abort();
    }
}
