package dev.jetonvoucher.sandbox;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jetonvoucher.local.HttpRoute;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves the template's HttpApi routes on loopback the way API Gateway (HTTP API, payload 2.0) does: it
 * builds the event (lower-cased headers, raw path and query, query parameters joined with commas, a base64
 * body for non-text content), invokes the route's function, and writes the function's response back.
 * One log line per request: route, status, latency.
 */
public final class HttpGateway implements AutoCloseable {

    static final int MAX_BODY_BYTES = 6 * 1024 * 1024; // Lambda's synchronous payload limit

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY every small answer waits out
        // Nagle's algorithm against the client's delayed ACK (40 ms). Read once, when the JVM's first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
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
    private final ExecutorService executor = Executors.newFixedThreadPool(16);

    public HttpGateway(String host, int port) throws IOException {
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

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        int status = 500;
        try {
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                status = 413;
                write(exchange, 413, Map.of("Content-Type", "application/json"),
                        "{\"message\":\"Request Entity Too Large\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            FunctionHost function = routes.get(method + " " + path);
            if (function == null) {
                status = serveLocal(exchange, method, path, body);
                return;
            }
            APIGatewayV2HTTPEvent event = event(exchange, method, path, body);
            Object result = function.invoke(event);
            status = writeFunctionResponse(exchange, (APIGatewayV2HTTPResponse) result);
        } catch (RuntimeException e) {
            // What API Gateway answers when the function itself fails.
            System.out.println("ERROR gateway.function_failed route=" + method + " " + path + " error=" + e);
            write(exchange, 500, Map.of("Content-Type", "application/json"),
                    "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
        } finally {
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.println("HTTP " + method + " " + path + " " + status + " " + millis + "ms");
            exchange.close();
        }
    }

    private int serveLocal(HttpExchange exchange, String method, String path, byte[] body) throws IOException {
        Map<String, String> query = singleValues(exchange.getRequestURI().getRawQuery());
        for (LocalRoute route : localRoutes) {
            Response response = route.handle(method, path, query, new String(body, StandardCharsets.UTF_8));
            if (response != null) {
                write(exchange, response.status(), Map.of("Content-Type", response.contentType()),
                        response.body().getBytes(StandardCharsets.UTF_8));
                return response.status();
            }
        }
        write(exchange, 404, Map.of("Content-Type", "application/json"),
                "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
        return 404;
    }

    private static APIGatewayV2HTTPEvent event(HttpExchange exchange, String method, String path, byte[] body) {
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
                .withRouteKey(method + " " + path).withStage("$default").withTime(REQUEST_TIME.format(now))
                .withTimeEpoch(now.toEpochMilli()).build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(method + " " + path)
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

    private static int writeFunctionResponse(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        if (response == null) {
            write(exchange, 500, Map.of("Content-Type", "application/json"),
                    "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
            return 500;
        }
        byte[] body = response.getBody() == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = response.getHeaders() == null ? Map.of() : response.getHeaders();
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> values.forEach(v ->
                    exchange.getResponseHeaders().add(name, v)));
        }
        if (response.getCookies() != null) {
            response.getCookies().forEach(cookie -> exchange.getResponseHeaders().add("Set-Cookie", cookie));
        }
        write(exchange, response.getStatusCode(), headers, body);
        return response.getStatusCode();
    }

    private static void write(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
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
}
