package dev.jetonvoucher.provider.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.keys.KeyRing;
import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.VoucherData;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.provider.CancelResult;
import dev.jetonvoucher.provider.ProviderRequest;
import dev.jetonvoucher.provider.ProviderResult;
import dev.jetonvoucher.provider.ProviderVoucher;
import dev.jetonvoucher.provider.Reversal;
import dev.jetonvoucher.time.UtcText;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The provider's HTTP API, one definition for both sides: the platform's connector
 * ({@code dev.jetonvoucher.aws.HttpJetonProvider}) and the emulator's route set
 * ({@link dev.jetonvoucher.provider.sandbox.ProviderEmulatorRoutes}). Modelled on Jeton's public Wallet API: every
 * operation has a unique {@code orderId} (the platform's operation id) that makes it idempotent, a redemption or an
 * issue is answered {@code 202 Accepted} while the provider works, its final {@code SUCCESS} or {@code FAILED} comes by
 * IPN (the signed provider notification) and can be pulled with {@code POST /orders/status}; the voucher fields are
 * this method's additions. Every route is a fixed path with a JSON body (no path parameters). Every request is signed: {@code X-Jeton-Timestamp} (epoch seconds) and
 * {@code X-Jeton-Signature}, Base64 of HMAC-SHA256 over {@code timestamp \n METHOD \n path \n body} with the provider
 * signing key (either key of its ring verifies, so a rotation needs no downtime).
 */
public final class WalletApi {

    public static final String PREFIX = "/provider/v1";
    public static final String REDEEM = PREFIX + "/vouchers/redeem";
    public static final String ISSUE = PREFIX + "/vouchers/issue";
    public static final String STATUS = PREFIX + "/orders/status";
    public static final String CANCEL = PREFIX + "/orders/cancel";
    public static final String REVERSE = PREFIX + "/orders/reverse";
    public static final String TIMESTAMP_HEADER = "X-Jeton-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Jeton-Signature";
    /** A signed request older or newer than this is refused (a replay, or a clock far off). */
    public static final Duration SIGNATURE_WINDOW = Duration.ofMinutes(5);

    private WalletApi() {}

    /** The body of a status pull, a cancel and a reversal: the order. */
    public static String orderIdJson(long orderId) {
        return Json.write(Json.object().put("orderId", String.valueOf(orderId)));
    }

    public static long parseOrderId(String json) {
        String orderId = text(tree(json), "orderId");
        try {
            return Long.parseLong(orderId);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("orderId is not an order of this platform: " + orderId);
        }
    }

    // ------------------------------------------------------------------ signing

    public static String signature(String secret, long timestamp, String method, String path, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signed = timestamp + "\n" + method + "\n" + path + "\n" + (body == null ? "" : body);
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * Whether a request is signed with a key of {@code keys} within {@link #SIGNATURE_WINDOW} of {@code now}. Every key
     * is compared in constant time, whichever matches.
     */
    public static boolean verify(
            KeyRing keys,
            String timestampHeader,
            String signatureHeader,
            String method,
            String path,
            String body,
            Instant now) {
        if (timestampHeader == null || signatureHeader == null) {
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > SIGNATURE_WINDOW.toSeconds()) {
            return false;
        }
        boolean valid = false;
        byte[] given = signatureHeader.strip().getBytes(StandardCharsets.UTF_8);
        for (KeyRing.Key key : keys.keys()) {
            byte[] expected =
                    signature(key.secret(), timestamp, method, path, body).getBytes(StandardCharsets.UTF_8);
            valid |= MessageDigest.isEqual(expected, given);
        }
        return valid;
    }

    // ------------------------------------------------------------------ bodies

    /** The body of a redeem (a sale, with the customer's voucher) or an issue (a payout). */
    public static String requestJson(ProviderRequest request) {
        ObjectNode body = Json.object();
        body.put("orderId", String.valueOf(request.operationId()));
        body.put("projectId", request.key().projectId());
        body.put("paymentId", request.key().paymentId());
        body.put("amount", request.amount().minorUnits());
        body.put("currency", request.amount().currency().code());
        body.put("testMode", request.testMode());
        if (request.voucher() != null) {
            ObjectNode voucher = body.putObject("voucher");
            voucher.put("number", request.voucher().number());
            voucher.put("expiryMonth", request.voucher().expiration().toString());
            voucher.put("securityCode", request.voucher().securityCode());
        }
        return Json.write(body);
    }

    /** The path a request goes to: redeem for a sale, issue for a payout. */
    public static String submitPath(OperationType type) {
        return type == OperationType.PAYOUT ? ISSUE : REDEEM;
    }

    /**
     * A redeem or issue body as the emulator reads it.
     *
     * @throws IllegalArgumentException when it is malformed
     */
    public static ProviderRequest parseRequest(String json, OperationType type) {
        JsonNode body = tree(json);
        VoucherData voucher = null;
        JsonNode given = body.get("voucher");
        if (given != null && given.isObject()) {
            voucher = new VoucherData(
                    text(given, "number"), YearMonth.parse(text(given, "expiryMonth")), text(given, "securityCode"));
        }
        if (type == OperationType.PAYOUT ? voucher != null : voucher == null) {
            throw new IllegalArgumentException(
                    type == OperationType.PAYOUT ? "an issue carries no voucher" : "a redemption needs the voucher");
        }
        return new ProviderRequest(
                new PaymentKey(integer(body, "projectId"), text(body, "paymentId")),
                Long.parseLong(text(body, "orderId")),
                type,
                Money.ofMinor(integer(body, "amount"), text(body, "currency")),
                voucher,
                body.path("testMode").asBoolean(false));
    }

    /** The 202 answer to a redeem or issue. */
    public static String acceptedJson(long orderId, String providerPaymentId) {
        ObjectNode body = Json.object();
        body.put("orderId", String.valueOf(orderId));
        body.put("providerPaymentId", providerPaymentId);
        body.put("status", "PROCESSING");
        return Json.write(body);
    }

    public static String providerPaymentIdOf(String acceptedJson) {
        return text(tree(acceptedJson), "providerPaymentId");
    }

    /** An order's state: PROCESSING, SUCCESS or FAILED, with the result code, and a payout's vouchers. */
    public static ObjectNode orderNode(ProviderResult result) {
        ObjectNode body = Json.object();
        body.put("orderId", String.valueOf(result.operationId()));
        body.put("providerPaymentId", result.providerPaymentId());
        body.put("status", wireStatus(result.status()));
        if (result.finished()) {
            body.put("code", result.code());
            body.put("message", result.message());
            body.put("date", result.date().toString());
        }
        ArrayNode vouchers = body.putArray("vouchers");
        for (ProviderVoucher voucher : result.vouchers()) {
            ObjectNode item = vouchers.addObject();
            item.put("number", voucher.number());
            item.put("amount", voucher.faceValue().minorUnits());
            item.put("currency", voucher.faceValue().currency().code());
            item.put("createdAt", voucher.createdAt().toString());
            item.put("expiresAt", voucher.expiresAt().toString());
            item.put("securityCode", voucher.securityCode());
        }
        return body;
    }

    public static String orderJson(ProviderResult result) {
        return Json.write(orderNode(result));
    }

    public static ProviderResult parseOrder(String json) {
        return parseOrder(tree(json));
    }

    private static ProviderResult parseOrder(JsonNode body) {
        long orderId = Long.parseLong(text(body, "orderId"));
        String providerPaymentId = text(body, "providerPaymentId");
        PaymentStatus status = platformStatus(text(body, "status"));
        if (!status.isFinal()) {
            return ProviderResult.processing(orderId, providerPaymentId);
        }
        List<ProviderVoucher> vouchers = new ArrayList<>();
        for (JsonNode item : body.path("vouchers")) {
            vouchers.add(new ProviderVoucher(
                    text(item, "number"),
                    Money.ofMinor(integer(item, "amount"), text(item, "currency")),
                    UtcText.parse(text(item, "createdAt")),
                    UtcText.parse(text(item, "expiresAt")),
                    text(item, "securityCode")));
        }
        return new ProviderResult(
                orderId,
                providerPaymentId,
                status,
                text(body, "code"),
                text(body, "message"),
                UtcText.parse(text(body, "date")),
                vouchers);
    }

    public static String cancelJson(CancelResult cancel) {
        ObjectNode body = Json.object();
        body.put("result", cancel.kind().name());
        if (cancel.result() != null) {
            body.set("order", orderNode(cancel.result()));
        }
        return Json.write(body);
    }

    public static CancelResult parseCancel(String json) {
        JsonNode body = tree(json);
        CancelResult.Kind kind = CancelResult.Kind.valueOf(text(body, "result"));
        return new CancelResult(kind, body.has("order") ? parseOrder(body.get("order")) : null);
    }

    public static String reversalJson(Reversal reversal) {
        return Json.write(Json.object().put("result", reversal.name()));
    }

    public static Reversal parseReversal(String json) {
        return Reversal.valueOf(text(tree(json), "result"));
    }

    public static String errorJson(String message) {
        return Json.write(Json.object().put("error", message));
    }

    public static Optional<String> errorOf(String json) {
        try {
            return Optional.ofNullable(Json.parse(json).path("error").textValue());
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Jeton's order states: PROCESSING, then SUCCESS or FAILED. */
    static String wireStatus(PaymentStatus status) {
        return switch (status) {
            case PROCESSING -> "PROCESSING";
            case SUCCESS -> "SUCCESS";
            default -> "FAILED";
        };
    }

    static PaymentStatus platformStatus(String wire) {
        return switch (wire) {
            case "PROCESSING" -> PaymentStatus.PROCESSING;
            case "SUCCESS" -> PaymentStatus.SUCCESS;
            case "FAILED" -> PaymentStatus.DECLINE;
            default -> throw new IllegalArgumentException("unknown order status " + wire);
        };
    }

    private static JsonNode tree(String json) {
        try {
            JsonNode node = Json.parse(json == null ? "" : json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the body is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + " is missing or not a string");
        }
        return value.asText();
    }

    private static long integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToExactIntegral()) {
            throw new IllegalArgumentException(field + " is missing or not an integer");
        }
        return value.asLong();
    }
}
