package dev.jetonvoucher.functions.export;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/**
 * Collects a response body up to a limit: a Lambda behind API Gateway answers with one payload of at most 6 MB
 * (binary bodies base64-encoded), so a larger export fails early and clearly instead of at the gateway.
 */
final class BoundedOutputStream extends OutputStream {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    private final int limit;

    BoundedOutputStream(int limit) {
        this.limit = limit;
    }

    /** Thrown when the body would pass the limit. */
    static final class TooLargeException extends RuntimeException {
        TooLargeException(int limit) {
            super("the export is larger than " + limit + " bytes");
        }
    }

    @Override
    public void write(int b) {
        ensureRoom(1);
        bytes.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensureRoom(len);
        bytes.write(b, off, len);
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }

    private void ensureRoom(int more) {
        if (bytes.size() + (long) more > limit) {
            throw new TooLargeException(limit);
        }
    }
}
