package dev.jetonvoucher.functions.dashboard;

import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.Payment;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** Payments counted per status (with their sums per currency) and per UTC day and status, for the overview. */
final class Totals implements Consumer<Payment> {

    private final Map<PaymentStatus, Integer> counts = new EnumMap<>(PaymentStatus.class);
    private final Map<PaymentStatus, Map<String, Money>> sums = new EnumMap<>(PaymentStatus.class);
    private final Map<LocalDate, Map<PaymentStatus, Integer>> perDay = new TreeMap<>();

    @Override
    public void accept(Payment payment) {
        counts.merge(payment.status(), 1, Integer::sum);
        sums.computeIfAbsent(payment.status(), s -> new TreeMap<>())
                .merge(payment.amount().currency().code(), payment.amount(), Money::plus);
        perDay.computeIfAbsent(payment.createdAt().atZone(ZoneOffset.UTC).toLocalDate(), d -> new EnumMap<>(PaymentStatus.class))
                .merge(payment.status(), 1, Integer::sum);
    }

    int count(PaymentStatus status) {
        return counts.getOrDefault(status, 0);
    }

    int count() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Sums per currency code, in code order. */
    Map<String, Money> sums(PaymentStatus status) {
        return sums.getOrDefault(status, Map.of());
    }

    int count(LocalDate day, PaymentStatus status) {
        return perDay.getOrDefault(day, Map.of()).getOrDefault(status, 0);
    }

    int count(LocalDate day) {
        return perDay.getOrDefault(day, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
    }
}
