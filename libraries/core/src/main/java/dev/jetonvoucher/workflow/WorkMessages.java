package dev.jetonvoucher.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.time.UtcText;
import java.time.Instant;

/**
 * The messages the asynchronous half passes through its queues, and their JSON form. A message names a
 * payment and its operation; workers always re-read the payment, so a stale or duplicated message can only
 * cause a no-op.
 */
public final class WorkMessages {

    private WorkMessages() {}

    /**
     * Send the payment to the provider. {@code sealedVoucher} carries a sale's voucher, encrypted;
     * {@code providerRetries} counts the hand-overs that found the provider unreachable.
     */
    public record Dispatch(
            PaymentKey key, long operationId, String sealedVoucher, int notFoundRetries, int providerRetries) {

        /** A dispatch that has not met an unreachable provider yet. */
        public Dispatch(PaymentKey key, long operationId, String sealedVoucher, int notFoundRetries) {
            this(key, operationId, sealedVoucher, notFoundRetries, 0);
        }
    }

    /** Look at the payment again: poll the provider, or decline it at the limit time. */
    public record Poll(PaymentKey key, long operationId, int attempt, Instant dueAt) implements StatusPollMessage {}

    /** What travels on the status-poll queue: a poll, or a compensation try. */
    public sealed interface StatusPollMessage permits Poll, Compensate {}

    /**
     * Deliver the (already signed) callback body. {@code attempt} is the 1-based number of this try; it is not
     * made before {@code dueAt} (waits longer than SQS's 15-minute delay are chained). When {@code sealed}, the body
     * is the signed body sealed by {@code VoucherTransitCipher.sealCallbackBody} (JSON field {@code sealed_body}): a
     * payout's body holds every voucher's number and security code, which must not sit in clear in a queue.
     * Unsealed bodies (field {@code body}) are only read from messages queued before sealing was deployed.
     */
    public record Callback(
            PaymentKey key,
            long operationId,
            int attempt,
            Instant firstTriedAt,
            Instant dueAt,
            String body,
            boolean sealed) {

        /** A callback whose body is in clear, as queued before sealing (tests and old messages). */
        public Callback(
                PaymentKey key, long operationId, int attempt, Instant firstTriedAt, Instant dueAt, String body) {
            this(key, operationId, attempt, firstTriedAt, dueAt, body, false);
        }

        /** The next try of this callback, carrying the same body as it is (sealed stays sealed). */
        public Callback nextTry(Instant firstTriedAt, Instant dueAt) {
            return new Callback(key, operationId, attempt + 1, firstTriedAt, dueAt, body, sealed);
        }
    }

    /**
     * Undo at the provider what a declined payment must not have done ({@link Compensator}). {@code attempt} is the
     * 1-based try; it is not made before {@code dueAt}. {@code reason} opens the payment's compensation if the
     * message got queued but the opening write never happened (a crash between the two).
     */
    public record Compensate(PaymentKey key, long operationId, int attempt, Instant dueAt, String reason)
            implements StatusPollMessage {}

    public static String toJson(Compensate message) {
        ObjectNode node = base("compensate", message.key(), message.operationId());
        node.put("attempt", message.attempt());
        node.put("due_at", message.dueAt().toString());
        node.put("reason", message.reason());
        return Json.write(node);
    }

    /** A status-poll queue message, parsed once whatever its kind. */
    public static StatusPollMessage statusPollMessage(String json) {
        JsonNode node = parse(json);
        return "compensate".equals(node.path("kind").asText())
                ? compensate(checked(node, "compensate"))
                : poll(checked(node, "poll"));
    }

    public static Compensate compensate(String json) {
        return compensate(parse(json, "compensate"));
    }

    private static Compensate compensate(JsonNode node) {
        return new Compensate(
                key(node),
                node.get("operation_id").asLong(),
                node.path("attempt").asInt(1),
                instant(node, "due_at"),
                node.path("reason").asText("provider result after the decline"));
    }

