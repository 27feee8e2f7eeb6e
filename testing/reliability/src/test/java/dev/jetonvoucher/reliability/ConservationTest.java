package dev.jetonvoucher.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetonvoucher.fixtures.GateClient;
import dev.jetonvoucher.fixtures.Merchant;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.payment.BalanceStore;
import dev.jetonvoucher.sandbox.SandboxHarness;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Concurrent payouts draining a balance while sales credit it, every payout sent twice at once: the balance is read
 * (strongly consistent) every few milliseconds while they run, and available + reserved + paid out must equal
 * opening + credited at every reading, with nothing negative. At the end the books must match the callbacks exactly.
 */
@Order(1)
class ConservationTest {

    static final long PROJECT = 5001;
    static final String SECRET = "conservation-secret-5001";
    static final long OPENING = 100_000; // 1,000.00 EUR
    static final int PAYOUTS = 40;
    static final int SALES = 15;
    static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void the_balance_is_conserved_at_every_step_and_matches_the_callbacks_at_the_end() throws Exception {
        Merchant merchant = new Merchant();
        var project = Reliability.project(PROJECT, SECRET, true, merchant.url());
        ((com.fasterxml.jackson.databind.node.ObjectNode) project.get("balances")).put("EUR", OPENING);
        SandboxHarness sandbox = Reliability.start("conservation", true, Clock.systemUTC(), project);
        try {
            run(sandbox, merchant);
        } finally {
            sandbox.close();
            merchant.close();
        }
    }

