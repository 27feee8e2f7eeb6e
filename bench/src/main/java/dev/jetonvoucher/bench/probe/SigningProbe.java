package dev.jetonvoucher.bench.probe;

import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.payment.Funds;
import dev.jetonvoucher.payment.IssuedVoucher;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.SandboxSettings;
import dev.jetonvoucher.provider.ProviderVoucher;
import dev.jetonvoucher.workflow.PaymentDocuments;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Signing throughput on the biggest callback the platform sends: a successful payout of 5,000.00 EUR paid in
 * ten 500.00 vouchers, each with its number, security code and dates. One operation = build the callback
 * document, sign it (flatten, sort, HMAC-SHA512, Base64) and serialize it to the JSON that is POSTed.
 *
 * <p>Usage: {@code SigningProbe <warm-up seconds> <windows> <window seconds>}; prints ops/s per window.
 */
public final class SigningProbe {

    private SigningProbe() {}

    public static void main(String[] args) {
        double warmUpSeconds = Double.parseDouble(args[0]);
        int windows = Integer.parseInt(args[1]);
        double windowSeconds = Double.parseDouble(args[2]);
        Instant now = Instant.parse("2026-11-28T12:00:00Z");
        Project project = new Project(
                239,
                "sandbox-secret-239",
                Optional.of(URI.create("http://127.0.0.1:9/callbacks")),
                true,
                Set.of(CurrencyUnit.of("EUR")),
                Duration.ofSeconds(10),
                Duration.ofSeconds(120),
                Map.of(),
                SandboxSettings.NORMAL);
        List<ProviderVoucher> vouchers = new ArrayList<>();
        List<IssuedVoucher> issued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ProviderVoucher voucher = new ProviderVoucher(
                    String.format("46190000000%08d", i),
                    Money.ofMinor(50_000, "EUR"),
                    now,
                    now.plus(Duration.ofDays(365)),
                    String.format("%04d", 1000 + i));
            vouchers.add(voucher);
            issued.add(voucher.withoutSecurityCode());
        }
        Payment payout = Payment.builder()
                .key(new PaymentKey(239, "signing-benchmark-payout"))
                .type(PaymentType.PAYOUT)
                .status(PaymentStatus.SUCCESS)
                .amount(Money.ofMinor(500_000, "EUR"))
                .customerId("customer-1")
                .customerIp("192.0.2.10")
                .description("payout")
                .channel(Channel.GATE)
                .requestId("0123456789abcdef0123456789abcdef0123456789abcdef")
                .operationId(1_795_867_200_000_123L)
                .createdAt(now)
                .updatedAt(now)
                .limitAt(now.plusSeconds(120))
                .resultCode("0")
                .resultMessage("Success")
                .funds(Funds.PAID_OUT)
                .providerPaymentId("JV1795867200000123")
                .providerDate(now)
                .vouchers(issued)
                .callbackState(CallbackState.PENDING)
                .build();

        int sink = 0;
        long warmUpEnd = System.nanoTime() + (long) (warmUpSeconds * 1e9);
        while (System.nanoTime() < warmUpEnd) {
            sink += PaymentDocuments.callback(payout, project, vouchers)
                    .toString()
                    .length();
        }
        double[] opsPerSecond = new double[windows];
        int bytes =
                PaymentDocuments.callback(payout, project, vouchers).toString().length();
        for (int w = 0; w < windows; w++) {
            long started = System.nanoTime();
            long end = started + (long) (windowSeconds * 1e9);
            long operations = 0;
            long current;
            do {
                sink += PaymentDocuments.callback(payout, project, vouchers)
                        .toString()
                        .length();
                operations++;
                current = System.nanoTime();
            } while (current < end);
            opsPerSecond[w] = operations / ((current - started) / 1e9);
        }
        double[] sorted = opsPerSecond.clone();
        Arrays.sort(sorted);
        new ProbeResult()
                .number("callback_bytes", bytes)
                .number("ops_per_s_median", sorted[sorted.length / 2])
                .number("ops_per_s_min", sorted[0])
                .number("ops_per_s_max", sorted[sorted.length - 1])
                .number("sink", sink % 7) // keeps the work observable, so the JIT cannot drop it
                .print();
        System.exit(0);
    }
}
