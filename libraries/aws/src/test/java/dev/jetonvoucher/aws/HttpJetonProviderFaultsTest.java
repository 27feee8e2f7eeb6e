package dev.jetonvoucher.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.contract.MutableClock;
import dev.jetonvoucher.keys.CachedKeyRing;
import dev.jetonvoucher.keys.KeyRing;
import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.VoucherData;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.project.SandboxSettings;
import dev.jetonvoucher.provider.ProviderRequest;
import dev.jetonvoucher.provider.ProviderUnavailableException;
import dev.jetonvoucher.provider.ProviderVoucher;
import dev.jetonvoucher.provider.http.CircuitBreaker;
import dev.jetonvoucher.provider.sandbox.ProviderEmulatorRoutes;
import dev.jetonvoucher.provider.sandbox.SandboxJetonProvider;
import dev.jetonvoucher.provider.sandbox.SandboxSettingsLookup;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP connector's side of an unreliable provider: timeouts, bounded retries with backoff on 5xx and lost answers,
 * a circuit breaker on the clock, and no operation ever done twice at the provider because a retry carries the same
 * {@code orderId}.
 */
class HttpJetonProviderFaultsTest {

    private static final String KEY = "http-connector-faults-key-0123456789";
    private static final Instant START = Instant.parse("2026-04-02T09:00:00Z");
    private static final AtomicLong OPERATIONS = new AtomicLong(START.toEpochMilli() * 1000);
    private static final HttpJetonProvider.Settings SETTINGS = new HttpJetonProvider.Settings(
            Duration.ofMillis(500), Duration.ofMillis(500), 3, Duration.ofMillis(200), 3, Duration.ofSeconds(30));
    private static LocalResources aws;

    private final MutableClock clock = new MutableClock(START);
    private final List<Duration> pauses = new ArrayList<>();
    private final CachedKeyRing keys = CachedKeyRing.fixed(KeyRing.of(KEY));
    private EmulatorServer server;
    private HttpJetonProvider connector;

    @BeforeAll
    static void deploy() {
        aws = LocalResources.deploy(HttpJetonProviderFaultsTest.class);
    }

    @BeforeEach
    void start() throws Exception {
        SandboxJetonProvider emulator = new SandboxJetonProvider(
                new DynamoVoucherLedger(aws.dynamoDb(), aws.table("VoucherLedgerTable")),
                (notification, delay) -> {},
                keys,
                SandboxSettingsLookup.always(SandboxSettings.NORMAL),
                clock);
        server = new EmulatorServer(new ProviderEmulatorRoutes(emulator, keys, clock));
        connector = connector(keys);
    }

