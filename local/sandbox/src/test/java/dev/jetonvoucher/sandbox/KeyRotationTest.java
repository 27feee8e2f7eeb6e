package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.fixtures.GateClient;
import dev.jetonvoucher.fixtures.Polling;
import dev.jetonvoucher.keys.CachedKeyRing;
import dev.jetonvoucher.local.LocalParameterStore;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.local.TemplateResources;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * docs/deploy.md's key rotation, end to end on the sandbox, whose functions read the keys from SSM exactly as deployed:
 * both keys are rotated (the old one written to {@code -previous}, the new one to the key's parameter) while sales and
 * payouts wait for the provider — their vouchers sealed, their notifications and callbacks to come under the old keys —
 * and more are sent after it. Every payment finishes with one callback, a voucher the provider issued under the old key
 * is redeemed after it, and once the previous keys are removed new payments still finish: every function signs and
 * seals with the new keys.
 */
class KeyRotationTest {

    static final long LIVE = 4301;
    static final long TEST = 4302;
    static final String VOUCHER = "4619000000000000017";
    /** The functions re-read the keys every second here (PlatformKeysCacheSeconds), instead of every 5 minutes. */
    static final Duration CACHE_TIME = Duration.ofSeconds(1);
    /**
     * How far the functions' clock is moved on for their cached keys to expire: the cache time, and the least time
     * between two reads of the keys (a rotation's signature or key id misses read them again at most that often).
     */
    static final Duration KEYS_EXPIRED = CACHE_TIME.plus(CachedKeyRing.MIN_RELOAD_INTERVAL);

    static final Duration SETTLED = Duration.ofSeconds(90);

    record Voucher(String number, String expiry, String code) {}

    @Test
    void payments_in_flight_across_a_rotation_of_both_keys_all_finish_with_one_callback_each() {
        String oldProviderKey = "old-provider-key-0123456789abcdef0123456789";
        String oldTransitKey = VoucherTransitCipher.newKey();
        AheadClock clock = new AheadClock();
        try (SandboxHarness sandbox = new SandboxHarness(
                SandboxHarness.options()
                        .withMappings(true)
                        .withParameters(Map.of(
                                "ProviderSigningKey",
                                oldProviderKey,
                                "VoucherTransitKey",
                                oldTransitKey,
                                "PlatformKeysCacheSeconds",
                                Long.toString(CACHE_TIME.toSeconds())))
                        .withClock(clock),
                slow(SandboxHarness.project(LIVE, "secret-4301", false)),
                slow(SandboxHarness.project(TEST, "secret-4302", true)))) {
            GateClient live = sandbox.client(LIVE, "secret-4301");
            GateClient test = sandbox.client(TEST, "secret-4302");
            Map<String, String> parameters = TemplateResources.platformKeyParameters(
                    SamTemplate.load(SamTemplate.locate()),
                    sandbox.runtime.resources().prefix());
            LocalParameterStore ssm = new LocalParameterStore(sandbox.endpoint);

            assertEquals(200, live.payout("issue", 100_000, "EUR").status());
            JsonNode issued = sandbox.merchant.awaitCallback("issue", SETTLED);
            assertEquals("success", issued.path("payment").path("status").asText(), issued.toString());
            Voucher issuedBefore = voucher(
                    issued.path("provider_extra_fields").path("vouchers").path(0));
            Voucher alsoIssuedBefore = voucher(
                    issued.path("provider_extra_fields").path("vouchers").path(1));

            List<String> payments = new ArrayList<>(List.of("issue"));
            payments.addAll(send(test, "before"));
            assertEquals(200, sale(live, "before-live-sale", issuedBefore).status());
            payments.add("before-live-sale");

            // The rotation, as docs/deploy.md writes it: the current key becomes the previous, a new key the current.
            ssm.put(parameters.get("ProviderSigningKey") + "-previous", oldProviderKey);
            ssm.put(parameters.get("ProviderSigningKey"), "new-provider-key-0123456789abcdef0123456789");
            ssm.put(parameters.get("VoucherTransitKey") + "-previous", oldTransitKey);
            ssm.put(parameters.get("VoucherTransitKey"), VoucherTransitCipher.newKey());

            payments.addAll(send(test, "after"));
            assertEquals(200, sale(live, "after-live-sale", alsoIssuedBefore).status());
            payments.add("after-live-sale");
            assertAllSucceedOnce(sandbox, payments);

            // Once the cache time is over, the previous keys go: nothing is signed or sealed with them any more. The
            // functions' clock is moved on past it rather than waited for.
            ssm.delete(parameters.get("ProviderSigningKey") + "-previous");
            ssm.delete(parameters.get("VoucherTransitKey") + "-previous");
            clock.advance(KEYS_EXPIRED);
            List<String> afterRetirement = send(test, "retired");
            assertAllSucceedOnce(sandbox, afterRetirement);
        }
    }

    /** The functions' clock: real time, moved ahead by the test where it would otherwise wait for time to pass. */
    private static final class AheadClock extends Clock {

        /** Shared by the clock and its views in other zones. */
        private final AtomicReference<Duration> ahead;

        private final ZoneId zone;

        AheadClock() {
            this(new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
        }

        private AheadClock(AtomicReference<Duration> ahead, ZoneId zone) {
            this.ahead = ahead;
            this.zone = zone;
        }

        void advance(Duration duration) {
            ahead.accumulateAndGet(duration, Duration::plus);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead.get());
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new AheadClock(ahead, zone);
        }
    }

    /** A provider slow enough that payments sent just before the rotation are still waiting for it after. */
    private static ObjectNode slow(ObjectNode project) {
        ((ObjectNode) project.get("sandbox")).put("provider_delay_seconds", 3);
        project.put("base_time_seconds", 2);
        project.put("limit_time_seconds", 60);
        return project;
    }

    /** Three sales and two payouts of the test project. */
    private static List<String> send(GateClient test, String label) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = label + "-sale-" + i;
            assertEquals(
                    200,
                    test.sale(id, 1_000 + i, "EUR", VOUCHER, "12/2030", "1234").status(),
                    id);
            ids.add(id);
        }
        for (int i = 0; i < 2; i++) {
            String id = label + "-payout-" + i;
            assertEquals(200, test.payout(id, 2_000 + i, "EUR").status(), id);
            ids.add(id);
        }
        return ids;
    }

    private static GateClient.Answer sale(GateClient live, String id, Voucher voucher) {
        return live.sale(id, 10_000, "EUR", voucher.number(), voucher.expiry(), voucher.code());
    }

    private static void assertAllSucceedOnce(SandboxHarness sandbox, List<String> payments) {
        Instant deadline = Instant.now().plus(SETTLED);
        Map<String, String> statuses = new LinkedHashMap<>();
        for (String id : payments) {
            JsonNode callback = sandbox.merchant.awaitCallback(id, Duration.between(Instant.now(), deadline));
            statuses.put(
                    id,
                    callback.path("payment").path("status").asText() + " "
                            + callback.path("operation").path("code").asText());
        }
        awaitEmpty(sandbox, "MerchantCallbackQueue");
        Map<String, String> expected = new LinkedHashMap<>();
        payments.forEach(id -> expected.put(id, "success 0"));
        assertEquals(expected, statuses);
        Map<String, Integer> callbacks = new LinkedHashMap<>();
        payments.forEach(
                id -> callbacks.put(id, sandbox.merchant.callbacksFor(id).size()));
        Map<String, Integer> once = new LinkedHashMap<>();
        payments.forEach(id -> once.put(id, 1));
        assertEquals(once, callbacks, "exactly one callback per payment");
    }

    private static void awaitEmpty(SandboxHarness sandbox, String queue) {
        String url = sandbox.runtime.resources().queueUrl(queue);
        Instant deadline = Instant.now().plus(SETTLED);
        Map<QueueAttributeName, String> counts = Map.of();
        while (Instant.now().isBefore(deadline)) {
            counts = sandbox.endpoint
                    .sqs()
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
        throw new AssertionError(queue + " still holds messages after " + SETTLED + ": " + counts);
    }

    private static Voucher voucher(JsonNode issued) {
        String expiration = issued.path("expiration").asText();
        return new Voucher(
                issued.path("voucherNumber").asText(),
                expiration.substring(5, 7) + "/" + expiration.substring(0, 4),
                issued.path("securityCode").asText());
    }
}
