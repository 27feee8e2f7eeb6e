package dev.jetonvoucher.bench.probe;

import dev.jetonvoucher.aws.QueueSender;
import dev.jetonvoucher.sandbox.FunctionHost;
import java.nio.charset.StandardCharsets;

/**
 * Meters the functions' SendMessage requests, which their {@link QueueSender} ({@code SqsSender}) makes without the
 * SDK, so {@link MeteringInterceptor} never sees them: a wrapper of every hosted function's queue sender
 * ({@link FunctionHost#decorateQueueSenders}) writes one line per send, in 64 KB chunks as SQS bills them. A send the
 * sender tries again after a 5xx or a dropped connection is one line, not one per try (none happened in the
 * benchmark's runs on the local endpoint).
 */
final class SqsSendMeter {

    private SqsSendMeter() {}

    /**
     * Wraps the queue senders of the functions the sandbox hosts; false for a build whose sandbox has no such port (a
     * baseline whose functions still sent through the SDK's SQS client, which the interceptor meters).
     */
    static boolean install() {
        try {
            FunctionHost.decorateQueueSenders(SqsSendMeter::around);
            return true;
        } catch (LinkageError olderBuild) {
            return false;
        }
    }

    private static QueueSender around(QueueSender sender) {
        return (queueUrl, body, delaySeconds) -> {
            meter(queueUrl, body);
            sender.send(queueUrl, body, delaySeconds);
        };
    }

    private static void meter(String queueUrl, String body) {
        long bytes = body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
        long chunks = Math.max(1, (bytes + 65_535) / 65_536);
        CostMeter.line(
                "SQS",
                Thread.currentThread().getName(),
                "SendMessage",
                queueUrl.substring(queueUrl.lastIndexOf('/') + 1),
                Long.toString(chunks),
                "1",
                "0");
    }
}
