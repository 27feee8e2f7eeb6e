package dev.jetonvoucher.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.money.PayoutSplit;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.payment.Funds;
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
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the platform signs, and which official SDK verifies it (protocol reference §1.4; README "Which official
 * SDKs verify which callbacks"). The platform signs every callback and status answer in the documented order, the
 * Java SDK's: the whole {@code path:value} strings sorted. The SDKs differ only in how they order array indices
 * from 11 elements on (and in key corners a callback never has), and the only array of a callback is a payout's
 * {@code provider_extra_fields.vouchers}. So:
 * <ul>
 * <li>the Java and Go SDKs verify every callback (their order is the one signed);</li>
 * <li>the Python SDK ({@link SignOrder#PATH}) builds the same string for every callback, since voucher paths go on
 *     past the index ({@code vouchers:10:amount} sorts before {@code vouchers:1:amount} by path too);</li>
 * <li>the JS and PHP SDKs ({@link SignOrder#NATURAL}: indices numerically) build the same string up to ten
 *     vouchers and another one from eleven, i.e. for a payout above 5,000.00 (vouchers are at most 500.00).</li>
 * </ul>
 * No callback layout faithful to the protocol avoids the last case: the index is part of every signed item, so
 * an array of eleven or more elements reads differently in the two orders whatever its content.
 */
class CallbackSigningOrderTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Project PROJECT = new Project(
            239,
            "sandbox-secret-239",
            Optional.of(URI.create("http://127.0.0.1:9/callbacks")),
            true,
            Set.of(CurrencyUnit.of("EUR")),
            Duration.ofSeconds(10),
            Duration.ofSeconds(120),
            Map.of(),
            SandboxSettings.NORMAL);
    private static final int MOST_VOUCHERS = 50; // a payout above 50 vouchers is refused (2642)

    static IntStream voucherCounts() {
        return IntStream.rangeClosed(0, MOST_VOUCHERS);
    }

    @ParameterizedTest(name = "{0} vouchers")
    @MethodSource("voucherCounts")
    void every_callback_and_status_answer_is_signed_in_the_documented_java_sdk_order(int vouchers) {
        for (ObjectNode document : documentsOfAPayout(vouchers)) {
            ObjectNode unsigned = document.deepCopy();
            String signature = unsigned.remove("signature").textValue();
            assertEquals(new Signer(PROJECT.secretKey()).sign(unsigned), signature);
            assertEquals(SignatureCheck.matched(SignOrder.JAVA), new Signer(PROJECT.secretKey()).check(document));
        }
    }

    @ParameterizedTest(name = "{0} vouchers")
    @MethodSource("voucherCounts")
    void the_python_sdk_order_gives_the_same_string_to_sign_for_every_callback(int vouchers) {
        for (ObjectNode document : documentsOfAPayout(vouchers)) {
            assertEquals(stringToSign(document, SignOrder.JAVA), stringToSign(document, SignOrder.PATH));
        }
    }

    @ParameterizedTest(name = "{0} vouchers")
    @MethodSource("voucherCounts")
    void the_js_and_php_sdk_order_agrees_up_to_ten_vouchers_and_differs_in_their_order_alone_from_eleven(int vouchers) {
        for (ObjectNode document : documentsOfAPayout(vouchers)) {
            String signed = stringToSign(document, SignOrder.JAVA);
            String natural = stringToSign(document, SignOrder.NATURAL);
            if (vouchers <= 10) {
                assertEquals(signed, natural);
            } else {
                assertNotEquals(signed, natural);
                assertEquals(sortedItems(signed), sortedItems(natural), "the same items, in another order");
                assertEquals(withoutVouchers(signed), withoutVouchers(natural), "only the vouchers move");
            }
        }
    }

    @Test
    void the_documented_order_puts_voucher_10_before_voucher_1_and_the_js_order_after_9() {
        ObjectNode callback = documentsOfAPayout(11).get(0);
        assertEquals(List.of(0, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9), voucherIndices(stringToSign(callback, SignOrder.JAVA)));
        assertEquals(List.of(0, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9), voucherIndices(stringToSign(callback, SignOrder.PATH)));
        assertEquals(
                List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), voucherIndices(stringToSign(callback, SignOrder.NATURAL)));
    }

    @Test
    void sale_callbacks_have_no_array_and_read_the_same_in_every_sdk_order() {
        for (PaymentStatus status : List.of(PaymentStatus.SUCCESS, PaymentStatus.DECLINE)) {
            Payment sale = payment(PaymentType.PURCHASE, status, 1000, List.of());
            ObjectNode callback = PaymentDocuments.callback(sale, PROJECT, List.of());
            for (SignOrder order : SignOrder.values()) {
                assertEquals(stringToSign(callback, SignOrder.JAVA), stringToSign(callback, order), order.name());
            }
        }
    }

    @Test
    void a_payout_above_5000_eur_is_the_first_to_have_eleven_vouchers() {
        assertEquals(10, PayoutSplit.split(Money.ofMinor(500_000, "EUR")).size());
        assertEquals(11, PayoutSplit.split(Money.ofMinor(500_001, "EUR")).size());
    }

    /** The callback and the status answer of a successful payout paid in this many vouchers (0: a declined one). */
    private static List<ObjectNode> documentsOfAPayout(int count) {
        List<ProviderVoucher> vouchers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            vouchers.add(new ProviderVoucher(
                    "46190000000%08d".formatted(i),
                    Money.ofMinor(50_000, "EUR"),
                    NOW,
                    NOW.plus(Duration.ofDays(365)),
                    "%04d".formatted(1000 + i)));
        }
        Payment payout = payment(
                PaymentType.PAYOUT,
                count == 0 ? PaymentStatus.DECLINE : PaymentStatus.SUCCESS,
                Math.max(count, 1) * 50_000L,
                vouchers);
        return List.of(PaymentDocuments.callback(payout, PROJECT, vouchers), PaymentDocuments.status(payout, PROJECT));
    }

    private static Payment payment(
            PaymentType type, PaymentStatus status, long amount, List<ProviderVoucher> vouchers) {
        boolean success = status == PaymentStatus.SUCCESS;
        return Payment.builder()
                .key(new PaymentKey(PROJECT.projectId(), "order-" + type + "-" + vouchers.size()))
                .type(type)
                .status(status)
                .amount(Money.ofMinor(amount, "EUR"))
                .customerId("customer-1")
                .customerIp("192.0.2.10")
                .description("conformance")
                .channel(Channel.GATE)
                .requestId("0123456789abcdef0123456789abcdef0123456789abcdef")
                .operationId(1_795_867_200_000_123L)
                .createdAt(NOW)
                .updatedAt(NOW)
                .limitAt(NOW.plusSeconds(120))
                .resultCode(success ? "0" : "20000")
                .resultMessage(success ? "Success" : "General decline")
                .funds(type == PaymentType.PURCHASE ? Funds.NOT_APPLICABLE : success ? Funds.PAID_OUT : Funds.RELEASED)
                .providerPaymentId("JV1795867200000123")
                .providerDate(NOW)
                .vouchers(vouchers.stream()
                        .map(ProviderVoucher::withoutSecurityCode)
                        .toList())
                .callbackState(CallbackState.PENDING)
                .build();
    }

    private static String stringToSign(ObjectNode signedDocument, SignOrder order) {
        ObjectNode unsigned = signedDocument.deepCopy();
        unsigned.remove("signature");
        return SignatureFlattener.stringToSign(unsigned, order);
    }

    private static List<String> sortedItems(String stringToSign) {
        return Arrays.stream(stringToSign.split(";")).sorted().toList();
    }

    private static List<String> withoutVouchers(String stringToSign) {
        return Arrays.stream(stringToSign.split(";"))
                .filter(item -> !item.startsWith("provider_extra_fields:"))
                .toList();
    }

    private static List<Integer> voucherIndices(String stringToSign) {
        return Arrays.stream(stringToSign.split(";"))
                .filter(item -> item.startsWith("provider_extra_fields:vouchers:"))
                .map(item -> Integer.parseInt(item.split(":")[2]))
                .distinct()
                .toList();
    }
}
