package dev.jetonvoucher.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.contract.MutableClock;
import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.project.SandboxSettings;
import dev.jetonvoucher.provider.ProviderRequest;
import dev.jetonvoucher.provider.ProviderUnavailableException;
import dev.jetonvoucher.provider.sandbox.SandboxJetonProvider;
import dev.jetonvoucher.provider.sandbox.SandboxSettingsLookup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox provider's outage setting, and its refusal of an operation id that belongs to another payment. */
class SandboxProviderFaultsTest {

    private static final Instant ACCEPTED = Instant.parse("2026-03-01T10:00:00.250Z");
    private static LocalResources aws;

    @BeforeAll
    static void deploy() {
        aws = LocalResources.deploy(SandboxProviderFaultsTest.class);
    }

    private static SandboxJetonProvider provider(
            MutableClock clock, List<String> notifications, SandboxSettings projectSettings) {
        return new SandboxJetonProvider(
                new DynamoVoucherLedger(aws.dynamoDb(), aws.table("VoucherLedgerTable")),
                (notification, delay) -> notifications.add(notification),
                "provider-key-for-faults-test-0123456789",
                SandboxSettingsLookup.always(projectSettings),
                clock);
    }

    private static ProviderRequest payout(long operationId, String paymentId) {
        return new ProviderRequest(
                new PaymentKey(60_001, paymentId),
                operationId,
                OperationType.PAYOUT,
                Money.ofMinor(1_500, "EUR"),
                null,
                true);
    }

    @Test
    void during_its_outage_the_provider_cannot_be_reached_and_afterwards_it_answers() {
        MutableClock clock = new MutableClock(ACCEPTED);
        List<String> notifications = new ArrayList<>();
        SandboxJetonProvider provider = provider(
                clock,
                notifications,
                new SandboxSettings(SandboxSettings.NotificationMode.NORMAL, Duration.ZERO, Duration.ofSeconds(30)));
        long operationId = ACCEPTED.toEpochMilli() * 1000 + 17;
        ProviderRequest request = payout(operationId, "outage-1");

        clock.advance(Duration.ofSeconds(29));
        assertThrows(ProviderUnavailableException.class, () -> provider.submit(request));
        assertTrue(notifications.isEmpty(), "nothing happened at the provider");
        clock.advance(Duration.ofSeconds(1));
        assertEquals("JV" + operationId, provider.submit(request));
        assertEquals(1, notifications.size());
    }

    @Test
    void an_operation_id_already_used_by_another_payment_is_refused_instead_of_answered_with_its_result() {
        MutableClock clock = new MutableClock(ACCEPTED);
        List<String> notifications = new ArrayList<>();
        SandboxJetonProvider provider = provider(clock, notifications, SandboxSettings.NORMAL);
        long sharedId = ACCEPTED.toEpochMilli() * 1000 + 42;
        provider.submit(payout(sharedId, "first-payment"));

        IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> provider.submit(payout(sharedId, "second-payment")));
        assertTrue(refused.getMessage().contains("already belongs to payment"), refused.getMessage());
        assertEquals(1, notifications.size(), "the second payment got neither the first one's result nor vouchers");
        assertEquals(
                "JV" + sharedId,
                provider.submit(payout(sharedId, "first-payment")),
                "the first payment's own submit stays idempotent");
    }
}
