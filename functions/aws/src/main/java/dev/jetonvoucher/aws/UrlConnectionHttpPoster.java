package dev.jetonvoucher.aws;

import dev.jetonvoucher.workflow.HttpPoster;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Posts merchant callbacks with {@link HttpURLConnection} (no HTTP library in the function's jar). Network
 * failures become status 0 with an error text, never exceptions: a failed try is a normal outcome that the
 * callback schedule retries. Redirects are not followed (a callback counts only as a 200 from the configured
 * URL), and the response body is read, bounded, and discarded so the connection can be reused.
 */
public final class UrlConnectionHttpPoster implements HttpPoster {

    /** More than any acknowledgement needs; a larger body is cut off rather than read to the end. */
    static final int MAX_RESPONSE_BYTES = 64 * 1024;

    @Override
    public Response postJson(URI url, String body, Duration timeout) {
        String scheme = url.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            return new Response(0, "not an http(s) URL: " + url);
        }
        int timeoutMillis = timeoutMillis(timeout);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) url.toURL().openConnection();
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout(timeoutMillis);
            connection.setReadTimeout(timeoutMillis);
            connection.setUseCaches(false);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            // Streaming mode also keeps HttpURLConnection from silently re-sending the POST after a failure.
            connection.setFixedLengthStreamingMode(bytes.length);
            connection.setRequestProperty("Content-Type", "application/json; charset=utf-8");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(bytes);
            }
            int status = connection.getResponseCode();
            if (status < 0) {
                connection.disconnect();
                return new Response(0, "not a valid HTTP response");
            }
            if (!discardBody(connection, status)) {
                connection.disconnect();
            }
            return new Response(status, null);
        } catch (SocketTimeoutException e) {
            disconnect(connection);
            return new Response(0, "no response within " + timeoutMillis + " ms (" + e.getMessage() + ")");
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: a URI that is not a valid URL (no host, relative).
            disconnect(connection);
            return new Response(0, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** @return true when the whole body was read (the connection can go back to the keep-alive pool) */
    private static boolean discardBody(HttpURLConnection connection, int status) {
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            if (in == null) {
                return true;
            }
            byte[] buffer = new byte[8192];
            int total = 0;
            for (int read; (read = in.read(buffer)) != -1; ) {
                total += read;
                if (total > MAX_RESPONSE_BYTES) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false; // the status is what counts; the body is not needed
        }
    }

    private static int timeoutMillis(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive (0 would mean none): " + timeout);
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }

    private static void disconnect(HttpURLConnection connection) {
        if (connection != null) {
            connection.disconnect();
        }
    }
}
