package dev.jetonvoucher.sandbox;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jetonvoucher.local.HttpRoute;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves the template's HttpApi routes on loopback the way API Gateway (HTTP API, payload 2.0) does: it
 * builds the event (lower-cased headers, raw path and query, query parameters joined with commas, a base64
 * body for non-text content), invokes the route's function, and writes the function's response back.
 * One log line per request: route, status, latency and the payment it concerns ({@link RequestLogLine}).
 */
public final class HttpGateway implements AutoCloseable {

    static final int MAX_BODY_BYTES = 6 * 1024 * 1024; // Lambda's synchronous payload limit
    /** How long a request may take to arrive, head and body: a stalled client is cut off after this. */
    static final Duration REQUEST_READ_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Requests served at once, each on its own thread: threads are made as connections need them (and end when idle),
     * so a few slow clients hold only their own. Beyond this the JDK server closes a new connection at once.
     */
    static final int MAX_CONCURRENT_REQUESTS = 256;
    private static final int STOP_WAIT_SECONDS = 5;
    /** How {@link #route} keys a SAM HttpApi event without Method and Path ({@link HttpRoute}). */
    private static final String DEFAULT_ROUTE = "ANY $default";

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY every small answer waits out
        // Nagle's algorithm against the client's delayed ACK (40 ms). Read once, when the JVM's first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        // The JDK server's own request timer closes a connection whose request (head included, which it reads before
        // any handler runs) has not arrived in time. Read at the same moment; the body's deadline is also enforced
        // below, so it holds even in a JVM whose first HttpServer fixed these settings before this class loaded.
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", Long.toString(REQUEST_READ_TIMEOUT.toSeconds()));
        }
    }
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    /** An extra handler for sandbox-only routes (inbox, tools): returns null when the path is not its own. */
    public interface LocalRoute {
        Response handle(String method, String path, Map<String, String> query, String body) throws IOException;
    }

    public record Response(int status, String contentType, String body) {
    }

    private final HttpServer server;
    private final Map<String, FunctionHost> routes = new LinkedHashMap<>();
    private final List<LocalRoute> localRoutes = new ArrayList<>();
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(0, MAX_CONCURRENT_REQUESTS, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), threads("sandbox-http-"));
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(threads("sandbox-http-deadline-"));
    private final Duration bodyReadTimeout;
    private final AtomicBoolean closed = new AtomicBoolean();

    public HttpGateway(String host, int port) throws IOException {
        this(host, port, REQUEST_READ_TIMEOUT);
    }

    /** @param bodyReadTimeout how long a request's body may take to arrive once its head has */
    HttpGateway(String host, int port, Duration bodyReadTimeout) throws IOException {
        this.bodyReadTimeout = bodyReadTimeout;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
        server.setExecutor(executor);
        server.createContext("/", this::serve);
    }

    public void route(HttpRoute route, FunctionHost function) {
        routes.put(route.method().toUpperCase(Locale.ROOT) + " " + route.path(), function);
    }

    public void localRoute(LocalRoute route) {
        localRoutes.add(route);
    }

    public List<String> routeKeys() {
        return List.copyOf(routes.keySet());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void start() {
        server.start();
    }

    /** Stops serving, letting requests in progress finish (for a while); closing again does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            // No interrupts at first: a function mid-request finishes its work rather than being cut off
            // between two AWS calls; only one still running after the wait is interrupted.
            executor.shutdown();
            deadlines.shutdownNow();
            try {
                if (!executor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        byte[] body;
        try {
            body = readBodyWithinDeadline(exchange);
        } catch (IOException cutOff) {
            // A client that stalled past the deadline, or went away: nobody is left to answer.
            System.out.println("WARN gateway.request_not_received route=" + method + " " + path + " error=" + cutOff.getMessage());
            exchange.close();
            return;
        }
        Answer answer;
        try {
            answer = body == null ? Answer.json(413, "{\"message\":\"Request Entity Too Large\"}")
                    : dispatch(exchange, method, path, body);
        } catch (IOException | RuntimeException e) {
            // What API Gateway answers when the function itself fails.
            System.out.println("ERROR gateway.function_failed route=" + method + " " + path + " error=" + e);
            answer = Answer.json(500, "{\"message\":\"Internal Server Error\"}");
        }
        try {
            answer.writeTo(exchange);
        } finally {
            exchange.close();
            long millis = (System.nanoTime() - started) / 1_000_000;
            // Only a function's request is searched for its payment: the sandbox's own routes (the inbox logs its own
            // line, and the demo polls GET /sandbox/inbox every second) are not parsed again, nor non-JSON answers.
            Optional<String> paymentId = routes.containsKey(method + " " + path)
                    ? RequestLogLine.paymentId(exchange.getRequestURI().getRawQuery(), body,
                            RequestLogLine.isJson(answer.contentType()) ? answer.body() : null)
                    : Optional.empty();
            System.out.println(RequestLogLine.format(method, path, answer.status(), millis, paymentId));
        }
    }

    private Answer dispatch(HttpExchange exchange, String method, String path, byte[] body) throws IOException {
        FunctionHost function = routes.get(method + " " + path);
        if (function != null) {
            return Answer.of((APIGatewayV2HTTPResponse) function.invoke(event(exchange, method, path, body,
                    method + " " + path)));
        }
        Map<String, String> query = singleValues(exchange.getRequestURI().getRawQuery());
        for (LocalRoute route : localRoutes) {
            Response response = route.handle(method, path, query, new String(body, StandardCharsets.UTF_8));
            if (response != null) {
                return Answer.of(response);
            }
        }
        // The template's $default route takes what no other route does, as in API Gateway (route key "$default").
        FunctionHost fallback = routes.get(DEFAULT_ROUTE);
        if (fallback != null) {
            return Answer.of((APIGatewayV2HTTPResponse) fallback.invoke(event(exchange, method, path, body, "$default")));
        }
        return Answer.json(404, "{\"message\":\"Not Found\"}");
    }

    private static APIGatewayV2HTTPEvent event(HttpExchange exchange, String method, String path, byte[] body,
            String routeKey) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (key.equals("cookie")) {
                for (String value : values) {
                    for (String cookie : value.split(";")) {
                        cookies.add(cookie.trim());
                    }
                }
            } else {
                headers.put(key, String.join(",", values));
            }
        });
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> queryParameters = joinedValues(rawQuery);
        String contentType = headers.getOrDefault("content-type", "");
        boolean text = isText(contentType);
        Instant now = Instant.now();
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        APIGatewayV2HTTPEvent.RequestContext.Http http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(method).withPath(path).withProtocol(exchange.getProtocol()).withSourceIp(sourceIp)
                .withUserAgent(headers.getOrDefault("user-agent", "")).build();
        APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId("000000000000").withApiId("local").withDomainName(headers.getOrDefault("host", "localhost"))
                .withDomainPrefix("local").withHttp(http).withRequestId(UUID.randomUUID().toString())
                .withRouteKey(routeKey).withStage("$default").withTime(REQUEST_TIME.format(now))
                .withTimeEpoch(now.toEpochMilli()).build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(path)
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withHeaders(headers)
                .withQueryStringParameters(queryParameters.isEmpty() ? null : queryParameters)
                .withRequestContext(context)
                .withBody(body.length == 0 ? null
                        : text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0 && !text)
                .build();
    }

    /**
     * The request body (null when it is over the payload limit), read within {@link #bodyReadTimeout}: at the deadline
     * the exchange is closed, which (no answer having started) closes the connection and ends the blocked read.
     *
     * @throws IOException when the body did not arrive in time or the client went away
     */
    private byte[] readBodyWithinDeadline(HttpExchange exchange) throws IOException {
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            timedOut.set(true);
            exchange.close();
        }, bodyReadTimeout.toMillis(), TimeUnit.MILLISECONDS);
        byte[] body;
        try {
            body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
        } finally {
            deadline.cancel(false);
        }
        if (timedOut.get()) {
            throw new IOException("the body did not arrive within " + bodyReadTimeout.toSeconds() + " s");
        }
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** API Gateway's text rule: these content types reach the function as text, anything else base64. */
    static boolean isText(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.isEmpty() || type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("javascript") || type.startsWith("application/x-www-form-urlencoded");
    }

    /** Query parameters as API Gateway 2.0 gives them: repeated names joined with commas. */
    private static Map<String, String> joinedValues(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.merge(name, value, (a, b) -> a + "," + b);
        }
        return values;
    }

    static Map<String, String> singleValues(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery == null) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (!pair.isEmpty()) {
                values.putIfAbsent(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return values;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /** A complete HTTP answer, written once: status, headers (a name may repeat) and body. */
    private record Answer(int status, List<Map.Entry<String, String>> headers, byte[] body) {

        /** Only inline styles, no scripts or other sources: the inbox page shows data merchants' requests chose. */
        private static final String HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

        static Answer json(int status, String json) {
            return new Answer(status, List.of(Map.entry("Content-Type", "application/json")),
                    json.getBytes(StandardCharsets.UTF_8));
        }

        static Answer of(Response local) {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            headers.add(Map.entry("Content-Type", local.contentType()));
            headers.add(Map.entry("X-Content-Type-Options", "nosniff"));
            headers.add(Map.entry("Cache-Control", "no-store"));
            if (local.contentType().startsWith("text/html")) {
                headers.add(Map.entry("Content-Security-Policy", HTML_POLICY));
            }
            return new Answer(local.status(), headers, local.body().getBytes(StandardCharsets.UTF_8));
        }

        /** The function's response as API Gateway maps it back; none at all is API Gateway's 500. */
        static Answer of(APIGatewayV2HTTPResponse response) {
            if (response == null) {
                return json(500, "{\"message\":\"Internal Server Error\"}");
            }
            byte[] body = response.getBody() == null ? new byte[0]
                    : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                    : response.getBody().getBytes(StandardCharsets.UTF_8);
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            if (response.getHeaders() != null) {
                response.getHeaders().forEach((name, value) -> headers.add(Map.entry(name, value)));
            }
            if (response.getMultiValueHeaders() != null) {
                response.getMultiValueHeaders().forEach((name, values) ->
                        values.forEach(value -> headers.add(Map.entry(name, value))));
            }
            if (response.getCookies() != null) {
                response.getCookies().forEach(cookie -> headers.add(Map.entry("Set-Cookie", cookie)));
            }
            return new Answer(response.getStatusCode(), headers, body);
        }

        /** The Content-Type header's value, or empty when there is none. */
        String contentType() {
            return headers.stream().filter(header -> header.getKey().equalsIgnoreCase("Content-Type"))
                    .map(Map.Entry::getValue).findFirst().orElse("");
        }

        void writeTo(HttpExchange exchange) throws IOException {
            headers.forEach(header -> exchange.getResponseHeaders().add(header.getKey(), header.getValue()));
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }
}
