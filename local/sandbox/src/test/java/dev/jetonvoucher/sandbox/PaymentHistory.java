package dev.jetonvoucher.sandbox;

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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * Payments written straight into the store with the creation times, types and outcomes a test chooses (much
 * faster than driving thousands of payments through the Gate), and what a query over them must return.
 */
final class PaymentHistory {

    /** Operation ids are unique across all payments (the store claims each): the suffix counts seeds. */
    private static final AtomicLong SEEDS = new AtomicLong();

    /** DynamoDB's order of the by-project-created-keys index: created time, then payment id by its UTF-8 bytes. */
    static final Comparator<Payment> CREATION_ORDER = Comparator.comparing(Payment::createdAt)
            .thenComparing(p -> p.key().paymentId().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned);

    static final String VOUCHER = "4619000000000000017";

    private final PaymentStore store;
    private final Map<PaymentKey, Payment> written = new ConcurrentHashMap<>();

    PaymentHistory(PaymentStore store) {
        this.store = store;
    }

    /** Writes {@code count} payments made by {@code payment(i)}, a few at a time (the endpoint serialises them anyway). */
    void seed(int count, IntFunction<Payment> payment) {
        IntStream.range(0, count).parallel().mapToObj(payment).forEach(this::write);
    }

    Payment write(Payment payment) {
        PaymentStore.CreateOutcome outcome = store.create(payment);
        if (outcome == PaymentStore.CreateOutcome.DUPLICATE) {
            throw new IllegalStateException("seeded twice: " + payment.key());
        }
        if (outcome == PaymentStore.CreateOutcome.OPERATION_ID_TAKEN) {
            throw new IllegalStateException(
                    "seeded operation id " + payment.operationId() + " twice: " + payment.key());
        }
        written.put(payment.key(), payment);
        return payment;
    }

    /**
     * A payment as the platform stores it: a sale (paid with {@link #VOUCHER}) or a payout (declined 3028 or still
     * processing, without a reservation); final ones with their usual code, updated five seconds after creation.
     */
    static Payment payment(
            long projectId,
            String paymentId,
            PaymentType type,
            Instant createdAt,
            PaymentStatus status,
            long amountMinor,
            String description) {
        if (type == PaymentType.PAYOUT && status == PaymentStatus.SUCCESS) {
            throw new IllegalArgumentException("a paid-out payout needs a reservation; seed sales as successes");
        }
        ResultCode code = switch (status) {
            case SUCCESS -> ResultCode.SUCCESS;
            case DECLINE ->
                type == PaymentType.PAYOUT ? ResultCode.INSUFFICIENT_MERCHANT_BALANCE : ResultCode.GENERAL_DECLINE;
            case ERROR -> ResultCode.INTERNAL_ERROR;
            case PROCESSING -> null;
        };
        Instant updated = status.isFinal() ? createdAt.plusSeconds(5) : createdAt;
        return Payment.builder()
                .key(new PaymentKey(projectId, paymentId))
                .type(type)
                .status(status)
                .amount(Money.ofMinor(amountMinor, "EUR"))
                .customerId("customer-" + (amountMinor % 17))
                .customerIp("192.0.2.1")
                .accountNumber(type == PaymentType.PURCHASE ? VOUCHER : null)
                .description(description)
                .channel(Channel.GATE)
                .requestId("req-" + Integer.toHexString(paymentId.hashCode()))
                .operationId(createdAt.toEpochMilli() * 1000 + SEEDS.getAndIncrement() % 1000)
                .createdAt(createdAt)
                .updatedAt(updated)
                .limitAt(createdAt.plusSeconds(600))
                .resultCode(code == null ? null : code.code())
                .resultMessage(code == null ? null : code.message())
                .funds(type == PaymentType.PAYOUT ? Funds.INSUFFICIENT : Funds.NOT_APPLICABLE)
                .providerPaymentId(
                        status.isFinal() && type == PaymentType.PURCHASE ? "JV-" + paymentId.hashCode() : null)
                .providerDate(status.isFinal() ? updated : null)
                .callbackState(status.isFinal() ? CallbackState.DELIVERED : CallbackState.NONE)
                .build();
    }

    Payment get(long projectId, String paymentId) {
        return written.get(new PaymentKey(projectId, paymentId));
    }

    /** The project's payments created in [from, to) that {@code filter} keeps, in index order. */
    List<Payment> expected(long projectId, Instant from, Instant to, Predicate<Payment> filter) {
        return written.values().stream()
                .filter(p -> p.key().projectId() == projectId
                        && !p.createdAt().isBefore(from)
                        && p.createdAt().isBefore(to))
                .filter(filter)
                .sorted(CREATION_ORDER)
                .toList();
    }

    static List<String> ids(List<Payment> payments) {
        return payments.stream().map(p -> p.key().paymentId()).toList();
    }
}
