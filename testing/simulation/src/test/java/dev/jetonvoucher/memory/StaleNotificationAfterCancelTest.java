package dev.jetonvoucher.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jetonvoucher.gate.Acceptance;
import dev.jetonvoucher.gate.PayoutCommand;
import dev.jetonvoucher.gate.SaleCommand;
import dev.jetonvoucher.memory.InMemoryWorkQueues.Delivery;
import dev.jetonvoucher.memory.InMemoryWorkQueues.Queue;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.VoucherData;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.project.InMemoryProjectDirectory;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.SandboxSettings;
import dev.jetonvoucher.project.SandboxSettings.NotificationMode;
import dev.jetonvoucher.provider.CancelResult;
import dev.jetonvoucher.provider.ProviderNotification;
import dev.jetonvoucher.provider.ProviderResult;
import dev.jetonvoucher.provider.ProviderVoucher;
import dev.jetonvoucher.provider.sandbox.SandboxJetonProvider;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import dev.jetonvoucher.signing.Signer;
import dev.jetonvoucher.workflow.Dispatcher;
import dev.jetonvoucher.workflow.Finalizer;
import dev.jetonvoucher.workflow.ProviderNotifications;
import dev.jetonvoucher.workflow.WorkMessages;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The schedule the lifecycle simulation found (seed 284197): a live sale whose provider takes 96 s against a limit
 * time of 60 s. At the limit the status poll has the operation cancelled (the voucher is spendable again) and crashes
 * before writing the decline; then the provider's notification, sent when it decided, arrives with "success". It
 * must not finish the payment as a success the provider no longer stands by.
 */
class StaleNotificationAfterCancelTest {

    private static final String PROVIDER_KEY = "stale-notification-provider-key";
    private static final CurrencyUnit EUR = CurrencyUnit.of("EUR");

    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryPaymentStore store = new InMemoryPaymentStore(clock);
    private final InMemoryVoucherLedger ledger = new InMemoryVoucherLedger();
    private final InMemoryWorkQueues queues = new InMemoryWorkQueues(clock);
    private final SandboxJetonProvider provider =
            new SandboxJetonProvider(ledger, queues.providerNotifier(), PROVIDER_KEY, this::sandboxOf, clock);
    private final Project live = new Project(
            2002,
            "secret",
            Optional.of(URI.create("https://m.example/cb")),
            false,
            Set.of(EUR),
            Duration.ofSeconds(10),
            Duration.ofSeconds(60),
            Map.of(EUR, 50_000L),
            new SandboxSettings(NotificationMode.NORMAL, Duration.ofSeconds(96)));
    private final InMemoryProjectDirectory projects = new InMemoryProjectDirectory(List.of(live));

    private dev.jetonvoucher.project.SandboxSettings sandboxOf(long projectId) {
        return dev.jetonvoucher.provider.sandbox.SandboxSettingsLookup.of(projects)
                .forProject(projectId);
    }

    private final VoucherTransitCipher cipher = new VoucherTransitCipher(VoucherTransitCipher.newKey());
    private final Acceptance acceptance = new Acceptance(store, store, queues, cipher, clock);
    private final Finalizer finalizer = new Finalizer(store, projects, provider, queues, cipher, clock);
    private final Dispatcher dispatcher = new Dispatcher(store, projects, provider, finalizer, queues, cipher, clock);

    private void dispatchAll() {
        for (Delivery delivery : queues.receive(Queue.DISPATCH, 10)) {
            dispatcher.handle(WorkMessages.dispatch(delivery.body()));
            queues.delete(delivery);
        }
    }

    @Test
    void a_success_notified_after_a_cancel_the_provider_honoured_ends_as_the_limit_time_decline() {
        // a voucher in a customer's hands: issued by a payout that succeeded
        acceptance.acceptPayout(new PayoutCommand(
                live, new PaymentKey(2002, "payout"), Money.ofMinor(5_000, EUR), "c", "198.51.100.7", "payout"));
        clock.advance(Duration.ofSeconds(1));
        dispatchAll();
        long payout = store.find(new PaymentKey(2002, "payout")).orElseThrow().operationId();
        clock.advance(Duration.ofSeconds(100));
        ProviderVoucher voucher = provider.status(payout).vouchers().get(0);

        PaymentKey sale = new PaymentKey(2002, "sale");
        acceptance.acceptSale(
                new SaleCommand(
                        live,
                        sale,
                        Money.ofMinor(3_600, EUR),
                        "c",
                        "198.51.100.7",
                        new VoucherData(
                                voucher.number(),
                                YearMonth.from(voucher.expiresAt().atZone(ZoneOffset.UTC)),
                                voucher.securityCode()),
                        "sale"),
                Channel.GATE);
        clock.advance(Duration.ofSeconds(1));
        dispatchAll();
        Payment accepted = store.find(sale).orElseThrow();

        clock.advanceTo(accepted.limitAt());
        assertEquals(
                CancelResult.Kind.CANCELLED,
                provider.cancel(accepted.operationId()).kind(),
                "the status poll's cancel, then its crash before the decline");
        clock.advance(Duration.ofSeconds(40));
        String notification = queues.messages(Queue.PROVIDER_NOTIFICATION).stream()
                .filter(m -> m.body().contains("\"payment_id\":\"sale\""))
                .findFirst()
                .orElseThrow()
                .body();
        new ProviderNotifications(store, finalizer, PROVIDER_KEY).receive(notification);

        Payment finished = store.find(sale).orElseThrow();
        assertEquals(PaymentStatus.DECLINE, finished.status());
        assertEquals("20602", finished.resultCode());
        assertFalse(ledger.findVoucher(voucher.number()).orElseThrow().redeemed(), "the voucher is spendable again");
        assertEquals(0, store.find(2002, EUR).orElseThrow().credited().minorUnits(), "nothing credited");
    }

    /**
     * A signed success for a sale the provider was never handed (its dispatch has not run), arriving after the limit
     * time: the provider has no record of the operation, so it moved no money and the success is not its own. The
     * payment ends as the limit time ends it, and the notification route never fails (the fuzzer met this as a 500).
     */
    @Test
    void a_success_for_an_operation_the_provider_never_got_ends_as_the_limit_time_decline() {
        PaymentKey sale = new PaymentKey(2002, "never-dispatched");
        acceptance.acceptSale(
                new SaleCommand(
                        live,
                        sale,
                        Money.ofMinor(1_500, EUR),
                        "c",
                        "198.51.100.7",
                        new VoucherData("1234567890123456789", YearMonth.of(2030, 12), "1234"),
                        "sale"),
                Channel.GATE);
        Payment accepted = store.find(sale).orElseThrow();
        clock.advanceTo(accepted.limitAt().plusSeconds(1));
        String forgedInTime = ProviderNotification.signedJson(
                sale,
                new ProviderResult(
                        accepted.operationId(),
                        "p-1",
                        PaymentStatus.SUCCESS,
                        "0",
                        "Success",
                        clock.instant(),
                        List.of()),
                new Signer(PROVIDER_KEY));

        ProviderNotifications.Outcome outcome =
                new ProviderNotifications(store, finalizer, PROVIDER_KEY).receive(forgedInTime);

        assertEquals(ProviderNotifications.Outcome.APPLIED, outcome);
        Payment finished = store.find(sale).orElseThrow();
        assertEquals(PaymentStatus.DECLINE, finished.status());
        assertEquals("20602", finished.resultCode());
        assertEquals(
                0L,
                store.find(2002, EUR)
                        .map(balance -> balance.credited().minorUnits())
                        .orElse(0L),
                "nothing credited");
    }
}
