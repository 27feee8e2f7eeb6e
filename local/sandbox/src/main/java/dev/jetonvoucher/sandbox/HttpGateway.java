package dev.jetonvoucher.sandbox;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetonvoucher.local.HttpRoute;
import dev.jetonvoucher.web.UrlEncoded;
import java.io.IOException;
import java.net.InetSocketAddress;
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

/**
 * Serves the template's HttpApi routes on loopback the way API Gateway (HTTP API, payload 2.0) does: it
 * builds the event (lower-cased headers, raw path and query, query parameters joined with commas, a base64
 * body for non-text content), invokes the route's function, and writes the function's response back.
 * One log line per request: route, status, latency and the payment it concerns ({@link RequestLogLine}).
 *
 * <p>HTTP itself is {@link Http11Server}, not the JDK's {@code com.sun.net.httpserver}: that one writes every response
 * header name with one capital ({@code Content-type}) and cannot be told not to, while API Gateway keeps the names the
 * function set ({@code Content-Type}), which integrations comparing names case-sensitively notice.
 */
public final class HttpGateway implements AutoCloseable {

    static final int MAX_BODY_BYTES = 6 * 1024 * 1024; // Lambda's synchronous payload limit
    /** How long a request may take to arrive, head and body: a stalled client is cut off after this. */
    static final Duration REQUEST_READ_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Requests served at once, each on its own thread: threads are made as connections need them (and end when idle),
     * so a few slow clients hold only their own. Beyond this an idle keep-alive connection is closed to make room,
     * else the new connection is closed at once.
     */
    static final int MAX_CONCURRENT_REQUESTS = 256;
    /** How {@link #route} keys a SAM HttpApi event without Method and Path ({@link HttpRoute}). */
    private static final String DEFAULT_ROUTE = "ANY $default";

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    /** An extra handler for sandbox-only routes (inbox, tools): returns null when the path is not its own. */
    public interface LocalRoute {
        Response handle(String method, String path, Map<String, String> query, String body) throws IOException;
    }

    public record Response(int status, String contentType, String body) {}

    private final Http11Server server;
    private final Map<String, FunctionHost> routes = new LinkedHashMap<>();
    private final List<LocalRoute> localRoutes = new ArrayList<>();

    public HttpGateway(String host, int port) throws IOException {
        this(host, port, REQUEST_READ_TIMEOUT);
    }

    /** @param requestReadTimeout how long a request, head and body, may take to arrive */
    HttpGateway(String host, int port, Duration requestReadTimeout) throws IOException {
        this.server = new Http11Server(
                new InetSocketAddress(host, port),
                requestReadTimeout,
                MAX_BODY_BYTES,
                MAX_CONCURRENT_REQUESTS,
                this::serve);
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
        return server.port();
    }

    public void start() {
        server.start();
    }

    /** Stops serving, letting requests in progress finish (for a while); closing again does nothing. */
    @Override
    public void close() {
        server.close();
    }

