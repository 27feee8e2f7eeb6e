package dev.jetonvoucher.aws;

import dev.jetonvoucher.keys.CachedKeyRing;
import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.provider.CancelResult;
import dev.jetonvoucher.provider.JetonProvider;
import dev.jetonvoucher.provider.ProviderRequest;
import dev.jetonvoucher.provider.ProviderResult;
import dev.jetonvoucher.provider.ProviderUnavailableException;
import dev.jetonvoucher.provider.Reversal;
import dev.jetonvoucher.provider.UnknownOperationException;
import dev.jetonvoucher.provider.http.CircuitBreaker;
import dev.jetonvoucher.provider.http.WalletApi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * The provider port over HTTP ({@link WalletApi}): the connector a real Jeton service plugs into, and what the platform
 * uses against the provider-emulator function when the stack's {@code ProviderConnector} is {@code http}. Every call is
 * signed with the provider signing key and is idempotent at the provider (an operation's {@code orderId} is its
 * operation id), so a call whose answer was lost is simply sent again and answers with the original result.
 *
 * <p>On the platform's side: connect and read timeouts; a call that times out, cannot connect or is answered 5xx or
 * 429 is tried again after a short backoff, at most {@link Settings#attempts()} times; every such failure counts
 * against a {@link CircuitBreaker}, which after {@link Settings#breakerThreshold()} failures in a row refuses calls at
 * once for {@link Settings#breakerCoolDown()}. An exhausted or refused call is a {@link ProviderUnavailableException},
 * the workflow's existing path: the dispatch is queued again, the poll tries later, and at the limit time the payment is
 * declined 20602 (with a cancel and, if need be, a compensation). A 409 (the order id belongs to another payment) is an
 * {@link IllegalStateException} and a 400 or 404 an {@link IllegalArgumentException}, as the in-process emulator throws
 * them.
 */
public final class HttpJetonProvider implements JetonProvider {

    /** The connector's limits; {@link #DEFAULTS} keep a batch of 10 dispatches inside the function's 30 s. */
    public record Settings(
            Duration connectTimeout,
            Duration readTimeout,
            int attempts,
            Duration backoff,
            int breakerThreshold,
            Duration breakerCoolDown) {

        public static final Settings DEFAULTS = new Settings(
                Duration.ofSeconds(2), Duration.ofSeconds(3), 3, Duration.ofMillis(200), 5, Duration.ofSeconds(30));

        public Settings {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be 1 or more");
            }
        }
    }

    /** Waits between tries; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration pause) throws InterruptedException;
    }

    private final URI baseUrl;
    private final CachedKeyRing providerKeys;
    private final Settings settings;
    private final CircuitBreaker breaker;
    private final Sleeper sleeper;
    private final Clock clock;

    public HttpJetonProvider(URI baseUrl, CachedKeyRing providerKeys, Settings settings, Clock clock) {
        this(
                baseUrl,
                providerKeys,
                settings,
                new CircuitBreaker(settings.breakerThreshold(), settings.breakerCoolDown(), clock),
                pause -> Thread.sleep(pause.toMillis()),
                clock);
    }

    public HttpJetonProvider(
            URI baseUrl,
            CachedKeyRing providerKeys,
            Settings settings,
            CircuitBreaker breaker,
            Sleeper sleeper,
            Clock clock) {
        String base = baseUrl.toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.providerKeys = providerKeys;
        this.settings = settings;
        this.breaker = breaker;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    @Override
    public String submit(ProviderRequest request) {
        String answer = call("POST", WalletApi.submitPath(request.type()), WalletApi.requestJson(request));
        return WalletApi.providerPaymentIdOf(answer);
    }

    @Override
    public ProviderResult status(long operationId) {
        return WalletApi.parseOrder(call("POST", WalletApi.STATUS, WalletApi.orderIdJson(operationId)));
    }

    @Override
    public CancelResult cancel(long operationId) {
        return WalletApi.parseCancel(call("POST", WalletApi.CANCEL, WalletApi.orderIdJson(operationId)));
    }

    @Override
    public Reversal reverse(long operationId) {
        return WalletApi.parseReversal(call("POST", WalletApi.REVERSE, WalletApi.orderIdJson(operationId)));
    }

    /** The path is the API's ({@code /provider/v1/...}); the base URL's own path, if any, goes in front of it. */
    private String call(String method, String apiPath, String body) {
        String path = baseUrl.getRawPath() == null ? apiPath : baseUrl.getRawPath() + apiPath;
        String lastFailure = null;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            if (attempt > 1) {
                pause(attempt);
            }
            if (!breaker.allow()) {
                throw new ProviderUnavailableException(
                        "the provider's circuit breaker is open after repeated failures"
                                + (lastFailure == null ? "" : " (last: " + lastFailure + ")"),
                        null);
            }
            Answer answer;
            try {
                answer = exchange(method, path, body);
            } catch (IOException e) {
                breaker.failure();
                lastFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
                Log.warn(
                        "provider.call_failed",
                        "method",
                        method,
                        "path",
                        apiPath,
                        "attempt",
                        attempt,
                        "error",
                        lastFailure);
                continue;
            }
            if (answer.status >= 500 || answer.status == 429) {
                breaker.failure();
                lastFailure = "HTTP " + answer.status;
                Log.warn(
                        "provider.call_failed",
                        "method",
                        method,
                        "path",
                        apiPath,
                        "attempt",
                        attempt,
                        "status",
                        answer.status);
                continue;
            }
            breaker.success();
            return answerOrThrow(method, apiPath, answer);
        }
        throw new ProviderUnavailableException(
                "the provider did not answer " + method + " " + apiPath + " in " + settings.attempts()
                        + " tries (last: " + lastFailure + ")",
                null);
    }

    private static String answerOrThrow(String method, String apiPath, Answer answer) {
        String why = WalletApi.errorOf(answer.body).orElse("HTTP " + answer.status);
        switch (answer.status) {
            case 200:
            case 202:
                return answer.body;
            case 404:
                throw new UnknownOperationException(why);
            case 400:
                throw new IllegalArgumentException(why);
            case 409:
                throw new IllegalStateException(why);
            default:
                // 401 (a key the provider does not take) and anything unexpected: not answered, the caller retries
                throw new ProviderUnavailableException(
                        "the provider refused " + method + " " + apiPath + ": HTTP " + answer.status + " " + why, null);
        }
    }

    private void pause(int attempt) {
        try {
            sleeper.sleep(settings.backoff().multipliedBy(1L << Math.min(attempt - 2, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("interrupted while waiting to try the provider again", e);
        }
    }

    private record Answer(int status, String body) {}

    private Answer exchange(String method, String path, String body) throws IOException {
        URI url = baseUrl.resolve(path);
        long timestamp = clock.instant().getEpochSecond();
        String signature = WalletApi.signature(providerKeys.get().current().secret(), timestamp, method, path, body);
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        try {
            connection.setRequestMethod(method);
            connection.setConnectTimeout((int) settings.connectTimeout().toMillis());
            connection.setReadTimeout((int) settings.readTimeout().toMillis());
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestProperty("Accept", "application/json");
            connection.setRequestProperty(WalletApi.TIMESTAMP_HEADER, Long.toString(timestamp));
            connection.setRequestProperty(WalletApi.SIGNATURE_HEADER, signature);
            if (method.equals("POST")) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                connection.setFixedLengthStreamingMode(bytes.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(bytes);
                }
            }
            int status = connection.getResponseCode();
            InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            return new Answer(status, stream == null ? "" : read(stream));
        } catch (IOException e) {
            connection.disconnect();
            throw e;
        }
    }

    private static String read(InputStream stream) throws IOException {
        try (stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int total = 0;
            for (int n; (n = stream.read(buffer)) > 0; ) {
                total += n;
                if (total > 1024 * 1024) {
                    throw new IOException("the provider's answer is over 1 MiB");
                }
                out.write(buffer, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
