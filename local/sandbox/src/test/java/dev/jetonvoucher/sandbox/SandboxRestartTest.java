package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.aws.DynamoBalanceStore;
import dev.jetonvoucher.fixtures.GateClient;
import dev.jetonvoucher.fixtures.Merchant;
import dev.jetonvoucher.fixtures.Polling;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.LocalParameterStore;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.local.TemplateResources;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.payment.BalanceStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Issue 12 ("a restart resumes"): {@code bin/sandbox --aws-endpoint URL} is killed with {@code kill -9} while
 * sales and payouts wait for the provider, and started again on the same endpoint. The payments in flight finish
 * with one final callback each, their ids stay taken (3041), the status request still finds them, and the
 * balance carries on from where it was instead of restarting from the opening amount.
 */
class SandboxRestartTest {

    static final long PROJECT = 4301;
    static final String SECRET = "secret-4301";
    static final long OPENING = 100_000;
    static final int SALES = 20;
    static final long SALE_AMOUNT = 1_000;
    /** In test mode this amount declines: one payment in flight ends in "decline". */
    static final long DECLINED_AMOUNT = 40_000;

    static final int PAYOUTS = 3;
    static final long PAYOUT_AMOUNT = 20_000;
    /** Long enough that every payment is still waiting for the provider when the sandbox is killed. */
    static final int PROVIDER_DELAY_SECONDS = 10;

    static final Duration STARTUP = Duration.ofSeconds(90);
    static final Duration SETTLED = Duration.ofSeconds(45);
    /**
     * The status polls come after the test's deadline, so only the provider's notifications, signed before the
     * kill and checked after the restart, can finish the payments in time: with keys lost, they would be refused.
     */
    static final int BASE_TIME_SECONDS = 150;

    static final CurrencyUnit EUR = CurrencyUnit.of("EUR");

    @TempDir
    Path temp;

