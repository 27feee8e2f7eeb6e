package dev.jetonvoucher.bench.probe;

import dev.jetonvoucher.aws.SqsSender;
import java.nio.charset.StandardCharsets;

/**
 * Meters the functions' SendMessage requests, which {@link SqsSender} makes without the SDK (so
 * {@link MeteringInterceptor} never sees them): one line per try, as SQS bills every request, in 64 KB chunks.
 * Registered through {@code META-INF/services} on the cost probe's class path only.
 */
public final class SqsSendMeter implements SqsSender.BeforeSend {

    @Override
    public void beforeSend(String queueUrl, String body, int delaySeconds) {
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
