package dev.jetonvoucher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetonvoucher.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Takes the messages the functions under test sent to one queue, so the orchestrator can feed each to the next
 * function as its event. Everything received is deleted from the queue and kept here until someone asks for it,
 * so the inputs of several measurement lanes can share the queue without stealing from each other.
 */
final class QueueMailbox {

    private static final ObjectMapper JSON = Json.mapper();

    private final SqsClient sqs;
    private final String queueUrl;
    private final List<String> received = new ArrayList<>();

    QueueMailbox(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** The first message whose JSON body matches; waits for it (messages may be delayed) up to the timeout. */
    String take(Predicate<JsonNode> match, Duration timeout, String what) {
        return takeBody(body -> match.test(parse(body)), timeout, what);
    }

    /** The message with exactly this body (a queue whose messages are plain text, such as an export job's id). */
    String take(String body, Duration timeout, String what) {
        return takeBody(body::equals, timeout, what);
    }

    private String takeBody(Predicate<String> match, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Iterator<String> it = received.iterator(); it.hasNext(); ) {
                String body = it.next();
                if (match.test(body)) {
                    it.remove();
                    return body;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + what + " arrived on " + queueUrl + " within " + timeout);
            }
            receiveBatch();
        }
    }

    static Predicate<JsonNode> forPayment(String paymentId) {
        return body -> paymentId.equals(body.path("payment_id").asText());
    }

    static Predicate<JsonNode> forPayment(String paymentId, String kind) {
        return body -> paymentId.equals(body.path("payment_id").asText())
                && kind.equals(body.path("kind").asText());
    }

    private void receiveBatch() {
        List<Message> messages = sqs.receiveMessage(request ->
                        request.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages();
        if (messages.isEmpty()) {
            return;
        }
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message message : messages) {
            received.add(message.body());
            done.add(DeleteMessageBatchRequestEntry.builder()
                    .id(message.messageId())
                    .receiptHandle(message.receiptHandle())
                    .build());
        }
        sqs.deleteMessageBatch(request -> request.queueUrl(queueUrl).entries(done));
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("a message that is not JSON: " + body, e);
        }
    }
}
