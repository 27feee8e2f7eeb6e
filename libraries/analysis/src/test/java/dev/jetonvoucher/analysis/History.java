package dev.jetonvoucher.analysis;

import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.payment.Funds;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** A project's payments written straight into the store, with the creation times and outcomes a test chooses. */
final class History {

    /** Operation ids are unique across all payments (the store claims each): the suffix counts seeds. */
    private static final AtomicLong SEEDS = new AtomicLong();

    /** DynamoDB's order of the index: created time, then payment id by its UTF-8 bytes. */
    static final Comparator<Payment> CREATION_ORDER = Comparator.comparing(Payment::createdAt)
            .thenComparing(p -> p.key().paymentId().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned);

    private final PaymentStore store;
    private final List<Payment> written = new ArrayList<>();

    History(PaymentStore store) {
        this.store = store;
    }

    /** A sale (final with the status's usual code, or processing) created at {@code createdAt}. */
    Payment sale(long projectId, String paymentId, Instant createdAt, PaymentStatus status) {
        return write(payment(projectId, paymentId, PaymentType.PURCHASE, createdAt, status, Funds.NOT_APPLICABLE));
    }

    /** A payout declined for want of balance (3028) or still processing without a reservation. */
    Payment payout(long projectId, String paymentId, Instant createdAt, PaymentStatus status) {
        return write(payment(projectId, paymentId, PaymentType.PAYOUT, createdAt, status, Funds.INSUFFICIENT));
    }

    private Payment write(Payment payment) {
        PaymentStore.CreateOutcome outcome = store.create(payment);
        if (outcome == PaymentStore.CreateOutcome.DUPLICATE) {
            throw new IllegalStateException("duplicate seed " + payment.key());
        }
        if (outcome == PaymentStore.CreateOutcome.OPERATION_ID_TAKEN) {
            throw new IllegalStateException(
                    "seeded operation id " + payment.operationId() + " twice: " + payment.key());
        }
        written.add(payment);
        return payment;
    }

    static Payment payment(
            long projectId, String paymentId, PaymentType type, Instant createdAt, PaymentStatus status, Funds funds) {
        String code = switch (status) {
            case SUCCESS -> ResultCode.SUCCESS.code();
            case DECLINE ->
                type == PaymentType.PAYOUT
                        ? ResultCode.INSUFFICIENT_MERCHANT_BALANCE.code()
                        : ResultCode.GENERAL_DECLINE.code();
            case ERROR -> ResultCode.INTERNAL_ERROR.code();
            case PROCESSING -> null;
        };
        String message =
                code == null ? null : ResultCode.fromCode(code).orElseThrow().message();
        Instant updated = status.isFinal() ? createdAt.plusSeconds(5) : createdAt;
        return Payment.builder()
                .key(new PaymentKey(projectId, paymentId))
                .type(type)
                .status(status)
                .amount(Money.ofMinor(1_000 + paymentId.length() * 7L, "EUR"))
                .customerId("customer-" + paymentId.length())
                .customerIp("192.0.2.1")
                .accountNumber(type == PaymentType.PURCHASE ? "4619000000000000017" : null)
                .description("order " + paymentId)
                .channel(Channel.GATE)
                .requestId("req-" + paymentId)
                .operationId(createdAt.toEpochMilli() * 1000 + SEEDS.getAndIncrement() % 1000)
                .createdAt(createdAt)
                .updatedAt(updated)
                .limitAt(createdAt.plusSeconds(600))
                .resultCode(code)
                .resultMessage(message)
                .funds(funds)
                .providerPaymentId(status.isFinal() ? "JV-" + paymentId : null)
                .providerDate(status.isFinal() ? updated : null)
                .callbackState(status.isFinal() ? CallbackState.DELIVERED : CallbackState.NONE)
                .build();
    }

    /** What a query over this history must return, in order. */
    List<String> expected(long projectId, Period period, Predicate<Payment> filter) {
        return written.stream()
                .filter(p -> p.key().projectId() == projectId && period.contains(p.createdAt()) && filter.test(p))
                .sorted(CREATION_ORDER)
                .map(p -> p.key().paymentId())
                .toList();
    }
}
