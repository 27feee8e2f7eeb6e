package dev.jetonvoucher.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jetonvoucher.contract.TestPayments;
import dev.jetonvoucher.memory.InMemoryHttpPoster.Merchant;
import dev.jetonvoucher.memory.InMemoryWorkQueues.Queue;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.payment.CallbackAttempt;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.project.InMemoryProjectDirectory;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.SandboxSettings;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import dev.jetonvoucher.workflow.CallbackDelivery;
import dev.jetonvoucher.workflow.Finalizer;
import dev.jetonvoucher.workflow.MessageOutcome;
import dev.jetonvoucher.workflow.WorkMessages;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A Gate request's {@code general.merchant_callback_url}: the payment's callbacks go there instead of the project's
 * callback URL, every try of them, on the same schedule.
 */
class PaymentCallbackUrlTest {

    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryPaymentStore store = new InMemoryPaymentStore(clock);
    private final InMemoryWorkQueues queues = new InMemoryWorkQueues(clock);
    private final InMemoryHttpPoster http = new InMemoryHttpPoster(clock);
    private final URI projectUrl = URI.create("https://merchant.example/callbacks");
    private final URI ownUrl = URI.create("https://shop.example/orders/17/callback");
    private final Project withUrl = project(7, Optional.of(projectUrl));
    private final Project withoutUrl = project(8, Optional.empty());
    private final InMemoryProjectDirectory projects = new InMemoryProjectDirectory(List.of(withUrl, withoutUrl));
    private final VoucherTransitCipher cipher = new VoucherTransitCipher(VoucherTransitCipher.newKey());
    private final CallbackDelivery delivery = new CallbackDelivery(store, projects, http, queues, cipher, clock);
    // A decline on the platform's own account (here the limit time's 20602) never asks the provider.
    private final Finalizer finalizer = new Finalizer(store, projects, null, queues, cipher, clock);

    private static Project project(long id, Optional<URI> callbackUrl) {
        return new Project(
                id,
                "secret-" + id,
                callbackUrl,
                true,
                Set.of(CurrencyUnit.of("EUR")),
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                Map.of(),
                SandboxSettings.NORMAL);
    }

    /** A sale of the project, accepted with this callback URL of its own (null for none), then declined. */
    private Payment declinedSale(Project project, URI ownCallbackUrl) {
        Payment sale =
                TestPayments.sale(TestPayments.newKey(project.projectId()), 2_500, "4619123456789012345").toBuilder()
                        .callbackUrl(ownCallbackUrl)
                        .build();
        store.create(sale);
        assertEquals(Finalizer.Outcome.FINISHED, finalizer.decline(sale, ResultCode.TIME_OUT, "limit time"));
        return store.find(sale.key()).orElseThrow();
    }

    private WorkMessages.Callback queuedTry(int attempt) {
        return queues.messages(Queue.CALLBACK).stream()
                .map(message -> WorkMessages.callback(message.body()))
                .filter(callback -> callback.attempt() == attempt)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void the_payments_own_url_wins_over_the_projects() {
        Payment payment = declinedSale(withUrl, ownUrl);
        http.route(ownUrl, Merchant.answering(200));
        http.route(projectUrl, Merchant.answering(200));

        assertEquals(MessageOutcome.DONE, delivery.handle(queuedTry(1)));

        assertEquals(1, http.received(ownUrl).size());
        assertEquals(List.of(), http.received(projectUrl));
        assertEquals(
                CallbackState.DELIVERED, store.find(payment.key()).orElseThrow().callbackState());
    }

    @Test
    void a_project_without_a_callback_url_still_sends_a_payment_with_its_own() {
        Payment payment = declinedSale(withoutUrl, ownUrl);
        assertEquals(CallbackState.QUEUED, payment.callbackState(), "not NOT_CONFIGURED: the payment has a URL");
        http.route(ownUrl, Merchant.answering(200));

        delivery.handle(queuedTry(1));

        assertEquals(1, http.received(ownUrl).size());
        assertEquals(
                CallbackState.DELIVERED, store.find(payment.key()).orElseThrow().callbackState());
    }

    @Test
    void a_failed_try_is_retried_at_the_payments_own_url_on_the_same_schedule() {
        Payment payment = declinedSale(withUrl, ownUrl);
        AtomicInteger tries = new AtomicInteger();
        http.route(ownUrl, (body, now) -> tries.incrementAndGet() == 1 ? 500 : 200);
        http.route(projectUrl, Merchant.answering(200));

        delivery.handle(queuedTry(1));
        WorkMessages.Callback retry = queuedTry(2);
        assertEquals(clock.instant().plusSeconds(10), retry.dueAt(), "ECommPay's schedule: the next try 10 s later");
        clock.advance(Duration.ofSeconds(10));
        delivery.handle(retry);

        assertEquals(2, http.received(ownUrl).size(), "both tries went to the payment's own URL");
        assertEquals(List.of(), http.received(projectUrl));
        List<CallbackAttempt> attempts = store.callbackAttempts(payment.key());
        assertEquals(
                List.of(500, 200),
                attempts.stream().map(CallbackAttempt::httpStatus).toList());
        assertEquals(
                CallbackState.DELIVERED, store.find(payment.key()).orElseThrow().callbackState());
    }

    @Test
    void without_its_own_url_a_payment_uses_the_projects_and_without_either_none() {
        Payment plain = TestPayments.sale(TestPayments.newKey(7), 2_500, "4619123456789012345");
        assertEquals(Optional.of(projectUrl), CallbackDelivery.destination(plain, Optional.of(withUrl)));
        assertEquals(Optional.empty(), CallbackDelivery.destination(plain, Optional.of(withoutUrl)));
        assertEquals(
                Optional.of(ownUrl),
                CallbackDelivery.destination(
                        plain.toBuilder().callbackUrl(ownUrl).build(), Optional.of(withUrl)));

        Payment payment = declinedSale(withoutUrl, null);
        assertEquals(CallbackState.NOT_CONFIGURED, payment.callbackState());
    }
}
