package dev.jetonvoucher.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.signing.Signer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A merchant's Gate client: signed sale, payout and status requests over HTTP, and raw bodies for the fuzzer. */
final class Gate {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SALE = "/v2/payment/voucher/jeton/sale";
    static final String PAYOUT = "/v2/payment/voucher/jeton/payout";
    static final String STATUS = "/v2/payment/status";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String baseUrl;
    private final long projectId;
    private final Signer signer;

    Gate(String baseUrl, long projectId, String secret) {
        this.baseUrl = baseUrl;
        this.projectId = projectId;
        this.signer = new Signer(secret);
    }

    record Answer(int status, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    ObjectNode saleBody(String paymentId, long amount, String voucher, String expiration, String securityCode) {
        ObjectNode body = header(paymentId);
        body.putObject("account")
                .put("number", voucher)
                .put("expiration", expiration)
                .put("security_code", securityCode);
        body.putObject("payment").put("amount", amount).put("currency", "EUR");
        return body;
    }

    ObjectNode payoutBody(String paymentId, long amount) {
        ObjectNode body = header(paymentId);
        body.putObject("payment").put("amount", amount).put("currency", "EUR");
        return body;
    }

    ObjectNode statusBody(String paymentId) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("general").put("project_id", projectId).put("payment_id", paymentId);
        return body;
    }

    Answer sale(String paymentId, long amount, String voucher, String expiration, String securityCode) {
        return post(
                SALE,
                sign(saleBody(paymentId, amount, voucher, expiration, securityCode))
                        .toString());
    }

    Answer payout(String paymentId, long amount) {
        return post(PAYOUT, sign(payoutBody(paymentId, amount)).toString());
    }

    ObjectNode sign(ObjectNode body) {
        return signer.signInGeneral(body);
    }

    Answer post(String path, String body) {
        return send(path, "application/json", body);
    }

    /** Any method-less POST with any content type, as a fuzzer sends it. */
    Answer send(String pathAndQuery, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return exchange(request.build());
    }

    Answer get(String pathAndQuery) {
        return exchange(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build());
    }

    /** A GET with the dashboard's session cookie ({@code jv_session=…}). */
    Answer get(String pathAndQuery, String sessionCookie) {
        return exchange(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                .header("Cookie", sessionCookie)
                .GET()
                .build());
    }

    /**
     * Signs in to the dashboard as a browser does (the form and its CSRF cookie, then the post) and answers the
     * session cookie, {@code jv_session=…}.
     */
    String dashboardSession(String secret) {
        try {
            HttpResponse<String> form = HTTP.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/dashboard/sign-in"))
                            .timeout(Duration.ofSeconds(60))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String csrfCookie = cookie(form, "jv_csrf");
            java.util.regex.Matcher field = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"")
                    .matcher(form.body());
            if (csrfCookie == null || !field.find()) {
                throw new IllegalStateException("no CSRF cookie or field in the sign-in form: " + form.statusCode());
            }
            String body = "csrf=" + java.net.URLEncoder.encode(field.group(1), java.nio.charset.StandardCharsets.UTF_8)
                    + "&project_id=" + projectId
                    + "&secret_key=" + java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8);
            HttpResponse<String> signedIn = HTTP.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/dashboard/sign-in"))
                            .timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Cookie", csrfCookie)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String session = cookie(signedIn, "jv_session");
            if (session == null) {
                throw new IllegalStateException("signing in answered " + signedIn.statusCode() + " without a session");
            }
            return session;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@code name=value} pair of a Set-Cookie header, or null. */
    private static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("set-cookie").stream()
                .map(header -> header.split(";", 2)[0])
                .filter(pair -> pair.startsWith(name + "="))
                .findFirst()
                .orElse(null);
    }

    private static Answer exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode header(String paymentId) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("general").put("project_id", projectId).put("payment_id", paymentId);
        body.putObject("customer").put("id", "customer-1").put("ip_address", "192.0.2.10");
        return body;
    }
}
