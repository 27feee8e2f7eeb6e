package dev.jetonvoucher.workflow;

import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.payment.CallbackAttempt;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.ProjectDirectory;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Delivers signed result callbacks. A callback counts as delivered only on HTTP 200 within the timeout;
 * otherwise the next try is queued on ECommPay's schedule before this one is recorded, so a crash can
 * repeat a try but never lose the callback. Each try is claimed by number first: a duplicated message
 * finds its try taken and does nothing. When the tries are used up the callback goes to the dead-letter
 * queue. Every try is recorded (time, HTTP status, latency). The body stays sealed in every queue (retries and
 * the dead-letter queue included) and is opened only to be posted; a body that does not open for its payment and
 * operation is refused as malformed, before any try is claimed, and never posted.
 */
public final class CallbackDelivery {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final PaymentStore payments;
    private final ProjectDirectory projects;
    private final HttpPoster http;
    private final WorkQueues queues;
    private final Clock clock;
    private final VoucherTransitCipher cipher;

    public CallbackDelivery(
            PaymentStore payments,
            ProjectDirectory projects,
            HttpPoster http,
            WorkQueues queues,
            VoucherTransitCipher cipher,
            Clock clock) {
        this.cipher = cipher;
        this.payments = payments;
        this.projects = projects;
        this.http = http;
        this.queues = queues;
        this.clock = clock;
    }

    /**
     * A duplicate of a try whose claim failed. If the try is recorded (or the callback delivered), the duplicate is
     * done. If it is claimed but not recorded, its claimer is still posting or crashed: deleting this copy could lose
     * the callback (SQS deletes every copy of a message), so it comes back after the visibility timeout, when a
     * crashed claim has gone stale and can be taken again.
     */
    private MessageOutcome tryTakenElsewhere(WorkMessages.Callback message) {
        Optional<Payment> now = payments.find(message.key());
        boolean claimedNotRecorded = now.isPresent()
                && now.get().callbackState() != CallbackState.DELIVERED
                && now.get().callbackAttempts() == message.attempt()
                && payments.callbackAttempts(message.key()).stream().noneMatch(a -> a.number() >= message.attempt());
        return claimedNotRecorded ? MessageOutcome.RETRY : MessageOutcome.DONE;
    }

    /**
     * Where a payment's callbacks go: its own URL ({@code general.merchant_callback_url} of its request) wins over the
     * project's callback URL; empty when neither is set. Read at every try, so the retries go where the first did.
     */
    public static Optional<URI> destination(Payment payment, Optional<Project> project) {
        return Optional.ofNullable(payment.callbackUrl()).or(() -> project.flatMap(Project::callbackUrl));
    }

    /** @throws WorkMessages.MalformedMessageException when a sealed body does not open for its payment and operation */
    private String openBody(WorkMessages.Callback message) {
        if (!message.sealed()) {
            return message.body();
        }
        try {
            return cipher.openCallbackBody(message.body(), message.key(), message.operationId());
        } catch (IllegalArgumentException e) {
            throw new WorkMessages.MalformedMessageException(e.getMessage());
        }
    }

    public MessageOutcome handle(WorkMessages.Callback message) {
        Instant now = clock.instant();
        if (now.isBefore(message.dueAt())) {
            queues.callback(message, WorkQueues.capped(Duration.between(now, message.dueAt())));
            return MessageOutcome.DONE;
        }
        Optional<Payment> payment = payments.find(message.key());
        if (payment.isEmpty() || payment.get().operationId() != message.operationId()) {
            Log.warn("callback.unknown_payment", "payment", message.key(), "operation", message.operationId());
            return MessageOutcome.DONE;
        }
        if (payment.get().callbackState() == CallbackState.DELIVERED) {
            return MessageOutcome.DONE;
        }
        Optional<URI> url =
                destination(payment.get(), projects.find(message.key().projectId()));
        if (url.isEmpty()) {
            payments.moveCallbackState(message.key(), CallbackState.QUEUED, CallbackState.NOT_CONFIGURED);
            return MessageOutcome.DONE;
        }
        String body = openBody(message);
        if (!payments.claimCallbackAttempt(message.key(), message.attempt())) {
            return tryTakenElsewhere(message);
        }
        Instant started = clock.instant();
        long startedNanos = System.nanoTime();
        HttpPoster.Response response = http.postJson(url.get(), body, TIMEOUT);
        Duration latency = Duration.ofNanos(System.nanoTime() - startedNanos);
        CallbackAttempt attempt =
                new CallbackAttempt(message.attempt(), started, response.status(), latency, response.error());
        Instant firstTriedAt = message.firstTriedAt() != null ? message.firstTriedAt() : started;
        if (attempt.delivered()) {
            payments.recordCallbackAttempt(message.key(), attempt, Optional.of(CallbackState.DELIVERED));
            Log.info(
                    "callback.delivered",
                    "payment",
                    message.key(),
                    "attempt",
                    message.attempt(),
                    "latency_ms",
                    latency.toMillis());
            return MessageOutcome.DONE;
        }
        Optional<Instant> next = CallbackSchedule.nextAttemptAt(message.attempt() + 1, firstTriedAt, clock.instant());
        if (next.isPresent()) {
            WorkMessages.Callback retry = message.nextTry(firstTriedAt, next.get());
            queues.callback(retry, WorkQueues.capped(Duration.between(clock.instant(), next.get())));
            payments.recordCallbackAttempt(message.key(), attempt, Optional.empty());
        } else {
            queues.callbackDeadLetter(message);
            payments.recordCallbackAttempt(message.key(), attempt, Optional.of(CallbackState.FAILED));
        }
        Log.warn(
                "callback.failed_attempt",
                "payment",
                message.key(),
                "attempt",
                message.attempt(),
                "http_status",
                response.status(),
                "error",
                response.error(),
                "retry",
                next.isPresent());
        return MessageOutcome.DONE;
    }
}