    private HttpJetonProvider connector(CachedKeyRing signingKeys) {
        return new HttpJetonProvider(
                server.baseUrl(),
                signingKeys,
                SETTINGS,
                new CircuitBreaker(SETTINGS.breakerThreshold(), SETTINGS.breakerCoolDown(), clock),
                pauses::add,
                clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answers_of_503_are_retried_with_a_growing_backoff_until_the_provider_takes_the_operation() {
        server.failNext(EmulatorServer.Fault.UNAVAILABLE, 2);
        long payout = OPERATIONS.incrementAndGet();

        assertEquals("JV" + payout, connector.submit(payout(payout)));

        assertEquals(3, server.requests());
        assertEquals(1, server.reachedEmulator());
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400)), pauses);
        assertEquals(PaymentStatus.SUCCESS, connector.status(payout).status());
    }

    @Test
    void a_redemption_whose_answer_timed_out_is_sent_again_and_the_voucher_is_redeemed_once() {
        ProviderVoucher voucher = issueOne();
        long sale = OPERATIONS.incrementAndGet();
        server.failNext(EmulatorServer.Fault.STALL_AFTER_WORK, 1);
        int before = server.reachedEmulator();

        assertEquals("JV" + sale, connector.submit(sale(sale, voucher)));

        assertEquals(2, server.reachedEmulator() - before, "the provider saw the redemption twice");
        assertEquals(PaymentStatus.SUCCESS, connector.status(sale).status(), "and did it once: its first result");
        long another = OPERATIONS.incrementAndGet();
        connector.submit(sale(another, voucher));
        assertEquals("20106", connector.status(another).code(), "the voucher was spent by the first sale only");
    }

    @Test
    void a_provider_that_keeps_failing_is_unavailable_and_the_open_breaker_spares_it_until_the_cool_down() {
        server.failNext(EmulatorServer.Fault.UNAVAILABLE, 3);
        long payout = OPERATIONS.incrementAndGet();

        ProviderUnavailableException exhausted =
                assertThrows(ProviderUnavailableException.class, () -> connector.submit(payout(payout)));
        assertTrue(exhausted.getMessage().contains("HTTP 503"), exhausted.getMessage());
        assertEquals(CircuitBreaker.State.OPEN, connector.breaker().state());

        int requests = server.requests();
        assertThrows(ProviderUnavailableException.class, () -> connector.status(payout));
        assertEquals(requests, server.requests(), "an open breaker sends nothing");

        clock.advance(SETTINGS.breakerCoolDown());
        assertEquals("JV" + payout, connector.submit(payout(payout)), "the trial after the cool-down goes through");
        assertEquals(CircuitBreaker.State.CLOSED, connector.breaker().state());
    }

    @Test
    void a_failed_trial_after_the_cool_down_opens_the_breaker_again() {
        server.failNext(EmulatorServer.Fault.UNAVAILABLE, 4);
        long payout = OPERATIONS.incrementAndGet();
        assertThrows(ProviderUnavailableException.class, () -> connector.submit(payout(payout)));
        clock.advance(SETTINGS.breakerCoolDown());

        assertThrows(ProviderUnavailableException.class, () -> connector.submit(payout(payout)));

        assertEquals(4, server.requests(), "one trial, then refused at once");
        assertEquals(CircuitBreaker.State.OPEN, connector.breaker().state());
        assertEquals(0, server.reachedEmulator());
    }

    @Test
    void a_request_signed_with_another_key_is_refused_and_does_nothing() {
        HttpJetonProvider wrongKey = connector(CachedKeyRing.fixed(KeyRing.of("not-the-provider-key-0123456789")));
        long payout = OPERATIONS.incrementAndGet();

        ProviderUnavailableException refused =
                assertThrows(ProviderUnavailableException.class, () -> wrongKey.submit(payout(payout)));

        assertTrue(refused.getMessage().contains("HTTP 401"), refused.getMessage());
        assertEquals(1, server.requests(), "a refusal is an answer: not retried");
        assertThrows(IllegalArgumentException.class, () -> connector.status(payout), "the provider has no order");
    }

    @Test
    void an_order_id_of_another_payment_is_refused_without_retries() {
        long payout = OPERATIONS.incrementAndGet();
        connector.submit(payout(payout));
        ProviderRequest other = new ProviderRequest(
                new PaymentKey(93_001, "another-payment"),
                payout,
                OperationType.PAYOUT,
                Money.ofMinor(1_000, "EUR"),
                null,
                false);

        assertThrows(IllegalStateException.class, () -> connector.submit(other));
        assertEquals(2, server.requests());
    }

    private ProviderVoucher issueOne() {
        long payout = OPERATIONS.incrementAndGet();
        connector.submit(payout(payout));
        return connector.status(payout).vouchers().get(0);
    }

    private static ProviderRequest payout(long operationId) {
        return new ProviderRequest(
                new PaymentKey(93_001, "payout-" + operationId),
                operationId,
                OperationType.PAYOUT,
                Money.ofMinor(20_000, "EUR"),
                null,
                false);
    }

    private static ProviderRequest sale(long operationId, ProviderVoucher voucher) {
        return new ProviderRequest(
                new PaymentKey(93_001, "sale-" + operationId),
                operationId,
                OperationType.SALE,
                Money.ofMinor(10_000, "EUR"),
                new VoucherData(
                        voucher.number(),
                        YearMonth.from(voucher.expiresAt().atZone(ZoneOffset.UTC)),
                        voucher.securityCode()),
                false);
    }
}
