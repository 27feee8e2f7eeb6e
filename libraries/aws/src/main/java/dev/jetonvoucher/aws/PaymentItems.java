package dev.jetonvoucher.aws;

import static dev.jetonvoucher.aws.Items.instant;
import static dev.jetonvoucher.aws.Items.n;
import static dev.jetonvoucher.aws.Items.putIfPresent;
import static dev.jetonvoucher.aws.Items.s;

import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.CallbackAttempt;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.payment.Compensation;
import dev.jetonvoucher.payment.Funds;
import dev.jetonvoucher.payment.IssuedVoucher;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore.CreatedPosition;
import dev.jetonvoucher.payment.PaymentStore.LateResult;
import dev.jetonvoucher.time.UtcText;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The PaymentsTable item layout (see {@link DynamoPaymentStore} and STORAGE.md). */
final class PaymentItems {

    static final String PAYMENT_SK = "PAYMENT";
    static final String ATTEMPT_PREFIX = "ATTEMPT#";
    static final String LATE_PREFIX = "LATE#";
    static final String COMPENSATION_PREFIX = "COMPENSATION#";
    /**
     * The sparse GSI on {@code project_id} + {@code created_key} that lists a project's payments in creation order. It
     * projects the keys only: the listed items are read from the table by key.
     */
    static final String CREATED_INDEX = "by-project-created-keys";

    private PaymentItems() {}

    static String pk(PaymentKey key) {
        return "P#" + key.projectId() + "#" + key.paymentId();
    }

    static Map<String, AttributeValue> key(PaymentKey key, String sk) {
        return Map.of("pk", s(pk(key)), "sk", s(sk));
    }

    static Map<String, AttributeValue> paymentKey(PaymentKey key) {
        return key(key, PAYMENT_SK);
    }

    /** A new payment item, including the callback bookkeeping that {@link Payment} does not carry. */
    static Map<String, AttributeValue> newPaymentItem(Payment payment) {
        Map<String, AttributeValue> item = new HashMap<>(paymentKey(payment.key()));
        item.put("project_id", n(payment.key().projectId()));
        item.put("payment_id", s(payment.key().paymentId()));
        item.put("created_key", s(createdKey(payment.createdAt(), payment.key().paymentId())));
        item.put("type", s(payment.type().wire()));
        item.put("status", s(payment.status().wire()));
        item.put("amount", n(payment.amount().minorUnits()));
        item.put("currency", s(payment.amount().currency().code()));
        putIfPresent(item, "customer_id", payment.customerId());
        putIfPresent(item, "customer_ip", payment.customerIp());
        putIfPresent(item, "account_number", payment.accountNumber());
        putIfPresent(item, "description", payment.description());
        if (payment.callbackUrl() != null) {
            item.put("callback_url", s(payment.callbackUrl().toString()));
        }
        item.put("channel", s(payment.channel().wire()));
        putIfPresent(item, "request_id", payment.requestId());
        item.put("operation_id", n(payment.operationId()));
        item.put("created_at", instant(payment.createdAt()));
        putIfPresent(item, "updated_at", payment.updatedAt());
        putIfPresent(item, "limit_at", payment.limitAt());
        putIfPresent(item, "result_code", payment.resultCode());
        putIfPresent(item, "result_message", payment.resultMessage());
        item.put("funds", s(payment.funds().name()));
        putIfPresent(item, "provider_payment_id", payment.providerPaymentId());
        putIfPresent(item, "provider_date", payment.providerDate());
        item.put("vouchers", vouchers(payment.vouchers()));
        item.put("callback_state", s(payment.callbackState().name()));
        item.put("callback_attempts", n(payment.callbackAttempts()));
        // Claims compare these; they must exist from the start (a missing attribute fails every comparison).
        item.put("callback_completed", n(payment.callbackAttempts()));
        item.put("callback_claimed_at", n(0));
        return item;
    }

