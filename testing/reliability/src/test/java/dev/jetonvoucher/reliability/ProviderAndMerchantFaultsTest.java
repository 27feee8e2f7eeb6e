package dev.jetonvoucher.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.fixtures.GateClient;
import dev.jetonvoucher.fixtures.Merchant;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.payment.BalanceStore;
import dev.jetonvoucher.payment.CallbackAttempt;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.sandbox.SandboxHarness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The provider down for a while (the sandbox's {@code provider_outage_seconds}), down past the limit time, silent
 * (no notifications, results only after a delay), and the merchant's endpoint down then back. All payments start
 * together, so the waits overlap; each test then checks one story.
 */
@Order(2)
class ProviderAndMerchantFaultsTest {

    static final long OUTAGE = 5201;
    static final long DOWN_PAST_LIMIT = 5202;
    static final long SILENT = 5203;
    static final long MERCHANT_DOWN = 5204;
    static final int OUTAGE_SECONDS = 6;
    static final int SILENT_SECONDS = 6;
    static final int MERCHANT_DOWN_SECONDS = 14;
    static final long OPENING = 100_000;
    static final Duration WAIT = Duration.ofSeconds(60);

    static Merchant merchant;
    static Merchant downMerchant;
    static SandboxHarness sandbox;
    static final Map<String, Instant> acceptedAt = new ConcurrentHashMap<>();
    static Instant merchantBackAt;
    static ScheduledExecutorService scheduler;

    @BeforeAll
    static void startEveryStory() {
        merchant = new Merchant();
        downMerchant = new Merchant();
        ObjectNode outage = project(OUTAGE, merchant.url(), 2, 40);
        sandboxSettings(outage).put("provider_outage_seconds", OUTAGE_SECONDS);
        ObjectNode pastLimit = project(DOWN_PAST_LIMIT, merchant.url(), 1, 8);
        sandboxSettings(pastLimit).put("provider_outage_seconds", 600);
        ObjectNode silent = project(SILENT, merchant.url(), 1, 40);
        sandboxSettings(silent).put("provider_notifications", "drop").put("provider_delay_seconds", SILENT_SECONDS);
        ObjectNode merchantDown = project(MERCHANT_DOWN, downMerchant.url(), 1, 40);
        sandbox = Reliability.start("faults", true, Clock.systemUTC(), outage, pastLimit, silent, merchantDown);

        downMerchant.goDown();
        scheduler = Executors.newSingleThreadScheduledExecutor();
        scheduler.schedule(
                () -> {
                    merchantBackAt = Instant.now();
                    downMerchant.comeBack();
                },
                MERCHANT_DOWN_SECONDS,
                TimeUnit.SECONDS);

        accept(OUTAGE, "outage-sale", true);
        accept(OUTAGE, "outage-payout", false);
        accept(DOWN_PAST_LIMIT, "down-sale", true);
        accept(DOWN_PAST_LIMIT, "down-payout", false);
        accept(SILENT, "silent-sale", true);
        accept(MERCHANT_DOWN, "merchant-down-sale", true);
    }

    @AfterAll
    static void stop() {
        scheduler.shutdownNow();
        sandbox.close();
        merchant.close();
        downMerchant.close();
    }

    @Test
    void a_provider_down_for_a_while_is_retried_and_the_payments_finish_once_it_is_back() {
        for (String id : List.of("outage-sale", "outage-payout")) {
            JsonNode callback = merchant.awaitCallback(id, WAIT);
            Instant arrived = Instant.now();
            assertEquals("success", callback.path("payment").path("status").asText(), callback.toString());
            assertTrue(
                    !arrived.isBefore(acceptedAt.get(id).plusSeconds(OUTAGE_SECONDS)),
                    id + " finished before the provider was back");
            assertTrue(
                    Reliability.capturedOutput().contains("dispatch.provider_unavailable payment=" + OUTAGE + "/" + id),
                    "the dispatch of " + id + " met the outage and was retried");
        }
        // That no second callback ever follows is proven by the lifecycle simulation (testing/simulation,
        // LifecycleSimulationProperties).
        BalanceStore.Balance balance = balance(OUTAGE);
        assertEquals(0, balance.reserved().minorUnits());
        assertEquals(payoutAmount("outage-payout"), balance.paidOut().minorUnits());
        assertTrue(balance.conserved());
    }

    @Test
    void a_provider_down_past_the_limit_time_ends_in_20602_and_releases_the_reservation() {
        for (String id : List.of("down-sale", "down-payout")) {
            JsonNode callback = merchant.awaitCallback(id, WAIT);
            assertEquals("decline", callback.path("payment").path("status").asText(), callback.toString());
            assertEquals("20602", callback.path("operation").path("code").asText());
        }
        // That no second callback ever follows is proven by the lifecycle simulation (testing/simulation,
        // LifecycleSimulationProperties).
        BalanceStore.Balance balance = balance(DOWN_PAST_LIMIT);
        assertEquals(0, balance.reserved().minorUnits(), "the payout's reservation is released");
        assertEquals(0, balance.paidOut().minorUnits());
        assertEquals(OPENING, balance.available().minorUnits());
        assertTrue(balance.conserved());
    }

    @Test
    void a_silent_provider_is_polled_until_it_has_the_result() {
        JsonNode callback = merchant.awaitCallback("silent-sale", WAIT);
        assertEquals("success", callback.path("payment").path("status").asText(), callback.toString());
        assertTrue(
                !Instant.now().isBefore(acceptedAt.get("silent-sale").plusSeconds(SILENT_SECONDS)),
                "a result before the provider had one");
        // That no second callback ever follows is proven by the lifecycle simulation (testing/simulation,
        // LifecycleSimulationProperties).
    }

    @Test
    void a_merchant_down_then_back_gets_the_callback_once_and_every_try_is_recorded() {
        JsonNode callback = downMerchant.awaitCallback("merchant-down-sale", WAIT);
        assertEquals("success", callback.path("payment").path("status").asText());
        assertTrue(merchantBackAt != null, "the callback arrived while the merchant was down");
        // That no second callback ever follows is proven by the lifecycle simulation (testing/simulation,
        // LifecycleSimulationProperties).
        List<CallbackAttempt> attempts = awaitDeliveredAttempts(new PaymentKey(MERCHANT_DOWN, "merchant-down-sale"));
        CallbackAttempt last = attempts.get(attempts.size() - 1);
        assertEquals(200, last.httpStatus(), attempts.toString());
        assertTrue(attempts.size() >= 2, "the tries while the merchant was down are recorded: " + attempts);
        for (CallbackAttempt refused : attempts.subList(0, attempts.size() - 1)) {
            assertTrue(!refused.delivered() && refused.at().isBefore(merchantBackAt), refused.toString());
        }
    }

    private static List<CallbackAttempt> awaitDeliveredAttempts(PaymentKey key) {
        for (int i = 0; i < 100; i++) {
            List<CallbackAttempt> attempts = sandbox.payments().callbackAttempts(key);
            if (!attempts.isEmpty() && attempts.get(attempts.size() - 1).delivered()) {
                return attempts;
            }
            Reliability.sleep(100);
        }
        throw new AssertionError("the delivery of " + key + " was never recorded");
    }

    private static void accept(long projectId, String paymentId, boolean sale) {
        GateClient gate = new GateClient(sandbox.baseUrl(), projectId, secret(projectId));
        acceptedAt.put(paymentId, Instant.now());
        GateClient.Answer answer = sale
                ? gate.sale(paymentId, 2_500, "EUR", Reliability.TEST_VOUCHER, "12/2030", "8264")
                : gate.payout(paymentId, payoutAmount(paymentId), "EUR");
        assertEquals(200, answer.status(), answer.text());
        Reliability.SECURITY_CODES.add("8264");
    }

    private static long payoutAmount(String paymentId) {
        return 12_345;
    }

    private static BalanceStore.Balance balance(long projectId) {
        return sandbox.balances().find(projectId, CurrencyUnit.of("EUR")).orElseThrow();
    }

    private static ObjectNode project(long id, String callbackUrl, int baseSeconds, int limitSeconds) {
        ObjectNode project = Reliability.project(id, secret(id), true, callbackUrl);
        project.put("base_time_seconds", baseSeconds);
        project.put("limit_time_seconds", limitSeconds);
        ((ObjectNode) project.get("balances")).put("EUR", OPENING);
        return project;
    }

    private static ObjectNode sandboxSettings(ObjectNode project) {
        return (ObjectNode) project.get("sandbox");
    }

    private static String secret(long projectId) {
        return "faults-secret-" + projectId;
    }
}
