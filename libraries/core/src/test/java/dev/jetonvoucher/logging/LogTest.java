package dev.jetonvoucher.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetonvoucher.model.VoucherNumbers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The deployed log line: JSON with the invocation's function, Lambda request id and cold-start flag. */
class LogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    @AfterEach
    void restoreStandardOutput() {
        Log.configure(System.out, false);
    }

    private List<String> lines() {
        return written.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private JsonNode onlyJsonLine() throws Exception {
        List<String> lines = lines();
        assertEquals(1, lines.size(), lines::toString);
        return JSON.readTree(lines.get(0));
    }

    private void writeTo(boolean asJson) {
        Log.configure(new PrintStream(written, true, StandardCharsets.UTF_8), asJson);
    }

    @Test
    void a_line_during_an_invocation_carries_its_function_request_id_and_cold_start() throws Exception {
        writeTo(true);
        try (Log.Scope ignored = Log.invocation("0f6e1c1e-req", "jeton-GateSaleFunction-AbC", true)) {
            Log.info("sale.accepted", "payment", "239/order-17", "voucher", VoucherNumbers.mask("4619000000000000017"));
        }

        JsonNode line = onlyJsonLine();
        assertEquals("INFO", line.get("level").asText());
        assertEquals("sale.accepted", line.get("event").asText());
        assertEquals("jeton-GateSaleFunction-AbC", line.get("function").asText());
        assertEquals("0f6e1c1e-req", line.get("aws_request_id").asText());
        assertTrue(line.get("cold_start").isBoolean());
        assertTrue(line.get("cold_start").booleanValue());
        assertEquals("239/order-17", line.get("payment").asText());
        assertEquals(
                "***************0017", line.get("voucher").asText(), "values are written as the caller masked them");
    }

    @Test
    void a_warm_invocation_says_so() throws Exception {
        writeTo(true);
        try (Log.Scope ignored = Log.invocation("req-2", "fn", false)) {
            Log.warn("callback.retry", "attempt", 2);
        }

        JsonNode line = onlyJsonLine();
        assertFalse(line.get("cold_start").booleanValue());
        assertEquals("2", line.get("attempt").asText());
    }

    @Test
    void the_gates_request_id_stays_beside_lambdas_request_id() throws Exception {
        writeTo(true);
        try (Log.Scope ignored = Log.invocation("lambda-req", "fn", false)) {
            Log.info("payment_page.accepted", "request_id", "gate-req");
        }

        JsonNode line = onlyJsonLine();
        assertEquals("lambda-req", line.get("aws_request_id").asText());
        assertEquals("gate-req", line.get("request_id").asText());
    }

    @Test
    void an_error_line_carries_the_invocation_and_the_errors_class_and_message() throws Exception {
        writeTo(true);
        try (Log.Scope ignored = Log.invocation("req-3", "fn", false)) {
            Log.error("dispatch.failed", new IllegalStateException("provider unavailable"), "payment", "239/p");
        }

        JsonNode line = onlyJsonLine();
        assertEquals("ERROR", line.get("level").asText());
        assertEquals("req-3", line.get("aws_request_id").asText());
        assertEquals(
                "java.lang.IllegalStateException: provider unavailable",
                line.get("error").asText());
    }

    @Test
    void a_line_after_the_invocation_ended_carries_no_request_id() throws Exception {
        writeTo(true);
        try (Log.Scope ignored = Log.invocation("req-4", "fn", true)) {
            // nothing logged during it
        }
        Log.info("snapstart.primed", "steps", 9);

        JsonNode line = onlyJsonLine();
        assertFalse(line.has("aws_request_id"), line::toString);
        assertFalse(line.has("cold_start"), line::toString);
    }

    @Test
    void an_invocation_on_one_thread_does_not_label_another_threads_lines() throws Exception {
        writeTo(true);
        try (Log.Scope ignored = Log.invocation("req-5", "fn", true)) {
            Thread other = new Thread(() -> Log.info("other.work"));
            other.start();
            other.join();
        }

        JsonNode line = onlyJsonLine();
        assertEquals("other.work", line.get("event").asText());
        assertFalse(line.has("aws_request_id"), line::toString);
    }

    @Test
    void a_missing_context_leaves_its_fields_out_but_keeps_the_cold_start_flag() throws Exception {
        writeTo(true);
        try (Log.Scope ignored = Log.invocation(null, null, true)) {
            Log.info("event");
        }

        JsonNode line = onlyJsonLine();
        assertFalse(line.has("aws_request_id"), line::toString);
        assertTrue(line.get("cold_start").booleanValue());
    }

    @Test
    void a_terminal_line_stays_short_key_equals_value() {
        writeTo(false);
        try (Log.Scope ignored = Log.invocation("req-6", "fn", true)) {
            Log.info("sale.accepted", "payment", "239/order-17");
        }

        assertEquals(List.of("INFO sale.accepted payment=239/order-17"), lines());
    }
}
