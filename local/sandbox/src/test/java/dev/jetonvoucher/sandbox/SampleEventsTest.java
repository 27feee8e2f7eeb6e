package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The placeholders' edges; {@link InvokeTest} fills in every kind of them on the template's resources. */
class SampleEventsTest {

    private final SampleEvents events = new SampleEvents(null, null, null, Map.of(), null, Clock.systemUTC());

    @Test
    void an_event_without_placeholders_goes_to_its_function_byte_for_byte() {
        byte[] event = "{\"version\": \"2.0\",   \"routeKey\": \"GET /health\"}".getBytes(StandardCharsets.UTF_8);

        assertSame(event, events.resolve(event));
    }

    @Test
    void an_unknown_placeholder_is_refused_by_its_name() {
        byte[] event =
                "{\"Records\": [{\"body\": \"{{operation-id:EVENT-SALE-0001}}\"}]}".getBytes(StandardCharsets.UTF_8);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> events.resolve(event));
        assertTrue(refused.getMessage().contains("{{operation-id:EVENT-SALE-0001}}"), refused.getMessage());
    }

    @Test
    void a_signature_placeholder_without_the_runs_key_is_refused() {
        byte[] event =
                "{\"Records\": [{\"body\": \"{\\\"status\\\": \\\"success\\\", \\\"signature\\\": \\\"{{provider_signature}}\\\"}\"}]}"
                        .getBytes(StandardCharsets.UTF_8);

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> events.resolve(event));
        assertTrue(refused.getMessage().contains("ProviderSigningKey"), refused.getMessage());
    }
}
