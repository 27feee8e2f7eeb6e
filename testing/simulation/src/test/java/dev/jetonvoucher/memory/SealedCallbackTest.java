package dev.jetonvoucher.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.contract.TestPayments;
import dev.jetonvoucher.memory.InMemoryHttpPoster.Merchant;
import dev.jetonvoucher.memory.InMemoryWorkQueues.Queue;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.project.InMemoryProjectDirectory;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.SandboxSettings;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import dev.jetonvoucher.workflow.CallbackDelivery;
import dev.jetonvoucher.workflow.CallbackSchedule;
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
import org.junit.jupiter.api.Test;

/**
 * A callback's signed body (for a payout: every voucher's number and security code) is sealed in the callback queue,
 * in every retry and in the dead-letter queue, and opened only to be posted to the merchant.
 */
class SealedCallbackTest {

    private static final String SECURITY_CODE = "8317";

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
    private final InMemoryProjectDirectory projects = new InMemoryProjectDirectory(List.of(project));
    private final VoucherTransitCipher cipher = new VoucherTransitCipher(VoucherTransitCipher.newKey());
    private final CallbackDelivery delivery = new CallbackDelivery(store, projects, http, queues, cipher, clock);
    private final Finalizer finalizer = new Finalizer(store, projects, null, queues, cipher, clock);

    private Payment queuedSale() {
        Payment sale = TestPayments.sale(TestPayments.newKey(project.projectId()), 2_500, "4619123456789012345");
        store.create(sale);
        store.finish(sale, TestPayments.succeeded(sale, List.of()));
        store.moveCallbackState(sale.key(), CallbackState.PENDING, CallbackState.QUEUED);
        return store.find(sale.key()).orElseThrow();
    }

    private static String payoutBody() {
        return "{\"vouchers\":[{\"voucherNumber\":\"4619000011112222333\",\"securityCode\":\"" + SECURITY_CODE
                + "\"}],\"signature\":\"s\"}";
    }

