package dev.jetonvoucher.functions.provideremulator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.jetonvoucher.aws.lambda.Priming;
import dev.jetonvoucher.aws.lambda.QueueFunction;
import dev.jetonvoucher.aws.lambda.SqsBatch;
import dev.jetonvoucher.aws.lambda.Wiring;
import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.workflow.HttpPoster;
import dev.jetonvoucher.workflow.MessageOutcome;
import java.net.URI;
import java.time.Duration;

/**
 * Sends the emulator service's IPNs (its signed result notifications, queued on ProviderEmulatorIpnQueue with the
 * project's provider delay) to the platform's {@code POST /provider/jeton/notifications}, as Jeton posts its IPN. An
 * IPN the platform does not answer 200 (or 401/404: it refused it for good) goes back to the queue and is tried again
 * after the queue's visibility timeout, up to 5 times in all (the queue's maxReceiveCount), then the DLQ. The platform
 * also pulls the status itself, so a lost IPN delays a result, never loses it.
 */
public final class ProviderEmulatorIpnHandler extends QueueFunction {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpPoster http;
    private final URI target;

    public ProviderEmulatorIpnHandler() {
        this(Wiring.fromEnvironment());
    }

    /**
     * In the sandbox: a function's own wiring. Its SnapStart priming posts one IPN through this handler's path to a
     * one-shot answer of this process on the loopback address ({@link Priming#postAnsweredInProcess}), never to the
     * platform: the JDK's HTTP client is loaded and linked, and nothing is sent anywhere.
     */
    public ProviderEmulatorIpnHandler(Wiring wiring) {
        this(wiring.httpPoster(), wiring.providerNotificationUrl());
        wiring.primeAlso("ipn post, answered in the process", () -> primeDelivery(http));
    }

    /** One IPN delivered through a handler whose target is the loopback answer; it must be taken as delivered. */
    static void primeDelivery(HttpPoster http) {
        Priming.postAnsweredInProcess(loopback -> {
            SQSBatchResponse answer = new ProviderEmulatorIpnHandler(http, loopback)
                    .handleRequest(Priming.sqsEvent("{\"priming\":true}"), null);
            Priming.expect(answer.getBatchItemFailures().isEmpty(), "the priming IPN was not taken as delivered");
        });
    }

    ProviderEmulatorIpnHandler(HttpPoster http, URI target) {
        this.http = http;
        this.target = target;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process("provider-emulator-ipn", event, this::deliver);
    }

    private MessageOutcome deliver(String notification) {
        HttpPoster.Response response = http.postJson(target, notification, TIMEOUT);
        if (response.status() == 200) {
            return MessageOutcome.DONE;
        }
        if (response.status() == 401 || response.status() == 404) {
            Log.warn("provider_emulator.ipn_refused", "status", response.status());
            return MessageOutcome.DONE;
        }
        Log.warn("provider_emulator.ipn_retry", "status", response.status());
        return MessageOutcome.RETRY;
    }
}
