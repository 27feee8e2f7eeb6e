package dev.jetonvoucher.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.contract.TestPayments;
import dev.jetonvoucher.memory.InMemoryHttpPoster.Merchant;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.payment.CallbackAttempt;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.project.InMemoryProjectDirectory;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.SandboxSettings;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import dev.jetonvoucher.workflow.CallbackDelivery;
import dev.jetonvoucher.workflow.MessageOutcome;
import dev.jetonvoucher.workflow.WorkMessages;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * SQS may hand one callback message to two workers; deleting it through either deletes it for both. The schedule
 * the lifecycle simulation found (seed 2): one copy claims try 30 and crashes before posting, the other copy finds
 * the try claimed. Deleting that copy lost the callback for good; it must come back until the crashed claim is stale.
 */
class CallbackDeliveryDuplicateTest {

    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryPaymentStore store = new InMemoryPaymentStore(clock);
    private final InMemoryWorkQueues queues = new InMemoryWorkQueues(clock);
    private final InMemoryHttpPoster http = new InMemoryHttpPoster(clock);
    private final URI merchant = URI.create("https://merchant.example/callbacks");
    private final Project project = new Project(
            7,
            "secret-7",
            Optional.of(merchant),
            true,
            Set.of(CurrencyUnit.of("EUR")),
            Duration.ofSeconds(10),
            Duration.ofSeconds(60),
            Map.of(),
            SandboxSettings.NORMAL);
    private final CallbackDelivery delivery = new CallbackDelivery(
            store,
            new InMemoryProjectDirectory(List.of(project)),
            http,
            queues,
            new VoucherTransitCipher(VoucherTransitCipher.newKey()),
            clock);

    private WorkMessages.Callback queuedCallback() {
        Payment sale = TestPayments.sale(TestPayments.newKey(project.projectId()), 2_500, "4619123456789012345");
        store.create(sale);
        store.finish(sale, TestPayments.succeeded(sale, List.of()));
        store.moveCallbackState(sale.key(), CallbackState.PENDING, CallbackState.QUEUED);
        http.route(merchant, Merchant.answering(200));
        return new WorkMessages.Callback(sale.key(), sale.operationId(), 1, null, clock.instant(), "{\"callback\":1}");
    }

    @Test
    void a_copy_of_a_try_whose_claimer_crashed_comes_back_and_delivers_once_the_claim_is_stale() {
        WorkMessages.Callback message = queuedCallback();
        assertTrue(store.claimCallbackAttempt(message.key(), 1), "the other copy claimed the try, then crashed");

        assertEquals(MessageOutcome.RETRY, delivery.handle(message), "kept: it is the callback's only message");
        assertEquals(List.of(), http.received(merchant));

        clock.advance(InMemoryWorkQueues.Queue.CALLBACK.visibilityTimeout());
        assertEquals(MessageOutcome.DONE, delivery.handle(message));
        assertEquals(List.of("{\"callback\":1}"), http.received(merchant));
        assertEquals(
                CallbackState.DELIVERED, store.find(message.key()).orElseThrow().callbackState());
    }

    @Test
    void a_copy_of_a_recorded_try_is_done_without_posting_again() {
        WorkMessages.Callback message = queuedCallback();
        assertTrue(store.claimCallbackAttempt(message.key(), 1));
        store.recordCallbackAttempt(
                message.key(),
                new CallbackAttempt(1, clock.instant(), 500, Duration.ofMillis(3), null),
                Optional.empty());

        assertEquals(MessageOutcome.DONE, delivery.handle(message));
        assertEquals(List.of(), http.received(merchant));
    }
}
