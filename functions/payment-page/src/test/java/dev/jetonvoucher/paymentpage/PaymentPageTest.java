package dev.jetonvoucher.paymentpage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.payment.Funds;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.project.InMemoryProjectDirectory;
import dev.jetonvoucher.web.Html;
import dev.jetonvoucher.web.WebRequest;
import dev.jetonvoucher.web.WebResponse;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The page's status answers, which the page script polls until the payment is final. */
class PaymentPageTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String VOUCHER = "4619000000000000017";

    final Map<PaymentKey, Payment> stored = new ConcurrentHashMap<>();
    final PageTokens tokens =
            new PageTokens("page-test-key-0123456789abcdefghijklmnop".getBytes(StandardCharsets.UTF_8), CLOCK);
    final PaymentPage page = new PaymentPage(
            new PaymentPageRequests(new InMemoryProjectDirectory(List.of())), findOnly(stored), null, tokens, CLOCK);

    @Test
    void a_payment_that_ended_in_error_is_final_so_the_page_stops_polling() throws Exception {
        Payment processing = store(sale("errored"));
        stored.put(
                processing.key(),
                processing.finish(
                        PaymentStatus.ERROR, "3", "Internal error", Funds.RELEASED, null, NOW, List.of(), NOW));

        JsonNode status = status(processing.key());
        assertEquals("error", status.path("status").asText());
        assertTrue(status.path("final").isBoolean());
        assertTrue(status.path("final").booleanValue(), status.toString());
    }

    @Test
    void every_final_status_is_final_and_processing_is_not() throws Exception {
        for (PaymentStatus outcome : List.of(PaymentStatus.SUCCESS, PaymentStatus.DECLINE, PaymentStatus.ERROR)) {
            Payment processing = store(sale("final-" + outcome.wire()));
            stored.put(
                    processing.key(),
                    processing.finish(outcome, "0", "Result", Funds.RELEASED, null, NOW, List.of(), NOW));
            assertTrue(status(processing.key()).path("final").booleanValue(), outcome.wire());
        }
        Payment processing = store(sale("still-processing"));
        JsonNode status = status(processing.key());
        assertEquals("processing", status.path("status").asText());
        assertFalse(status.path("final").booleanValue());
        assertTrue(status.path("final").isBoolean());
    }

    @Test
    void the_status_shows_the_voucher_only_by_its_last_four_digits() throws Exception {
        Payment processing = store(sale("last4"));
        WebResponse answer = statusResponse(processing.key());
        assertEquals(
                "0017",
                new ObjectMapper().readTree(answer.body()).path("voucher_last4").asText());
        assertFalse(answer.body().contains(VOUCHER));
    }

    @Test
    void a_number_too_short_to_show_a_tail_safely_shows_none() throws Exception {
        Payment odd = sale("short-number");
        Payment shortNumber = store(Payment.builder()
                .key(odd.key())
                .type(odd.type())
                .status(odd.status())
                .amount(odd.amount())
                .customerId(odd.customerId())
                .customerIp(odd.customerIp())
                .accountNumber("12345")
                .channel(odd.channel())
                .requestId(odd.requestId())
                .operationId(odd.operationId())
                .createdAt(NOW)
                .updatedAt(NOW)
                .limitAt(odd.limitAt())
                .funds(odd.funds())
                .build());
        assertTrue(
                status(shortNumber.key()).path("voucher_last4").isMissingNode(), "VoucherNumbers.mask would hide it");
    }

    private JsonNode status(PaymentKey key) throws Exception {
        WebResponse answer = statusResponse(key);
        assertEquals(200, answer.status(), answer.body());
        return new ObjectMapper().readTree(answer.body());
    }

    private WebResponse statusResponse(PaymentKey key) {
        String query = "token=" + Html.queryComponent(tokens.statusToken(key));
        return page.handle(
                new WebRequest("GET", PaymentPage.STATUS_PATH, query, null, Map.of(), List.of(), null, null));
    }

    private Payment store(Payment payment) {
        stored.put(payment.key(), payment);
        return payment;
    }

    private static Payment sale(String paymentId) {
        return Payment.builder()
                .key(new PaymentKey(7001, paymentId))
                .type(PaymentType.PURCHASE)
                .amount(Money.ofMinor(10_000, "EUR"))
                .customerId("customer-42")
                .customerIp("192.0.2.1")
                .accountNumber(VOUCHER)
                .channel(Channel.PAYMENT_PAGE)
                .requestId("0".repeat(48))
                .operationId(1L)
                .createdAt(NOW)
                .updatedAt(NOW)
                .limitAt(NOW.plusSeconds(60))
                .funds(Funds.RESERVED)
                .build();
    }

    /** A store that can only read: the status answer must not write. */
    private static PaymentStore findOnly(Map<PaymentKey, Payment> payments) {
        return (PaymentStore) Proxy.newProxyInstance(
                PaymentStore.class.getClassLoader(), new Class<?>[] {PaymentStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("find")) {
                        return Optional.ofNullable(payments.get((PaymentKey) args[0]));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
