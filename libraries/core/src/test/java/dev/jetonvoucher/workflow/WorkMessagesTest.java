package dev.jetonvoucher.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.payment.PaymentKey;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WorkMessagesTest {

    static final PaymentKey KEY = new PaymentKey(239, "p-1");
    static final Instant DUE = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void every_message_survives_its_json_form() {
        WorkMessages.Dispatch dispatch = new WorkMessages.Dispatch(KEY, 42, "c2VhbGVk", 2);
        assertEquals(dispatch, WorkMessages.dispatch(WorkMessages.toJson(dispatch)));
        WorkMessages.Dispatch retried = new WorkMessages.Dispatch(KEY, 42, "c2VhbGVk", 0, 3);
        assertEquals(retried, WorkMessages.dispatch(WorkMessages.toJson(retried)));
        WorkMessages.Poll poll = new WorkMessages.Poll(KEY, 42, 3, DUE);
        assertEquals(poll, WorkMessages.poll(WorkMessages.toJson(poll)));
        WorkMessages.Callback callback = new WorkMessages.Callback(KEY, 42, 7, DUE, DUE.plusSeconds(10), "{\"a\":1}");
        assertEquals(callback, WorkMessages.callback(WorkMessages.toJson(callback)));
        WorkMessages.Callback sealed =
                new WorkMessages.Callback(KEY, 42, 2, DUE, DUE.plusSeconds(10), "c2VhbGVk", true);
        assertEquals(sealed, WorkMessages.callback(WorkMessages.toJson(sealed)));
    }

    @Test
    void a_sealed_callback_carries_only_its_sealed_body_and_one_queued_before_sealing_is_still_read() {
        String json = WorkMessages.toJson(new WorkMessages.Callback(KEY, 42, 1, null, DUE, "c2VhbGVk", true));
        assertTrue(json.contains("\"sealed_body\":\"c2VhbGVk\""), json);
        assertFalse(json.contains("\"body\""), json);

        WorkMessages.Callback old = WorkMessages.callback("{\"kind\":\"callback\",\"project_id\":239,"
                + "\"payment_id\":\"p-1\",\"operation_id\":42,\"attempt\":3,\"due_at\":\"" + DUE
                + "\",\"body\":\"{}\"}");
        assertEquals(new WorkMessages.Callback(KEY, 42, 3, null, DUE, "{}", false), old);
        assertEquals(
                new WorkMessages.Callback(KEY, 42, 4, DUE, DUE.plusSeconds(60), "{}", false),
                old.nextTry(DUE, DUE.plusSeconds(60)));
    }

    @Test
    void malformed_and_mismatched_messages_are_refused() {
        assertThrows(WorkMessages.MalformedMessageException.class, () -> WorkMessages.poll("not json"));
        assertThrows(
                WorkMessages.MalformedMessageException.class,
                () -> WorkMessages.poll(WorkMessages.toJson(new WorkMessages.Dispatch(KEY, 1, null, 0))));
        assertThrows(
                WorkMessages.MalformedMessageException.class,
                () -> WorkMessages.poll(
                        "{\"kind\":\"poll\",\"project_id\":239,\"payment_id\":\"p\",\"operation_id\":1,\"due_at\":\"soon\"}"));
        assertThrows(
                WorkMessages.MalformedMessageException.class,
                () -> WorkMessages.callback(
                        "{\"kind\":\"callback\",\"project_id\":239,\"payment_id\":\"p\",\"operation_id\":1}"));
    }
}
