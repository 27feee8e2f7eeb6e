package dev.jetonvoucher.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.fixtures.GateClient;
import dev.jetonvoucher.fixtures.Merchant;
import dev.jetonvoucher.local.FunctionDef;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.SqsTrigger;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.payment.BalanceStore;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.sandbox.SandboxHarness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Every SQS message of the asynchronous half handled twice, because the first acknowledgement is lost after the
 * function did all its work; and three finishes that die between their write and the callback they must queue.
 * No payout may be debited twice, no voucher issued twice, no merchant called back twice, and every payment must
 * still finish and be called back.
 */
@Order(3)
class LostAcknowledgementTest {

    static final long PROJECT = 5301;
    static final String SECRET = "lost-ack-secret-5301";
    static final long OPENING = 500_000;
    static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void redelivered_messages_and_crashes_after_a_write_debit_once_issue_once_and_call_back_once() {
        Merchant merchant = new Merchant();
        ObjectNode project = Reliability.project(PROJECT, SECRET, true, merchant.url());
        project.put("base_time_seconds", 1);
        project.put("limit_time_seconds", 300);
        ((ObjectNode) project.get("balances")).put("EUR", OPENING);
        SandboxHarness sandbox = Reliability.start("lost-ack", false, Clock.systemUTC(), project);
        try {
            run(sandbox, merchant);
        } finally {
            sandbox.close();
            merchant.close();
        }
    }

