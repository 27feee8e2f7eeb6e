package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.aws.DynamoVoucherLedger;
import dev.jetonvoucher.fixtures.GateClient;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.provider.sandbox.VoucherLedger;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The provider chosen by the template parameter (ProviderConnector http), end to end on the sandbox: the platform's
 * HTTP connector talks to the emulator service (ProviderEmulatorFunction, its IPNs through ProviderEmulatorIpnFunction)
 * through a proxy that answers 5xx and lets answers time out. Every payment still ends with exactly one correct
 * callback, and no voucher is redeemed twice although redemptions reached the emulator twice.
 */
class HttpProviderConnectorTest {

    static final long LIVE = 4301;
    static final long TEST = 4302;

    static FaultyProviderProxy proxy;
    static SandboxHarness sandbox;
    static GateClient live;
    static GateClient test;

    @BeforeAll
    static void start() throws Exception {
        proxy = new FaultyProviderProxy();
        ObjectNode liveProject = SandboxHarness.project(LIVE, "secret-4301", false);
        liveProject.put("limit_time_seconds", 120);
        ObjectNode testProject = SandboxHarness.project(TEST, "secret-4302", true);
        testProject.put("limit_time_seconds", 120);
        sandbox = new SandboxHarness(
                true,
                Map.of(
                        "ProviderSigningKey",
                        SandboxHarness.PROVIDER_KEY,
                        "VoucherTransitKey",
                        VoucherTransitCipher.newKey(),
                        "ProviderConnector",
                        "http",
                        "ProviderBaseUrl",
                        proxy.url()),
                liveProject,
                testProject);
        proxy.forwardTo(sandbox.runtime.baseUrl());
        live = sandbox.client(LIVE, "secret-4301");
        test = sandbox.client(TEST, "secret-4302");
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
        proxy.close();
    }

    @Test
    void every_payment_ends_with_one_correct_callback_and_no_voucher_is_redeemed_twice() {
        assertEquals(200, live.payout("http-payout", 60_000, "EUR").status());
        JsonNode payout = sandbox.merchant.awaitCallback("http-payout", Duration.ofSeconds(90));
        assertEquals("success", payout.path("payment").path("status").asText(), payout.toString());
        JsonNode vouchers = payout.path("provider_extra_fields").path("vouchers");
        assertEquals(2, vouchers.size(), "600.00 as 500.00 + 100.00, issued once: " + vouchers);

        JsonNode voucher = vouchers.path(0);
        String expiration = voucher.path("expiration").asText();
        String expiry = expiration.substring(5, 7) + "/" + expiration.substring(0, 4);
        String number = voucher.path("voucherNumber").asText();
        String code = voucher.path("securityCode").asText();
        assertEquals(
                200, live.sale("http-sale", 10_000, "EUR", number, expiry, code).status());
        assertEquals(
                200,
                live.sale("http-sale-again", 10_000, "EUR", number, expiry, code)
                        .status());
        assertEquals(
                200,
                test.sale("http-test-decline", 40_000, "EUR", number, expiry, code)
                        .status());

        JsonNode sale = sandbox.merchant.awaitCallback("http-sale", Duration.ofSeconds(90));
        JsonNode again = sandbox.merchant.awaitCallback("http-sale-again", Duration.ofSeconds(90));
        JsonNode declined = sandbox.merchant.awaitCallback("http-test-decline", Duration.ofSeconds(90));
        // the two sales raced for one voucher: exactly one redeemed it, the other found it spent
        JsonNode winner = sale.path("payment").path("status").asText().equals("success") ? sale : again;
        JsonNode loser = winner == sale ? again : sale;
        assertEquals("success", winner.path("payment").path("status").asText(), winner.toString());
        assertEquals("decline", loser.path("payment").path("status").asText(), loser.toString());
        assertEquals("20106", loser.path("operation").path("code").asText(), loser.toString());
        assertEquals("decline", declined.path("payment").path("status").asText());
        assertEquals("20000", declined.path("operation").path("code").asText(), "the testing mode's 40000");

        for (String paymentId : new String[] {"http-payout", "http-sale", "http-sale-again", "http-test-decline"}) {
            assertEquals(1, sandbox.merchant.callbacksFor(paymentId).size(), "one callback for " + paymentId);
        }
        VoucherLedger ledger = new DynamoVoucherLedger(
                sandbox.endpoint.dynamoDb(), sandbox.runtime.resources().tableName("VoucherLedgerTable"));
        assertTrue(ledger.findVoucher(number).orElseThrow().redeemed());
        Payment won = sandbox.payments()
                .find(new PaymentKey(LIVE, winner.path("payment").path("id").asText()))
                .orElseThrow();
        assertEquals(
                won.operationId(),
                ledger.findVoucher(number).orElseThrow().redeemedBy(),
                "redeemed by the winning sale's operation");

        assertTrue(proxy.answered5xx.get() >= 4, "the provider answered 5xx: " + proxy.answered5xx);
        assertTrue(proxy.answersLost.get() >= 4, "each operation's answer timed out once: " + proxy.answersLost);
        // How often each operation reached the emulator after that depends on how the tries interleave (an open
        // breaker refuses some; an IPN may finish a payment before its dispatch is tried again); each was done once.
        assertEquals(4, proxy.reachedEmulatorByBody.size(), "four operations: " + proxy.reachedEmulatorByBody);
    }
}