    private void run(SandboxHarness sandbox, Merchant merchant) throws Exception {
        GateClient gate = new GateClient(sandbox.baseUrl(), PROJECT, SECRET);
        Random random = new Random(Reliability.SEED);

        Map<String, Long> payoutAmounts = new ConcurrentHashMap<>();
        Map<String, Long> saleAmounts = new ConcurrentHashMap<>();
        List<Callable<Void>> requests = new ArrayList<>();
        Map<String, List<Integer>> statuses = new ConcurrentHashMap<>();
        for (int i = 0; i < PAYOUTS; i++) {
            String id = "drain-" + i;
            // 10.00 to 120.00, and every seventh 400.00: declined in testing mode, so its reservation is released
            long amount = i % 7 == 3 ? 40_000 : 1_000 + random.nextInt(11_001);
            payoutAmounts.put(id, amount);
            for (int copy = 0; copy < 2; copy++) { // the same payout twice, at the same time
                requests.add(() -> {
                    statuses.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>())
                            .add(gate.payout(id, amount, "EUR").status());
                    return null;
                });
            }
        }
        for (int i = 0; i < SALES; i++) {
            String id = "credit-" + i;
            long amount = 1_000 + random.nextInt(4_001); // 10.00 to 50.00: the payouts outrun the credits
            String code = String.format("%04d", random.nextInt(10_000));
            Reliability.SECURITY_CODES.add(code);
            saleAmounts.put(id, amount);
            requests.add(() -> {
                statuses.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>())
                        .add(gate.sale(id, amount, "EUR", Reliability.TEST_VOUCHER, "12/2030", code)
                                .status());
                return null;
            });
        }
        Collections.shuffle(requests, random);

        BalanceSampler sampler = new BalanceSampler(sandbox.balances());
        Thread sampling = new Thread(sampler, "balance-sampler");
        sampling.start();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            for (Future<Void> request : clients.invokeAll(requests)) {
                request.get();
            }
        } finally {
            clients.shutdownNow();
        }
        Map<String, JsonNode> callbacks = new java.util.HashMap<>();
        for (String id : concat(payoutAmounts.keySet(), saleAmounts.keySet())) {
            callbacks.put(id, merchant.awaitCallback(id, WAIT));
        }
        // That no duplicate callback ever follows is proven by the lifecycle simulation (testing/simulation,
        // LifecycleSimulationProperties).
        sampler.stop();
        sampling.join();

        statuses.forEach((id, answers) -> assertEquals(
                1, answers.stream().filter(s -> s == 200).count(), id + " accepted exactly once: " + answers));
        assertTrue(sampler.readings.get() >= 20, "the balance was read only " + sampler.readings.get() + " times");
        assertEquals(List.of(), sampler.violations, "conservation broken while the payouts ran");

        long paidOut = 0;
        long credited = 0;
        int insufficient = 0;
        Set<String> voucherNumbers = new HashSet<>();
        for (Map.Entry<String, JsonNode> entry : callbacks.entrySet()) {
            String id = entry.getKey();
            JsonNode callback = entry.getValue();
            assertEquals(1, merchant.callbacksFor(id).size(), "exactly one callback for " + id);
            boolean success =
                    "success".equals(callback.path("payment").path("status").asText());
            if (payoutAmounts.containsKey(id)) {
                if (success) {
                    paidOut += payoutAmounts.get(id);
                    long voucherTotal = 0;
                    for (JsonNode voucher :
                            callback.path("provider_extra_fields").path("vouchers")) {
                        voucherTotal += voucher.path("amount").asLong();
                        assertTrue(voucher.path("amount").asLong() <= 50_000, "a voucher holds at most 500.00");
                        assertTrue(
                                voucherNumbers.add(voucher.path("voucherNumber").asText()), "a voucher issued twice");
                        Reliability.VOUCHER_NUMBERS.add(
                                voucher.path("voucherNumber").asText());
                        Reliability.SECURITY_CODES.add(
                                voucher.path("securityCode").asText());
                    }
                    assertEquals(
                            payoutAmounts.get(id), voucherTotal, "the vouchers of " + id + " add up to its amount");
                } else {
                    String code = callback.path("operation").path("code").asText();
                    assertTrue(code.equals("3028") || code.equals("20000"), id + " declined with " + code);
                    insufficient += code.equals("3028") ? 1 : 0;
                }
            } else if (success) {
                credited += saleAmounts.get(id);
            }
        }
        assertTrue(
                insufficient > 0 && paidOut > 0,
                "the payouts drained the balance: " + insufficient + " refused for insufficient funds, " + paidOut
                        + " paid out");
        BalanceStore.Balance end =
                sandbox.balances().find(PROJECT, CurrencyUnit.of("EUR")).orElseThrow();
        assertEquals(0, end.reserved().minorUnits(), "nothing stays reserved");
        assertEquals(paidOut, end.paidOut().minorUnits(), "paid out = the successful payouts' amounts");
        assertEquals(credited, end.credited().minorUnits(), "credited = the successful sales' amounts");
        assertEquals(OPENING, end.opening().minorUnits());
        assertEquals(OPENING + credited - paidOut, end.available().minorUnits());
        assertTrue(end.conserved());
        System.out.println("conservation: " + sampler.readings.get() + " balance readings, " + insufficient
                + " payouts refused for insufficient funds, paid out " + paidOut
                + ", credited " + credited + ", available " + end.available().minorUnits());
    }

    private static List<String> concat(Set<String> a, Set<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Reads the balance in a loop and records every reading that breaks conservation or goes negative. */
    private static final class BalanceSampler implements Runnable {
        private final BalanceStore balances;
        private final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger readings = new AtomicInteger();
        final List<String> violations = new CopyOnWriteArrayList<>();

        BalanceSampler(BalanceStore balances) {
            this.balances = balances;
        }

        void stop() {
            running.set(false);
        }

        @Override
        public void run() {
            while (running.get()) {
                balances.find(PROJECT, CurrencyUnit.of("EUR")).ifPresent(balance -> {
                    readings.incrementAndGet();
                    boolean negative = balance.available().minorUnits() < 0
                            || balance.reserved().minorUnits() < 0
                            || balance.paidOut().minorUnits() < 0;
                    if (!balance.conserved() || negative) {
                        violations.add(balance.toString());
                    }
                });
                Reliability.sleep(25);
            }
        }
    }
}