    public static String toJson(Dispatch message) {
        ObjectNode node = base("dispatch", message.key(), message.operationId());
        if (message.sealedVoucher() != null) {
            node.put("sealed_voucher", message.sealedVoucher());
        }
        node.put("not_found_retries", message.notFoundRetries());
        if (message.providerRetries() > 0) {
            node.put("provider_retries", message.providerRetries());
        }
        return Json.write(node);
    }

    public static String toJson(Poll message) {
        ObjectNode node = base("poll", message.key(), message.operationId());
        node.put("attempt", message.attempt());
        node.put("due_at", message.dueAt().toString());
        return Json.write(node);
    }

    public static String toJson(Callback message) {
        ObjectNode node = base("callback", message.key(), message.operationId());
        node.put("attempt", message.attempt());
        node.put(
                "first_tried_at",
                message.firstTriedAt() == null ? null : message.firstTriedAt().toString());
        node.put("due_at", message.dueAt().toString());
        node.put(message.sealed() ? "sealed_body" : "body", message.body());
        return Json.write(node);
    }

    public static Dispatch dispatch(String json) {
        JsonNode node = parse(json, "dispatch");
        return new Dispatch(
                key(node),
                node.get("operation_id").asLong(),
                node.hasNonNull("sealed_voucher") ? node.get("sealed_voucher").asText() : null,
                node.path("not_found_retries").asInt(0),
                node.path("provider_retries").asInt(0));
    }

    public static Poll poll(String json) {
        return poll(parse(json, "poll"));
    }

    private static Poll poll(JsonNode node) {
        return new Poll(
                key(node),
                node.get("operation_id").asLong(),
                node.path("attempt").asInt(1),
                instant(node, "due_at"));
    }

    public static Callback callback(String json) {
        JsonNode node = parse(json, "callback");
        boolean sealed = node.has("sealed_body");
        JsonNode body = sealed ? node.get("sealed_body") : node.get("body");
        if (body == null || !body.isTextual()) {
            throw new MalformedMessageException(
                    "callback message without a sealed_body (or, queued before sealing, a body)");
        }
        return new Callback(
                key(node),
                node.get("operation_id").asLong(),
                node.path("attempt").asInt(1),
                node.hasNonNull("first_tried_at") ? instant(node, "first_tried_at") : null,
                instant(node, "due_at"),
                body.asText(),
                sealed);
    }

    private static ObjectNode base(String kind, PaymentKey key, long operationId) {
        ObjectNode node = Json.object();
        node.put("kind", kind);
        node.put("project_id", key.projectId());
        node.put("payment_id", key.paymentId());
        node.put("operation_id", operationId);
        return node;
    }

    private static JsonNode parse(String json, String expectedKind) {
        return checked(parse(json), expectedKind);
    }

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("not JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode checked(JsonNode node, String expectedKind) {
        if (node == null
                || !node.isObject()
                || !expectedKind.equals(node.path("kind").asText())) {
            throw new MalformedMessageException("not a " + expectedKind + " message");
        }
        if (!node.path("project_id").canConvertToExactIntegral()
                || !node.path("payment_id").isTextual()
                || !node.path("operation_id").canConvertToExactIntegral()) {
            throw new MalformedMessageException(
                    expectedKind + " message without project_id, payment_id or operation_id");
        }
        return node;
    }

    private static Instant instant(JsonNode node, String field) {
        try {
            return UtcText.parse(node.path(field).asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw new MalformedMessageException("message field " + field + " is not an instant");
        }
    }

    private static PaymentKey key(JsonNode node) {
        try {
            return new PaymentKey(
                    node.get("project_id").asLong(), node.get("payment_id").asText());
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(e.getMessage());
        }
    }

    /** A message no worker can act on: it goes to the dead-letter queue, never blocking its batch. */
    public static final class MalformedMessageException extends RuntimeException {
        public MalformedMessageException(String message) {
            super(message);
        }
    }
}
