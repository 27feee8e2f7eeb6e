package dev.jetonvoucher.functions.provideremulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.jetonvoucher.aws.UrlConnectionHttpPoster;
import dev.jetonvoucher.workflow.HttpPoster;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The emulator's IPN goes to the platform's notification route; only an answer the platform may change is retried. */
class ProviderEmulatorIpnHandlerTest {

    private static final URI TARGET = URI.create("http://127.0.0.1:3000/provider/jeton/notifications");

    @Test
    void an_ipn_the_platform_did_not_take_goes_back_to_the_queue_and_one_it_took_or_refused_for_good_does_not() {
        Map<String, Integer> answers = Map.of("taken", 200, "down", 503, "unreachable", 0, "refused", 401);
        List<String> posted = new ArrayList<>();
        HttpPoster platform = (url, body, timeout) -> {
            assertEquals(TARGET, url);
            posted.add(body);
            return new HttpPoster.Response(answers.get(body), null);
        };
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (String body : List.of("taken", "down", "unreachable", "refused")) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("id-" + body);
            message.setBody(body);
            messages.add(message);
        }
        event.setRecords(messages);

        SQSBatchResponse response = new ProviderEmulatorIpnHandler(platform, TARGET).handleRequest(event, null);

        assertEquals(List.of("taken", "down", "unreachable", "refused"), posted);
        assertEquals(
                List.of("id-down", "id-unreachable"),
                response.getBatchItemFailures().stream()
                        .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                        .toList());
    }

    /**
     * The SnapStart priming's IPN: posted through the handler with the JDK's client to the process's own loopback
     * answer, which takes it (200), never to the platform's notification route.
     */
    @Test
    void the_priming_ipn_is_posted_to_the_process_own_answer_and_taken() {
        List<URI> targets = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        HttpPoster jdk = new UrlConnectionHttpPoster();
        HttpPoster recording = (url, body, timeout) -> {
            targets.add(url);
            HttpPoster.Response response = jdk.postJson(url, body, timeout);
            statuses.add(response.status());
            return response;
        };

        ProviderEmulatorIpnHandler.primeDelivery(recording);

        assertEquals(List.of(200), statuses);
        assertEquals("127.0.0.1", targets.get(0).getHost());
        assertEquals("/priming", targets.get(0).getPath(), "the loopback answer, not the platform");
    }
}
