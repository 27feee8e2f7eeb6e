package dev.jetonvoucher.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.signing.Signer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A merchant's Gate client for tests: builds and signs requests as a merchant's SDK would. */
final class GateClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final long projectId;
    private final Signer signer;

    GateClient(String baseUrl, long projectId, String secret) {
        this.baseUrl = baseUrl;
        this.projectId = projectId;
        this.signer = new Signer(secret);
    }

    record Answer(int status, JsonNode body) {}

    ObjectNode saleBody(String paymentId, long amount, String currency, String number, String expiration, String code) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode general = body.putObject("general");
        general.put("project_id", projectId);
        general.put("payment_id", paymentId);
        ObjectNode customer = body.putObject("customer");
        customer.put("id", "customer-1");
        customer.put("ip_address", "192.0.2.10");
        ObjectNode account = body.putObject("account");
        account.put("number", number);
        account.put("expiration", expiration);
        account.put("security_code", code);
        ObjectNode payment = body.putObject("payment");
        payment.put("amount", amount);
        payment.put("currency", currency);
        return body;
    }

    ObjectNode payoutBody(String paymentId, long amount, String currency) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode general = body.putObject("general");
        general.put("project_id", projectId);
        general.put("payment_id", paymentId);
        ObjectNode customer = body.putObject("customer");
        customer.put("id", "customer-1");
        customer.put("ip_address", "192.0.2.10");
        ObjectNode payment = body.putObject("payment");
        payment.put("amount", amount);
        payment.put("currency", currency);
        return body;
    }

    Answer sale(String paymentId, long amount, String currency, String number, String expiration, String code) {
        return postSigned(
                "/v2/payment/voucher/jeton/sale", saleBody(paymentId, amount, currency, number, expiration, code));
    }

    Answer payout(String paymentId, long amount, String currency) {
        return postSigned("/v2/payment/voucher/jeton/payout", payoutBody(paymentId, amount, currency));
    }

    Answer status(String paymentId) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("general").put("project_id", projectId).put("payment_id", paymentId);
        return postSigned("/v2/payment/status", body);
    }

    Answer postSigned(String path, ObjectNode body) {
        return post(path, signer.signInGeneral(body).toString());
    }

    /**
     * Signed, with every character beyond ASCII escaped ({@code \ud800}): how a client sends text UTF-8 cannot carry
     * (written raw, half a surrogate pair would arrive as {@code ?}).
     */
    Answer postSignedEscaped(String path, ObjectNode body) {
        try {
            return post(
                    path,
                    new com.fasterxml.jackson.databind.ObjectMapper()
                            .configure(
                                    com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature(),
                                    true)
                            .writeValueAsString(signer.signInGeneral(body)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Answer post(String path, String rawBody) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + path))
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(rawBody))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode parsed;
            try {
                parsed = JSON.readTree(response.body());
            } catch (IOException e) {
                parsed = JSON.getNodeFactory().textNode(response.body());
            }
            return new Answer(response.statusCode(), parsed);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