    private void run(SandboxHarness sandbox, Merchant merchant) {
        GateClient gate = new GateClient(sandbox.baseUrl(), PROJECT, SECRET);
        Random random = new Random(Reliability.SEED + 3);
        Map<String, Long> payouts = new LinkedHashMap<>();
        List<String> sales = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String payout = "twice-payout-" + i;
            long amount = 5_000 + random.nextInt(100_000); // up to 1,050.00: some split into several vouchers
            payouts.put(payout, amount);
            assertEquals(200, gate.payout(payout, amount, "EUR").status());
            String sale = "twice-sale-" + i;
            String code = String.format("%04d", random.nextInt(10_000));
            Reliability.SECURITY_CODES.add(code);
            sales.add(sale);
            assertEquals(
                    200,
                    gate.sale(sale, 1_000 + random.nextInt(40_000), "EUR", Reliability.TEST_VOUCHER, "12/2030", code)
                            .status());
        }
        String callbackQueue = sandbox.runtime.resources().queueUrl("MerchantCallbackQueue");
        // The first three finishes die after their status write, before their callback is queued.
        FaultInjection.Fault diesBeforeCallback = FaultInjection.failNext(
                "SendMessage",
                request -> request instanceof SendMessageRequest send
                        && send.queueUrl().equals(callbackQueue),
                3);
        List<LostAcknowledgementMapping> mappings = mappings(sandbox);
        List<String> all = new ArrayList<>(payouts.keySet());
        all.addAll(sales);
        try {
            Instant deadline = Instant.now().plus(WAIT);
            while (!all.stream().allMatch(id -> !merchant.callbacksFor(id).isEmpty())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("not every payment was called back within " + WAIT + ": "
                            + merchant.callbacks().size() + " callbacks");
                }
                drive(mappings);
            }
            Instant quiet = Instant.now().plusSeconds(3); // let every redelivery and stray poll run
            while (Instant.now().isBefore(quiet)) {
                drive(mappings);
            }
        } finally {
            diesBeforeCallback.disarm();
        }

        assertEquals(3, diesBeforeCallback.fired(), "three finishes died before queuing their callback");
        for (LostAcknowledgementMapping mapping : mappings) {
            if (OUTSIDE_THE_PAYMENT_LIFECYCLE.contains(mapping.functionName())) {
                continue; // no payment reaches it: its redeliveries are tested with its own work (ExportRunTest)
            }
            assertTrue(
                    mapping.lostAcknowledgements.get() > 0, mapping.functionName() + " never handled a message twice");
        }
        PaymentStore store = sandbox.payments();
        long paidOut = 0;
        int vouchersCalledBack = 0;
        for (String id : all) {
            List<JsonNode> callbacks = merchant.callbacksFor(id);
            assertEquals(1, callbacks.size(), "exactly one callback for " + id);
            PaymentKey key = new PaymentKey(PROJECT, id);
            Payment payment = store.find(key).orElseThrow();
            assertEquals(CallbackState.DELIVERED, payment.callbackState(), id);
            assertEquals(1, store.callbackAttempts(key).size(), "one delivery try for " + id);
            assertTrue(
                    store.lateResults(key).stream()
                            .allMatch(late -> late.disposition().startsWith("duplicate")),
                    "a redelivered result may only be a duplicate: " + store.lateResults(key));
            assertEquals(PaymentStatus.SUCCESS, payment.status(), id + " " + payment.resultCode());
            if (payouts.containsKey(id)) {
                paidOut += payouts.get(id);
                long total = 0;
                for (JsonNode voucher :
                        callbacks.get(0).path("provider_extra_fields").path("vouchers")) {
                    total += voucher.path("amount").asLong();
                    vouchersCalledBack++;
                    Reliability.VOUCHER_NUMBERS.add(
                            voucher.path("voucherNumber").asText());
                    Reliability.SECURITY_CODES.add(voucher.path("securityCode").asText());
                }
                assertEquals(payouts.get(id), total, "the vouchers of " + id + " add up to its amount");
            }
        }
        BalanceStore.Balance balance =
                sandbox.balances().find(PROJECT, CurrencyUnit.of("EUR")).orElseThrow();
        assertEquals(paidOut, balance.paidOut().minorUnits(), "each payout debited exactly once");
        assertEquals(0, balance.reserved().minorUnits());
        assertTrue(balance.conserved());
        assertEquals(vouchersCalledBack, issuedVouchers(sandbox), "each voucher issued exactly once");
    }

    private static void drive(List<LostAcknowledgementMapping> mappings) {
        boolean any = false;
        for (LostAcknowledgementMapping mapping : mappings) {
            any |= mapping.pollOnce();
        }
        if (!any) {
            Reliability.sleep(100);
        }
    }

    /** One lossy mapping per SQS trigger of template.yaml. */
    /**
     * Queue functions that no payment's lifecycle reaches here: a dashboard export's worker, and the provider
     * emulator service's IPN sender, which only ProviderConnector http uses (this suite runs the default in-process
     * emulator; a repeated IPN is a repeated provider notification, which the platform records once).
     */
    private static final java.util.Set<String> OUTSIDE_THE_PAYMENT_LIFECYCLE =
            java.util.Set.of("ExportWorkerFunction", "ProviderEmulatorIpnFunction");

    private static List<LostAcknowledgementMapping> mappings(SandboxHarness sandbox) {
        List<LostAcknowledgementMapping> mappings = new ArrayList<>();
        for (FunctionDef function : sandbox.runtime.resources().template().functions()) {
            for (SqsTrigger trigger : function.sqsTriggers()) {
                mappings.add(new LostAcknowledgementMapping(
                        LocalAwsEndpoint.shared().sqs(),
                        sandbox.runtime.resources().queueUrl(trigger.queueLogicalId()),
                        sandbox.runtime.resources().queueArn(trigger.queueLogicalId()),
                        sandbox.runtime.function(function.logicalId()),
                        trigger.batchSize()));
            }
        }
        return mappings;
    }

    private static int issuedVouchers(SandboxHarness sandbox) {
        String table = sandbox.runtime.resources().tableName("VoucherLedgerTable");
        Set<String> vouchers = new HashSet<>();
        LocalAwsEndpoint.shared()
                .dynamoDb()
                .scanPaginator(request -> request.tableName(table).consistentRead(true))
                .items()
                .forEach(item -> {
                    AttributeValue pk = item.get("pk");
                    if (pk.s().startsWith("V#")) {
                        vouchers.add(pk.s());
                    }
                });
        return vouchers.size();
    }
}
