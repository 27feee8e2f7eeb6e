package dev.jetonvoucher.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.model.UnicodeText;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.signing.SignatureCheck;
import dev.jetonvoucher.signing.Signer;
import dev.jetonvoucher.time.UtcText;
import java.util.ArrayList;
import java.util.List;

/**
 * The provider's result notification: a JSON body signed with the provider's key by the same algorithm as
 * ECommPay messages (top-level {@code signature}), verified in constant time by the platform.
 */
public final class ProviderNotification {

    private ProviderNotification() {}

    /** A verified notification. */
    public record Received(PaymentKey key, ProviderResult result) {}

    public static String signedJson(PaymentKey key, ProviderResult result, Signer providerSigner) {
        ObjectNode body = Json.object();
        body.put("project_id", key.projectId());
        body.put("payment_id", key.paymentId());
        body.put("operation_id", result.operationId());
        body.put("provider_payment_id", result.providerPaymentId());
        body.put("status", result.status().wire());
        body.put("code", result.code());
        body.put("message", result.message());
        body.put("date", result.date().toString());
        ArrayNode vouchers = body.putArray("vouchers");
        for (ProviderVoucher voucher : result.vouchers()) {
            ObjectNode item = vouchers.addObject();
            item.put("number", voucher.number());
            item.put("amount", voucher.faceValue().minorUnits());
            item.put("currency", voucher.faceValue().currency().code());
            item.put("created_at", voucher.createdAt().toString());
            item.put("expires_at", voucher.expiresAt().toString());
            item.put("security_code", voucher.securityCode());
        }
        return Json.write(providerSigner.signTopLevel(body));
    }

    /**
     * Parses and verifies a notification.
     *
     * @throws InvalidNotificationException when it is empty, not JSON, not signed by the provider, or malformed
     */
    public static Received verify(String json, Signer providerSigner) {
        return verify(json, List.of(providerSigner));
    }

    /**
     * Parses and verifies a notification signed with any of the provider's keys (during a rotation, the current and
     * the previous one). Every key is checked, each in constant time, whichever matches.
     *
     * @throws InvalidNotificationException when it is empty, not JSON, not signed by the provider, or malformed
     */
    public static Received verify(String json, List<Signer> providerSigners) {
        if (json == null || json.isBlank()) {
            throw new InvalidNotificationException("notification is empty");
        }
        JsonNode body;
        try {
            body = Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new InvalidNotificationException("notification is not JSON");
        }
        if (body == null || !body.isObject()) {
            throw new InvalidNotificationException("notification is not a JSON object");
        }
        SignatureCheck.Outcome outcome = SignatureCheck.Outcome.INVALID;
        for (Signer signer : providerSigners) {
            SignatureCheck check = signer.check(body); // no early exit: which key matched takes no less time
            if (check.valid()
                    || outcome != SignatureCheck.Outcome.VALID && check.outcome() == SignatureCheck.Outcome.MISSING) {
                outcome = check.outcome();
            }
        }
        if (outcome != SignatureCheck.Outcome.VALID) {
            throw new InvalidNotificationException("notification signature is " + outcome);
        }
        try {
            PaymentKey key = new PaymentKey(requiredLong(body, "project_id"), requiredText(body, "payment_id"));
            PaymentStatus status = PaymentStatus.fromWire(requiredText(body, "status"));
            if (!status.isFinal()) {
                throw new InvalidNotificationException("a notification must carry a final status");
            }
            List<ProviderVoucher> vouchers = new ArrayList<>();
            for (JsonNode item : body.path("vouchers")) {
                vouchers.add(new ProviderVoucher(
                        requiredText(item, "number"),
                        Money.ofMinor(requiredLong(item, "amount"), requiredText(item, "currency")),
                        UtcText.parse(requiredText(item, "created_at")),
                        UtcText.parse(requiredText(item, "expires_at")),
                        requiredText(item, "security_code")));
            }
            String code = requiredText(body, "code");
            // The code reaches the merchant's callback: only a result code of the method, and one that fits the status.
            boolean fits = status == PaymentStatus.SUCCESS
                    ? code.equals(ResultCode.SUCCESS.code())
                    : ResultCode.fromCode(code)
                            .filter(result -> result != ResultCode.SUCCESS)
                            .isPresent();
            if (!fits) {
                throw new InvalidNotificationException(
                        "code " + code + " is not a result code for status " + status.wire());
            }
            ProviderResult result = new ProviderResult(
                    requiredLong(body, "operation_id"),
                    requiredText(body, "provider_payment_id"),
                    status,
                    code,
                    requiredText(body, "message"),
                    UtcText.parse(requiredText(body, "date")),
                    vouchers);
            return new Received(key, result);
        } catch (RuntimeException e) {
            if (e instanceof InvalidNotificationException invalid) {
                throw invalid;
            }
            throw new InvalidNotificationException("malformed notification: " + e.getMessage());
        }
    }

    private static long requiredLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToExactIntegral()) {
            throw new InvalidNotificationException("notification field " + field + " is missing or not an integer");
        }
        return value.asLong();
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || !UnicodeText.isWellFormed(value.asText())) {
            throw new InvalidNotificationException("notification field " + field + " is missing or not a string");
        }
        return value.asText();
    }

    /** A notification the platform refuses (never acted upon). */
    public static final class InvalidNotificationException extends RuntimeException {
        public InvalidNotificationException(String message) {
            super(message);
        }
    }
}