    /** Fixed-width instant first, so string order is time order, then the payment id (unique in the project). */
    static String createdKey(Instant createdAt, String paymentId) {
        return Items.formatInstant(createdAt) + "#" + paymentId;
    }

    /** The index key of a position: a GSI's ExclusiveStartKey needs the table key as well as the index key. */
    static Map<String, AttributeValue> createdIndexKey(long projectId, CreatedPosition position) {
        return Map.of(
                "pk",
                s(pk(new PaymentKey(projectId, position.paymentId()))),
                "sk",
                s(PAYMENT_SK),
                "project_id",
                n(projectId),
                "created_key",
                s(createdKey(position.createdAt(), position.paymentId())));
    }

    /** The position a GSI's LastEvaluatedKey stands for. */
    static CreatedPosition createdPosition(Map<String, AttributeValue> indexKey) {
        String createdKey = Items.requiredString(indexKey, "created_key");
        // The instant holds no '#'; a payment id may, so only the first one separates them.
        int separator = createdKey.indexOf('#');
        return new CreatedPosition(
                UtcText.parse(createdKey.substring(0, separator)), createdKey.substring(separator + 1));
    }

    /** Issued vouchers as the platform keeps them: number, value and dates; the code is not even in the type. */
    static AttributeValue vouchers(List<IssuedVoucher> vouchers) {
        return AttributeValue.fromL(vouchers.stream()
                .map(voucher -> AttributeValue.fromM(Map.of(
                        "number", s(voucher.number()),
                        "face_value", n(voucher.faceValue().minorUnits()),
                        "currency", s(voucher.faceValue().currency().code()),
                        "created_at", instant(voucher.createdAt()),
                        "expires_at", instant(voucher.expiresAt()))))
                .toList());
    }

    static Payment payment(Map<String, AttributeValue> item) {
        PaymentKey key = new PaymentKey(Items.number(item, "project_id"), Items.requiredString(item, "payment_id"));
        String currency = Items.requiredString(item, "currency");
        return Payment.builder()
                .key(key)
                .type(PaymentType.fromWire(Items.requiredString(item, "type")))
                .status(PaymentStatus.fromWire(Items.requiredString(item, "status")))
                .amount(Money.ofMinor(Items.number(item, "amount"), currency))
                .customerId(Items.string(item, "customer_id"))
                .customerIp(Items.string(item, "customer_ip"))
                .accountNumber(Items.string(item, "account_number"))
                .description(Items.string(item, "description"))
                .channel(Channel.fromWire(Items.requiredString(item, "channel")))
                .requestId(Items.string(item, "request_id"))
                .operationId(Items.number(item, "operation_id"))
                .createdAt(Items.requiredInstant(item, "created_at"))
                .updatedAt(Items.instant(item, "updated_at"))
                .limitAt(Items.instant(item, "limit_at"))
                .resultCode(Items.string(item, "result_code"))
                .resultMessage(Items.string(item, "result_message"))
                .funds(Funds.valueOf(Items.requiredString(item, "funds")))
                .providerPaymentId(Items.string(item, "provider_payment_id"))
                .providerDate(Items.instant(item, "provider_date"))
                .vouchers(Items.list(item, "vouchers").stream()
                        .map(v -> voucher(v.m()))
                        .toList())
                .callbackState(CallbackState.valueOf(Items.requiredString(item, "callback_state")))
                .callbackAttempts(Math.toIntExact(Items.numberOrZero(item, "callback_attempts")))
                .compensation(compensation(item))
                .callbackUrl(
                        Items.string(item, "callback_url") == null
                                ? null
                                : URI.create(Items.string(item, "callback_url")))
                .build();
    }

    /** The compensation attributes of a payment item, {@code compensation_*}; null when it never needed one. */
    private static Compensation compensation(Map<String, AttributeValue> item) {
        String state = Items.string(item, "compensation_state");
        if (state == null) {
            return null;
        }
        return new Compensation(
                Compensation.Action.valueOf(Items.requiredString(item, "compensation_action")),
                Compensation.State.valueOf(state),
                Items.string(item, "compensation_reason"),
                Items.requiredInstant(item, "compensation_opened_at"),
                Items.instant(item, "compensation_closed_at"),
                Items.string(item, "compensation_outcome"),
                Math.toIntExact(Items.numberOrZero(item, "compensation_attempts")));
    }

