package dev.jetonvoucher.browsertests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The merchant's side of the tests, on its own loopback address (127.0.0.2) so that it is another origin
 * than the Payment Page (127.0.0.1): the callback URL, the pages the return links lead to, and a shop page
 * that opens the Payment Page with the widget.
 */
final class MerchantSite implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = "127.0.0.2";
    private final HttpServer server;
    private final List<JsonNode> callbacks = new CopyOnWriteArrayList<>();
    private volatile String widgetScriptUrl;
    private volatile Map<String, String> shopPayment = Map.of();

    MerchantSite() {
        try {
            server = HttpServer.create(new InetSocketAddress(HOST, 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/callbacks", exchange -> {
            callbacks.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            respond(exchange, 200, "text/plain", "OK");
        });
        server.createContext(
                "/success",
                exchange -> respond(
                        exchange,
                        200,
                        "text/html; charset=utf-8",
                        "<!DOCTYPE html><title>Thank you</title><h1 id=\"merchant-page\">Thank you for your order</h1>"));
        server.createContext(
                "/fail",
                exchange -> respond(
                        exchange,
                        200,
                        "text/html; charset=utf-8",
                        "<!DOCTYPE html><title>Payment failed</title><h1 id=\"merchant-page\">Your payment failed</h1>"));
        server.createContext("/shop.js", exchange -> respond(exchange, 200, "text/javascript", SHOP_SCRIPT));
        server.createContext("/shop", exchange -> respond(exchange, 200, "text/html; charset=utf-8", shopPage()));
        server.start();
    }

    String origin() {
        return "http://" + HOST + ":" + server.getAddress().getPort();
    }

    String url(String path) {
        return origin() + path;
    }

    /** The shop page opens this signed payment with the widget loaded from {@code widgetScriptUrl}. */
    void sellWithWidget(String widgetScriptUrl, Map<String, String> signedParams) {
        this.widgetScriptUrl = widgetScriptUrl;
        this.shopPayment = Map.copyOf(signedParams);
    }

    List<JsonNode> callbacks() {
        return List.copyOf(callbacks);
    }

    JsonNode awaitCallback(String paymentId, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode callback : callbacks) {
                if (paymentId.equals(callback.path("payment").path("id").asText())) {
                    return callback;
                }
            }
            sleep(50);
        }
        throw new AssertionError("no callback for " + paymentId + " within " + timeout + "; received " + callbacks);
    }

    private String shopPage() throws IOException {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Demo shop</title>"
                + "<script src=\"" + widgetScriptUrl + "\"></script><script src=\"/shop.js\" defer></script></head>"
                + "<body><h1>Demo shop</h1><p>Order total: see the payment page.</p>"
                + "<button type=\"button\" id=\"checkout\">Pay with Jeton Voucher</button>"
                + "<p id=\"shop-status\">waiting</p>"
                + "<script type=\"application/json\" id=\"payment\">"
                + JSON.writeValueAsString(shopPayment).replace("<", "\\u003c") + "</script></body></html>";
    }

    /** The merchant's checkout: the signed parameters plus the widget's callbacks. */
    private static final String SHOP_SCRIPT = """
            document.getElementById('checkout').addEventListener('click', function () {
              var config = JSON.parse(document.getElementById('payment').textContent);
              var status = document.getElementById('shop-status');
              config.onPaymentSent = function () { status.textContent = 'sent'; };
              config.onPaymentSuccess = function (data) { status.textContent = 'paid ' + data.payment_id; };
              config.onPaymentFail = function (data) { status.textContent = 'failed ' + data.code; };
              EPayWidget.run(config);
            });
            """;

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
