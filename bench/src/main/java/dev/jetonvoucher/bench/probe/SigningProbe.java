package dev.jetonvoucher.bench.probe;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.jetonvoucher.signing.SignOrder;
import dev.jetonvoucher.signing.SignatureFlattener;
import dev.jetonvoucher.signing.Signer;
import dev.jetonvoucher.workflow.PaymentDocuments;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing throughput on the biggest callback the platform sends: a successful payout of 5,000.00 EUR paid in
 * ten 500.00 vouchers, each with its number, security code and dates. Three operations, measured in interleaved
 * windows: the whole callback (build the document, sign it, serialize it to the JSON that is POSTed); signing alone
 * ({@code Signer.sign} of the unsigned callback: flatten, sort, HMAC-SHA512, Base64); and one bare HMAC-SHA512 of the
 * same string-to-sign's bytes on a keyed engine, the floor signing cannot go below.
 *
 * <p>Usage: {@code SigningProbe <warm-up seconds> <windows> <window seconds>}; prints ops/s per window, median,
 * min and max of each operation.
 */
public final class SigningProbe {

    /** The results are summed into {@link #sink}, so the JIT cannot drop the work. */
    private static int sink;

    private SigningProbe() {}

    /** What the measured operations returned, summed: printed, so the JIT cannot drop their work. */
    static int sink() {
        return sink;
    }

    /** One operation measured; returns something of its result. */
    interface Operation {
        int run();
    }

    /** Runs {@code operation} for {@code nanos}; returns operations per second (the signing probes' one loop). */
    static double run(Operation operation, long nanos) {
        long started = System.nanoTime();
        long end = started + nanos;
        long operations = 0;
        long current;
        do {
            sink += operation.run();
            operations++;
            current = System.nanoTime();
        } while (current < end);
        return operations / ((current - started) / 1e9);
    }

    /** One HMAC-SHA512 engine keyed once: the bare cost of the MAC over the same bytes, without flattening. */
    private static Mac bareHmac(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

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

        // What a Signer signs: the callback without its signature. The probe runs on a baseline's jar too, so it uses
        // only what b0a802a had: Signer's constructor and sign, SignatureFlattener.stringToSign.
        ObjectNode unsigned = PaymentDocuments.callback(payout, project, vouchers);
        unsigned.remove("signature");
        Signer signer = new Signer(project.secretKey());
        byte[] signedBytes =
                SignatureFlattener.stringToSign(unsigned, SignOrder.JAVA).getBytes(StandardCharsets.UTF_8);
        Mac bare = bareHmac(project.secretKey());
        String expected = Base64.getEncoder().encodeToString(bare.doFinal(signedBytes));
        if (!signer.sign(unsigned).equals(expected)) {
            throw new IllegalStateException("the bare HMAC is not over the string the Signer signs");
        }

        List<Operation> operations = List.of(
                () -> PaymentDocuments.callback(payout, project, vouchers)
                        .toString()
                        .length(),
                () -> signer.sign(unsigned).length(),
                () -> bare.doFinal(signedBytes)[0]);
        double[][] opsPerSecond = new double[operations.size()][windows];
        long warmUpNanos = (long) (warmUpSeconds * 1e9 / operations.size());
        for (Operation operation : operations) {
            run(operation, warmUpNanos);
        }
        long windowNanos = (long) (windowSeconds * 1e9);
        for (int w = 0; w < windows; w++) {
            // interleaved, so the shared machine's load falls on the three alike
            for (int o = 0; o < operations.size(); o++) {
                opsPerSecond[o][w] = run(operations.get(o), windowNanos);
            }
        }
        ProbeResult result = new ProbeResult()
                .number(
                        "callback_bytes",
                        PaymentDocuments.callback(payout, project, vouchers)
                                .toString()
                                .length())
                .number("signed_string_bytes", signedBytes.length)
                // what the official JS SDK is measured on beside this probe (SigningBenchmark): the same document
                .text("secret", project.secretKey())
                .text("unsigned_callback", unsigned.toString())
                .text("signature", expected);
        String[] names = {"", "sign_", "hmac_"};
        for (int o = 0; o < operations.size(); o++) {
            double[] sorted = opsPerSecond[o].clone();
            Arrays.sort(sorted);
            result.number(names[o] + "ops_per_s_median", sorted[sorted.length / 2])
                    .number(names[o] + "ops_per_s_min", sorted[0])
                    .number(names[o] + "ops_per_s_max", sorted[sorted.length - 1]);
        }
        result.number("sink", sink % 7) // keeps the work observable, so the JIT cannot drop it
                .print();
        System.exit(0);
    }
}
