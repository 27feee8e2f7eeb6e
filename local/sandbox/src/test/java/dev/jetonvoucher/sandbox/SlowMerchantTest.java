package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.fixtures.Merchant;
import dev.jetonvoucher.fixtures.Polling;
import dev.jetonvoucher.payment.CallbackAttempt;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.workflow.CallbackDelivery;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A slow merchant delays no one else: project A's merchant answers its callbacks one byte every 5 s, project B's
 * merchant at once. A's try ends at the 10 s deadline as a failed try and is retried on ECommPay's schedule, and
 * B's callback is delivered while A's try is still in progress, through the very event source mappings of
 * template.yaml.
 */
class SlowMerchantTest {

    static final long SLOW_PROJECT = 3101;
    static final long FAST_PROJECT = 3102;
    static final String VOUCHER = "4619000000000000017";
    /** Waits for the sandbox's own steps (sale, dispatch, provider result): they take a second or two. */
    static final Duration WAIT = Duration.ofSeconds(30);
    /** Room for B's sale to reach its callback after A's try has started; well within the try's deadline. */
    static final Duration MARGIN = Duration.ofSeconds(3);

    @Test
    void a_merchant_trickling_its_answer_fails_its_own_try_at_the_deadline_and_delays_no_other_merchant()
            throws Exception {
        try (Merchant slowMerchant = tricklingMerchant();
                SandboxHarness sandbox = new SandboxHarness(
                        slowProject(slowMerchant), SandboxHarness.project(FAST_PROJECT, "secret-fast", true));
                AutoCloseable firstEndTheTrickles = slowMerchant::stopTrickling) {
            assertEquals(
                    200,
                    sandbox.client(SLOW_PROJECT, "secret-slow")
                            .sale("slow-1", 1000, "EUR", VOUCHER, "12/2030", "1234")
                            .status());
            Instant slowTryStarted = slowMerchant.awaitTry(1, WAIT);

            assertEquals(
                    200,
                    sandbox.client(FAST_PROJECT, "secret-fast")
                            .sale("fast-1", 1000, "EUR", VOUCHER, "12/2030", "1234")
                            .status());
            Instant deadline = slowTryStarted.plus(CallbackDelivery.TIMEOUT).plus(MARGIN);
            sandbox.merchant.awaitCallback("fast-1", Duration.between(Instant.now(), deadline));

            CallbackAttempt slowTry = await(
                    () -> attempt(sandbox, new PaymentKey(SLOW_PROJECT, "slow-1"), 1),
                    WAIT,
                    "the slow merchant's first try recorded");
            assertEquals(0, slowTry.httpStatus(), "a try without a complete answer within 10 s is a failed try");
            assertTrue(slowTry.error().startsWith("no complete answer within 10 s"), slowTry.error());
            CallbackAttempt fastTry = attempt(sandbox, new PaymentKey(FAST_PROJECT, "fast-1"), 1);
            assertEquals(200, fastTry.httpStatus());
            assertTrue(
                    ended(fastTry).isBefore(ended(slowTry)),
                    () -> "B's callback was delivered while A's try was still running: " + fastTry + " / " + slowTry);

            slowMerchant.awaitTry(2, WAIT); // retried on ECommPay's schedule, 10 s after the failed try
        }
    }

    /** A merchant that answers 200 at once, then its body one byte every 5 s. */
    private static Merchant tricklingMerchant() {
        Merchant merchant = new Merchant();
        merchant.trickleAnswers(100, Duration.ofSeconds(5));
        return merchant;
    }

    private static ObjectNode slowProject(Merchant merchant) {
        ObjectNode project = SandboxHarness.project(SLOW_PROJECT, "secret-slow", true);
        project.put("callback_url", merchant.url());
        return project;
    }

    private static CallbackAttempt attempt(SandboxHarness sandbox, PaymentKey key, int number) {
        return sandbox.payments().callbackAttempts(key).stream()
                .filter(a -> a.number() == number)
                .findFirst()
                .orElse(null);
    }

    private static Instant ended(CallbackAttempt attempt) {
        return attempt.at().plus(attempt.latency());
    }

    private static <T> T await(Supplier<T> probe, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Polling.pause(100);
        }
        throw new AssertionError("no " + what + " within " + timeout);
    }
}
