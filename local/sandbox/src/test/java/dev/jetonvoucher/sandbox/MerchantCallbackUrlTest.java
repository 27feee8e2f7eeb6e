package dev.jetonvoucher.sandbox;

import static dev.jetonvoucher.sandbox.GateAcceptanceTest.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.fixtures.GateClient;
import dev.jetonvoucher.fixtures.Merchant;
import dev.jetonvoucher.fixtures.Polling;
import dev.jetonvoucher.payment.CallbackAttempt;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.PaymentKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Gate request's {@code general.merchant_callback_url} through the sandbox's HTTP API: the payment's callbacks go
 * there, not to the project's callback URL, every retry included, and the dashboard shows where they went.
 */
class MerchantCallbackUrlTest {

    static final long PROJECT = 2101;
    static final String SECRET = "secret-2101";
    static final String VOUCHER = "4619000000000000017";

    static SandboxHarness sandbox;
    static Merchant ownEndpoint;
    static GateClient gate;

    @BeforeAll
    static void start() {
        sandbox = new SandboxHarness(SandboxHarness.project(PROJECT, SECRET, true));
        ownEndpoint = new Merchant().knowsProject(PROJECT, SECRET);
        gate = sandbox.client(PROJECT, SECRET);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        ownEndpoint.close();
    }

    @Test
    void a_sale_with_its_own_callback_url_gets_its_callback_there_retried_there_when_it_fails() {
        ownEndpoint.failFirst(1);
        ObjectNode sale = gate.saleBody("own-url-sale", 1_200, "EUR", VOUCHER, "12/2030", "1234");
        ((ObjectNode) sale.get("general")).put("merchant_callback_url", ownEndpoint.url());
        assertEquals(
                200, gate.postSigned("/v2/payment/voucher/jeton/sale", sale).status());

        JsonNode callback = ownEndpoint.awaitCallback("own-url-sale", Duration.ofSeconds(60));
        assertEquals("success", callback.path("payment").path("status").asText());
        assertTrue(ownEndpoint.signatureValid(callback), "signed as every callback");
        assertEquals(2, ownEndpoint.requestCount(), "the first try answered 500, the retry 200");
        assertEquals(List.of(), sandbox.merchant.callbacksFor("own-url-sale"), "nothing went to the project's URL");

        PaymentKey key = new PaymentKey(PROJECT, "own-url-sale");
        awaitDelivered(key);
        List<CallbackAttempt> attempts = sandbox.payments().callbackAttempts(key);
        assertEquals(
                List.of(500, 200),
                attempts.stream().map(CallbackAttempt::httpStatus).toList());

        DashboardClient browser = new DashboardClient(sandbox.runtime.baseUrl());
        assertEquals(303, browser.signIn(PROJECT, SECRET).status());
        String page = browser.get("/dashboard/payment?id=own-url-sale").text();
        assertTrue(
                page.contains("Sent to <span class=\"mono\">" + ownEndpoint.url() + "</span> (this payment's own"),
                page);
    }

    @Test
    void a_payout_with_its_own_callback_url_gets_its_callback_there_and_one_without_at_the_projects() {
        ObjectNode payout = gate.payoutBody("own-url-payout", 2_000, "EUR");
        ((ObjectNode) payout.get("general")).put("merchant_callback_url", ownEndpoint.url());
        assertEquals(
                200, gate.postSigned("/v2/payment/voucher/jeton/payout", payout).status());
        assertEquals(200, gate.payout("project-url-payout", 2_000, "EUR").status());

        assertEquals(
                "success",
                ownEndpoint
                        .awaitCallback("own-url-payout", Duration.ofSeconds(60))
                        .path("payment")
                        .path("status")
                        .asText());
        sandbox.merchant.awaitCallback("project-url-payout", Duration.ofSeconds(60));
        assertEquals(List.of(), sandbox.merchant.callbacksFor("own-url-payout"));
        assertEquals(List.of(), ownEndpoint.callbacksFor("project-url-payout"));
    }

    @Test
    void a_merchant_callback_url_follows_the_project_callback_url_rule_or_is_502_naming_the_field() {
        for (String bad :
                List.of("ftp://shop.example/x", "/callbacks", "https://user:pw@shop.example/x", "not a url")) {
            ObjectNode sale =
                    gate.saleBody("bad-url-" + Math.abs(bad.hashCode()), 1_200, "EUR", VOUCHER, "12/2030", "1234");
            ((ObjectNode) sale.get("general")).put("merchant_callback_url", bad);
            assertRejected(
                    gate.postSigned("/v2/payment/voucher/jeton/sale", sale), "502", "general.merchant_callback_url");
        }
        ObjectNode notText = gate.payoutBody("bad-url-number", 2_000, "EUR");
        ((ObjectNode) notText.get("general")).put("merchant_callback_url", 42);
        assertRejected(
                gate.postSigned("/v2/payment/voucher/jeton/payout", notText), "502", "general.merchant_callback_url");
    }

    private static void awaitDelivered(PaymentKey key) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (sandbox.payments().find(key).orElseThrow().callbackState() != CallbackState.DELIVERED) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(key + " was not recorded as delivered within 30 s");
            }
            Polling.pause(50);
        }
    }
}