    @Test
    void payments_in_flight_when_the_sandbox_is_killed_finish_after_a_restart_on_the_same_endpoint() throws Exception {
        String stateName = "restart-"
                + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
        String prefix = stateName + "-";
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start();
                Merchant merchant = new Merchant()) {
            Path projects = projectFile(merchant.url());
            int port = CallbackInboxTest.closedPort();
            String[] args = {
                "--port",
                Integer.toString(port),
                "--projects",
                projects.toString(),
                "--aws-endpoint",
                endpoint.endpoint().toString(),
                "--state-prefix",
                stateName
            };
            GateClient gate = new GateClient("http://127.0.0.1:" + port, PROJECT, SECRET);
            Map<String, String> expectedStatus = new LinkedHashMap<>();
            String firstRun;

            try (SandboxProcess first = SandboxProcess.start(args)) {
                first.awaitHealthy(port, STARTUP);
                for (int i = 1; i <= SALES; i++) {
                    String id = "restart-sale-" + i;
                    long amount = i == SALES ? DECLINED_AMOUNT : SALE_AMOUNT;
                    assertAccepted(gate.sale(id, amount, "EUR", Demo.TEST_VOUCHER, "12/2030", "1234"));
                    expectedStatus.put(id, amount == DECLINED_AMOUNT ? "decline" : "success");
                }
                for (int i = 1; i <= PAYOUTS; i++) {
                    String id = "restart-payout-" + i;
                    assertAccepted(gate.payout(id, PAYOUT_AMOUNT, "EUR"));
                    expectedStatus.put(id, "success");
                }
                // Every payment handed to the provider, whose results are due only in PROVIDER_DELAY_SECONDS: all in
                // flight.
                awaitNoMessages(endpoint, prefix + "ProviderDispatchQueue");
                first.process().destroyForcibly(); // SIGKILL to the sandbox's JVM itself: no shutdown hook runs
                assertTrue(first.process().waitFor(30, TimeUnit.SECONDS), "the killed sandbox is gone");
                firstRun = first.output();
            }
            assertTrue(
                    firstRun.contains("State: persistent on " + endpoint.endpoint() + " (prefix " + prefix + ")"),
                    firstRun);
            assertFalse(firstRun.contains("Stopping the sandbox"), "killed, not stopped:\n" + firstRun);
            assertTrue(balance(endpoint, prefix).reserved().minorUnits() > 0, "payouts were in flight at the kill");
            List<String> keysBeforeRestart = keptKeys(endpoint, prefix);

            try (SandboxProcess second = SandboxProcess.start(args)) {
                second.awaitHealthy(port, STARTUP);

                Instant deadline = Instant.now().plus(SETTLED);
                for (Map.Entry<String, String> payment : expectedStatus.entrySet()) {
                    JsonNode callback =
                            merchant.awaitCallback(payment.getKey(), Duration.between(Instant.now(), deadline));
                    assertEquals(
                            payment.getValue(),
                            callback.path("payment").path("status").asText(),
                            callback.toString());
                }
                awaitNoMessages(endpoint, prefix + "MerchantCallbackQueue");
                List<String> notOnce = new ArrayList<>();
                expectedStatus.keySet().forEach(id -> {
                    if (merchant.callbacksFor(id).size() != 1) {
                        notOnce.add(id + " had " + merchant.callbacksFor(id).size());
                    }
                });
                assertEquals(List.of(), notOnce, "exactly one final callback per payment");

                GateAcceptanceTest.assertRejected(
                        gate.sale("restart-sale-1", SALE_AMOUNT, "EUR", Demo.TEST_VOUCHER, "12/2030", "1234"),
                        "3041",
                        "general.payment_id");
                GateAcceptanceTest.assertRejected(
                        gate.payout("restart-payout-1", PAYOUT_AMOUNT, "EUR"), "3041", "general.payment_id");
                GateClient.Answer status = gate.status("restart-payout-2");
                assertEquals(200, status.status(), status.body().toString());
                assertEquals(
                        "success", status.body().path("payment").path("status").asText());

                BalanceStore.Balance balance = balance(endpoint, prefix);
                long credited = (SALES - 1) * SALE_AMOUNT;
                long paidOut = PAYOUTS * PAYOUT_AMOUNT;
                assertEquals(OPENING, balance.opening().minorUnits());
                assertEquals(0, balance.reserved().minorUnits(), "every reservation paid out");
                assertEquals(paidOut, balance.paidOut().minorUnits());
                assertEquals(credited, balance.credited().minorUnits());
                assertEquals(
                        OPENING + credited - paidOut, balance.available().minorUnits(), "carried on, not reopened");

                String secondRun = second.output();
                assertTrue(
                        secondRun.contains("State: persistent on " + endpoint.endpoint() + " (prefix " + prefix + ")"),
                        secondRun);
                assertEquals(keysBeforeRestart, keptKeys(endpoint, prefix), "the keys are kept, not made anew");
                for (String key : keysBeforeRestart) {
                    assertFalse(firstRun.contains(key) || secondRun.contains(key), "a platform key is in the output");
                }
            }
        }
    }

    private static void assertAccepted(GateClient.Answer answer) {
        assertEquals(200, answer.status(), answer.body().toString());
    }

    /** Waits until the queue holds no message at all: none waiting, none delayed, none being handled. */
    private static void awaitNoMessages(LocalAwsEndpoint endpoint, String queueName) {
        String url = endpoint.sqs().getQueueUrl(r -> r.queueName(queueName)).queueUrl();
        Instant deadline = Instant.now().plus(SETTLED);
        Map<QueueAttributeName, String> counts = Map.of();
        while (Instant.now().isBefore(deadline)) {
            counts = endpoint.sqs()
                    .getQueueAttributes(r -> r.queueUrl(url)
                            .attributeNames(
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                    .attributes();
            if (counts.values().stream().allMatch("0"::equals)) {
                return;
            }
            Polling.pause(100);
        }
        throw new AssertionError(queueName + " still holds messages after " + SETTLED + ": " + counts);
    }

    private static BalanceStore.Balance balance(LocalAwsEndpoint endpoint, String prefix) {
        return new DynamoBalanceStore(endpoint.dynamoDb(), prefix + "BalancesTable")
                .find(PROJECT, EUR)
                .orElseThrow(() -> new AssertionError("no EUR balance for project " + PROJECT));
    }

    /** The platform keys as the sandbox keeps them on the endpoint: SSM parameters, where deployed functions read them. */
    private static List<String> keptKeys(LocalAwsEndpoint endpoint, String prefix) {
        LocalParameterStore ssm = new LocalParameterStore(endpoint);
        List<String> keys = new ArrayList<>();
        TemplateResources.platformKeyParameters(SamTemplate.load(SamTemplate.locate()), prefix)
                .values()
                .forEach(parameter -> ssm.get(parameter).ifPresent(keys::add));
        assertEquals(2, keys.size(), "the provider signing key and the voucher transit key are kept: " + keys.size());
        return keys;
    }

    private Path projectFile(String callbackUrl) throws IOException {
        ObjectNode project = SandboxHarness.project(PROJECT, SECRET, true);
        project.put("callback_url", callbackUrl);
        project.put("base_time_seconds", BASE_TIME_SECONDS);
        project.put("limit_time_seconds", 2 * BASE_TIME_SECONDS);
        project.putObject("balances").put("EUR", OPENING);
        project.putObject("sandbox")
                .put("provider_notifications", "normal")
                .put("provider_delay_seconds", PROVIDER_DELAY_SECONDS);
        ObjectNode file = GateClient.JSON.createObjectNode();
        file.putArray("projects").add(project);
        Path path = temp.resolve("projects.json");
        Files.writeString(path, file.toString());
        return path;
    }
}