    private WorkMessages.Callback queuedTry(int attempt) {
        return queues.messages(Queue.CALLBACK).stream()
                .map(message -> WorkMessages.callback(message.body()))
                .filter(callback -> callback.attempt() == attempt)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void the_finalizer_queues_the_body_sealed_and_the_delivery_posts_it_opened() {
        Payment sale = TestPayments.sale(TestPayments.newKey(project.projectId()), 2_500, "4619123456789012345");
        store.create(sale);
        assertEquals(Finalizer.Outcome.FINISHED, finalizer.decline(sale, ResultCode.TIME_OUT, "limit time"));
        String queued = queues.messages(Queue.CALLBACK).get(0).body();
        assertTrue(queued.contains("\"sealed_body\""), queued);
        assertFalse(queued.contains("\"body\""), "no body in clear: " + queued);
        assertFalse(queued.contains("signature"), "the signed document is inside the seal: " + queued);
        http.route(merchant, Merchant.answering(200));

        WorkMessages.Callback message = queuedTry(1);
        assertEquals(MessageOutcome.DONE, delivery.handle(message));

        String posted = http.received(merchant).get(0);
        assertEquals(cipher.openCallbackBody(message.body(), sale.key(), sale.operationId()), posted);
        assertTrue(posted.contains(sale.key().paymentId()) && posted.contains("signature"), posted);
    }

    @Test
    void retries_and_the_dead_letter_queue_keep_the_body_sealed_while_every_try_posts_it_opened() {
        Payment sale = queuedSale();
        http.route(merchant, Merchant.answering(500));
        queues.callback(
                new WorkMessages.Callback(
                        sale.key(),
                        sale.operationId(),
                        1,
                        null,
                        clock.instant(),
                        cipher.sealCallbackBody(payoutBody(), sale.key(), sale.operationId()),
                        true),
                Duration.ZERO);

        // Every try fails until the schedule is used up; each round takes the newest message at its due time.
        long handled = -1;
        for (int round = 0; round <= CallbackSchedule.MAX_ATTEMPTS; round++) {
            List<InMemoryWorkQueues.Message> inQueue = queues.messages(Queue.CALLBACK);
            InMemoryWorkQueues.Message newest = inQueue.get(inQueue.size() - 1);
            if (newest.id() == handled) {
                break;
            }
            handled = newest.id();
            WorkMessages.Callback due = WorkMessages.callback(newest.body());
            if (due.dueAt().isAfter(clock.instant())) {
                clock.advance(Duration.between(clock.instant(), due.dueAt()));
            }
            delivery.handle(due);
        }

        assertEquals(CallbackState.FAILED, store.find(sale.key()).orElseThrow().callbackState());
        List<String> posted = http.received(merchant);
        assertTrue(posted.size() > 1, "retried: " + posted.size());
        assertTrue(posted.stream().allMatch(payoutBody()::equals), "every try posts the opened body");
        List<String> stored = new java.util.ArrayList<>(queues.deadLetters(Queue.CALLBACK));
        assertEquals(1, stored.size(), "the exhausted callback is dead-lettered");
        queues.messages(Queue.CALLBACK).forEach(m -> stored.add(m.body()));
        for (String body : stored) {
            assertFalse(body.contains(SECURITY_CODE) || body.contains("4619000011112222333"), body);
            assertTrue(WorkMessages.callback(body).sealed(), body);
        }
        WorkMessages.Callback deadLetter =
                WorkMessages.callback(queues.deadLetters(Queue.CALLBACK).get(0));
        assertEquals(
                payoutBody(),
                cipher.openCallbackBody(deadLetter.body(), sale.key(), sale.operationId()),
                "an operator's replay (the message moved back to the callback queue) is opened by the worker");
    }

    @Test
    void a_body_sealed_for_another_payment_tampered_or_under_another_key_is_refused_and_never_posted() {
        Payment sale = queuedSale();
        Payment other = queuedSale();
        http.route(merchant, Merchant.answering(200));
        String sealed = cipher.sealCallbackBody(payoutBody(), sale.key(), sale.operationId());
        char last = sealed.charAt(sealed.length() - 3);
        String tampered = sealed.substring(0, sealed.length() - 3)
                + (last == 'A' ? 'B' : 'A')
                + sealed.substring(sealed.length() - 2);
        String otherKey = new VoucherTransitCipher(VoucherTransitCipher.newKey())
                .sealCallbackBody(payoutBody(), sale.key(), sale.operationId());

        for (WorkMessages.Callback refused : List.of(
                new WorkMessages.Callback(other.key(), other.operationId(), 1, null, clock.instant(), sealed, true),
                new WorkMessages.Callback(sale.key(), sale.operationId(), 1, null, clock.instant(), tampered, true),
                new WorkMessages.Callback(sale.key(), sale.operationId(), 1, null, clock.instant(), otherKey, true))) {
            // Thrown, the message is not deleted: SQS redrives it to the dead-letter queue after its receives.
            assertThrows(WorkMessages.MalformedMessageException.class, () -> delivery.handle(refused));
        }

        assertEquals(List.of(), http.received(merchant));
        assertEquals(List.of(), store.callbackAttempts(sale.key()), "no try was claimed or spent");
        assertEquals(CallbackState.QUEUED, store.find(sale.key()).orElseThrow().callbackState());
    }

    @Test
    void a_callback_queued_before_sealing_with_its_body_in_clear_is_still_delivered() {
        Payment sale = queuedSale();
        http.route(merchant, Merchant.answering(200));
        String old = "{\"kind\":\"callback\",\"project_id\":7,\"payment_id\":\""
                + sale.key().paymentId()
                + "\",\"operation_id\":" + sale.operationId() + ",\"attempt\":1,\"due_at\":\"" + clock.instant()
                + "\",\"body\":\"{\\\"legacy\\\":true}\"}";

        assertEquals(MessageOutcome.DONE, delivery.handle(WorkMessages.callback(old)));

        assertEquals(List.of("{\"legacy\":true}"), http.received(merchant));
        assertEquals(
                CallbackState.DELIVERED, store.find(sale.key()).orElseThrow().callbackState());
    }
}
