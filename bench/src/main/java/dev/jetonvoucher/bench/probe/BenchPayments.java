package dev.jetonvoucher.bench.probe;

import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.payment.Funds;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The export benchmark's payments: payment {@code i} of {@code rows}, spread over January 2026, a few statuses, types
 * and amounts as a merchant's would be. The same payments are loaded into DynamoDB for the end-to-end run, or
 * generated page by page ({@link #generatedStore}) where the local endpoint is too slow to hold 100,000 of them.
 */
public final class BenchPayments {

    public static final long PROJECT_ID = 239;
    public static final Instant MONTH = Instant.parse("2026-01-01T00:00:00Z");
    private static final long MONTH_SECONDS = Duration.ofDays(31).toSeconds();
    private static final String PREFIX = "export-bench-";

    private BenchPayments() {}

    public static Payment payment(int i, int rows) {
        Instant created = MONTH.plusSeconds(i * (MONTH_SECONDS - 60) / rows);
        PaymentStatus status = i % 10 == 0 ? PaymentStatus.DECLINE : PaymentStatus.SUCCESS;
        return Payment.builder()
                .key(new PaymentKey(PROJECT_ID, PREFIX + String.format("%09d", i)))
                .type(i % 7 == 0 ? PaymentType.PAYOUT : PaymentType.PURCHASE)
                .status(status)
                .amount(Money.ofMinor(1_000 + (i % 49_000), "EUR"))
                .customerId("customer-" + (i % 5_000))
                .customerIp("192.0.2.1")
                .accountNumber("4619000000000000017")
                .description("order " + i + " of the bench, a description of ordinary length")
                .channel(Channel.GATE)
                .requestId("req-" + i)
                .operationId(10_000_000L + i)
                .createdAt(created)
                .updatedAt(created.plusSeconds(3))
                .limitAt(created.plusSeconds(600))
                .resultCode(status == PaymentStatus.SUCCESS ? "0" : "20100")
                .resultMessage(status == PaymentStatus.SUCCESS ? "Success" : "Declined")
                .funds(Funds.NOT_APPLICABLE)
                .providerPaymentId("JV-" + i)
                .providerDate(created.plusSeconds(3))
                .callbackState(CallbackState.DELIVERED)
                .callbackAttempts(1)
                .build();
    }

    /**
     * A payment store whose creation index holds {@code rows} payments made as they are read, a page at a time, as
     * the DynamoDB query pages them: the worker's memory is then its own, not a store's. Only the index read exists.
     */
    public static PaymentStore generatedStore(int rows) {
        return (PaymentStore) Proxy.newProxyInstance(
                PaymentStore.class.getClassLoader(), new Class<?>[] {PaymentStore.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("createdBetween")) {
                        throw new UnsupportedOperationException("the generated store only pages its index: " + method);
                    }
                    PaymentStore.CreatedPosition after = (PaymentStore.CreatedPosition) args[3];
                    int pageSize = (Integer) args[4];
                    int first = after == null
                            ? 0
                            : Integer.parseInt(after.paymentId().substring(PREFIX.length())) + 1;
                    int end = Math.min(rows, first + pageSize);
                    List<Payment> page = new ArrayList<>(end - first);
                    for (int i = first; i < end; i++) {
                        page.add(payment(i, rows));
                    }
                    return new PaymentStore.CreatedPage(
                            page,
                            end < rows && !page.isEmpty()
                                    ? Optional.of(PaymentStore.CreatedPosition.of(page.get(page.size() - 1)))
                                    : Optional.empty());
                });
    }
}
