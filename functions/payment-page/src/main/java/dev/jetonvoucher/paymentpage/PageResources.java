package dev.jetonvoucher.paymentpage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The one reader of the Payment Page's files on the class path (templates and static files, next to this class). */
final class PageResources {

    private PageResources() {}

    /** The file as UTF-8 text; a missing file is a packaging error, so it fails the class that loads it. */
    static String text(String resource) {
        try (InputStream in = PageResources.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