    /** The attributes that open a compensation on a payment item. */
    static Map<String, AttributeValue> openedCompensation(Compensation compensation) {
        Map<String, AttributeValue> values = new java.util.LinkedHashMap<>();
        values.put("compensation_action", s(compensation.action().name()));
        values.put("compensation_state", s(compensation.state().name()));
        values.put("compensation_reason", s(compensation.reason()));
        values.put("compensation_opened_at", instant(compensation.openedAt()));
        values.put("compensation_attempts", n(compensation.attempts()));
        return values;
    }

    static Map<String, AttributeValue> compensationAttemptItem(PaymentKey key, Compensation.Attempt attempt) {
        Map<String, AttributeValue> item =
                new HashMap<>(key(key, COMPENSATION_PREFIX + String.format("%04d", attempt.number())));
        item.put("number", n(attempt.number()));
        item.put("at", instant(attempt.at()));
        putIfPresent(item, "outcome", attempt.outcome());
        return item;
    }

    static Compensation.Attempt compensationAttempt(Map<String, AttributeValue> item) {
        return new Compensation.Attempt(
                Math.toIntExact(Items.number(item, "number")),
                Items.requiredInstant(item, "at"),
                Items.string(item, "outcome"));
    }

    private static IssuedVoucher voucher(Map<String, AttributeValue> map) {
        return new IssuedVoucher(
                Items.requiredString(map, "number"),
                Money.ofMinor(Items.number(map, "face_value"), Items.requiredString(map, "currency")),
                Items.requiredInstant(map, "created_at"),
                Items.requiredInstant(map, "expires_at"));
    }

    static String attemptSk(int number) {
        return ATTEMPT_PREFIX + String.format("%04d", number);
    }

    static Map<String, AttributeValue> attemptItem(PaymentKey key, CallbackAttempt attempt) {
        Map<String, AttributeValue> item = new HashMap<>(key(key, attemptSk(attempt.number())));
        item.put("number", n(attempt.number()));
        item.put("at", instant(attempt.at()));
        item.put("http_status", n(attempt.httpStatus()));
        // Milliseconds with the nanoseconds as decimals: readable, and exact on the way back.
        item.put(
                "latency_ms",
                AttributeValue.fromN(BigDecimal.valueOf(attempt.latency().toNanos(), 6)
                        .stripTrailingZeros()
                        .toPlainString()));
        putIfPresent(item, "error", attempt.error());
        return item;
    }

    static CallbackAttempt attempt(Map<String, AttributeValue> item) {
        long latencyNanos =
                new BigDecimal(item.get("latency_ms").n()).movePointRight(6).longValueExact();
        return new CallbackAttempt(
                Math.toIntExact(Items.number(item, "number")),
                Items.requiredInstant(item, "at"),
                Math.toIntExact(Items.number(item, "http_status")),
                Duration.ofNanos(latencyNanos),
                Items.string(item, "error"));
    }

    static Map<String, AttributeValue> lateItem(PaymentKey key, LateResult late, String unique) {
        Map<String, AttributeValue> item =
                new HashMap<>(key(key, LATE_PREFIX + Items.formatInstant(late.receivedAt()) + "#" + unique));
        item.put("received_at", instant(late.receivedAt()));
        putIfPresent(item, "source", late.source());
        putIfPresent(item, "status", late.status());
        putIfPresent(item, "code", late.code());
        putIfPresent(item, "disposition", late.disposition());
        return item;
    }

    static LateResult lateResult(Map<String, AttributeValue> item) {
        return new LateResult(
                Items.requiredInstant(item, "received_at"),
                Items.string(item, "source"),
                Items.string(item, "status"),
                Items.string(item, "code"),
                Items.string(item, "disposition"));
    }
}