    private Http11Server.Reply serve(Http11Server.Request request) {
        long started = System.nanoTime();
        String method = request.method().toUpperCase(Locale.ROOT);
        String path = request.rawPath();
        Answer answer;
        try {
            answer = dispatch(request, method, path);
        } catch (IOException | RuntimeException e) {
            // What API Gateway answers when the function itself fails.
            System.out.println("ERROR gateway.function_failed route=" + method + " " + path + " error=" + e);
            answer = Answer.json(500, "{\"message\":\"Internal Server Error\"}");
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        // Only a function's request is searched for its payment: the sandbox's own routes (the inbox logs its own
        // line, and the demo polls GET /sandbox/inbox every second) are not parsed again, nor non-JSON answers.
        Optional<String> paymentId = routes.containsKey(method + " " + path)
                ? RequestLogLine.paymentId(
                        request.rawQuery(),
                        request.body(),
                        RequestLogLine.isJson(answer.contentType()) ? answer.body() : null)
                : Optional.empty();
        System.out.println(RequestLogLine.format(method, path, answer.status(), millis, paymentId));
        return new Http11Server.Reply(answer.status(), answer.headers(), answer.body());
    }

    private Answer dispatch(Http11Server.Request request, String method, String path) throws IOException {
        FunctionHost function = routes.get(method + " " + path);
        if (function != null) {
            return Answer.of(
                    (APIGatewayV2HTTPResponse) function.invoke(event(request, method, path, method + " " + path)));
        }
        Map<String, String> query = singleValues(request.rawQuery());
        for (LocalRoute route : localRoutes) {
            Response response = route.handle(method, path, query, new String(request.body(), StandardCharsets.UTF_8));
            if (response != null) {
                return Answer.of(response);
            }
        }
        // The template's $default route takes what no other route does, as in API Gateway (route key "$default").
        FunctionHost fallback = routes.get(DEFAULT_ROUTE);
        if (fallback != null) {
            return Answer.of((APIGatewayV2HTTPResponse) fallback.invoke(event(request, method, path, "$default")));
        }
        return Answer.json(404, "{\"message\":\"Not Found\"}");
    }

    private static APIGatewayV2HTTPEvent event(
            Http11Server.Request request, String method, String path, String routeKey) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        for (Map.Entry<String, String> header : request.headers()) {
            String key = header.getKey().toLowerCase(Locale.ROOT);
            if (key.equals("cookie")) {
                for (String cookie : header.getValue().split(";")) {
                    cookies.add(cookie.trim());
                }
            } else {
                headers.merge(key, header.getValue(), (a, b) -> a + "," + b);
            }
        }
        byte[] body = request.body();
        String rawQuery = request.rawQuery();
        Map<String, String> queryParameters = joinedValues(rawQuery);
        String contentType = headers.getOrDefault("content-type", "");
        boolean text = isText(contentType);
        Instant now = Instant.now();
        String sourceIp = request.remoteAddress().getHostAddress();
        APIGatewayV2HTTPEvent.RequestContext.Http http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(method)
                .withPath(path)
                .withProtocol(request.protocol())
                .withSourceIp(sourceIp)
                .withUserAgent(headers.getOrDefault("user-agent", ""))
                .build();
        APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId("000000000000")
                .withApiId("local")
                .withDomainName(headers.getOrDefault("host", "localhost"))
                .withDomainPrefix("local")
                .withHttp(http)
                .withRequestId(UUID.randomUUID().toString())
                .withRouteKey(routeKey)
                .withStage("$default")
                .withTime(REQUEST_TIME.format(now))
                .withTimeEpoch(now.toEpochMilli())
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(path)
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withHeaders(headers)
                .withQueryStringParameters(queryParameters.isEmpty() ? null : queryParameters)
                .withRequestContext(context)
                .withBody(
                        body.length == 0
                                ? null
                                : text
                                        ? new String(request.body(), StandardCharsets.UTF_8)
                                        : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0 && !text)
                .build();
    }

    /** API Gateway's text rule: these content types reach the function as text, anything else base64. */
    static boolean isText(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.isEmpty()
                || type.startsWith("text/")
                || type.contains("json")
                || type.contains("xml")
                || type.contains("javascript")
                || type.startsWith("application/x-www-form-urlencoded");
    }

    /** Query parameters as API Gateway 2.0 gives them: repeated names joined with commas. */
    private static Map<String, String> joinedValues(String rawQuery) {
        return UrlEncoded.joinedValues(rawQuery, UrlEncoded.Malformed.AS_SENT);
    }

    static Map<String, String> singleValues(String rawQuery) {
        return UrlEncoded.firstValues(rawQuery, UrlEncoded.Malformed.AS_SENT);
    }

    /** A complete HTTP answer, written once: status, headers (a name may repeat) and body. */
    private record Answer(int status, List<Map.Entry<String, String>> headers, byte[] body) {

        /** Only inline styles, no scripts or other sources: the inbox page shows data merchants' requests chose. */
        private static final String HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

        static Answer json(int status, String json) {
            return new Answer(
                    status,
                    List.of(Map.entry("Content-Type", "application/json")),
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
            byte[] body = response.getBody() == null
                    ? new byte[0]
                    : response.getIsBase64Encoded()
                            ? Base64.getDecoder().decode(response.getBody())
                            : response.getBody().getBytes(StandardCharsets.UTF_8);
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            if (response.getHeaders() != null) {
                response.getHeaders().forEach((name, value) -> headers.add(Map.entry(name, value)));
            }
            if (response.getMultiValueHeaders() != null) {
                response.getMultiValueHeaders()
                        .forEach((name, values) -> values.forEach(value -> headers.add(Map.entry(name, value))));
            }
            if (response.getCookies() != null) {
                response.getCookies().forEach(cookie -> headers.add(Map.entry("Set-Cookie", cookie)));
            }
            return new Answer(response.getStatusCode(), headers, body);
        }

        /** The Content-Type header's value, or empty when there is none. */
        String contentType() {
            return headers.stream()
                    .filter(header -> header.getKey().equalsIgnoreCase("Content-Type"))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse("");
        }
    }
}
