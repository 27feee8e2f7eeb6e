package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetonvoucher.fixtures.GateClient;
import dev.jetonvoucher.logging.Log;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Voucher security codes are like card CVVs and secrets are secrets: after sales (Gate, with codes the
 * customer typed) and payouts (whose callbacks carry the issued vouchers' codes), no table item and no log
 * line holds a security code, a project secret or a platform key.
 */
class SecretsNeverStoredOrLoggedTest {

    static final long PROJECT = 4001;
    static final String SECRET = "secret-4001-very-distinct";
    static final String VOUCHER = "4619000000000000017";

    @Test
    void security_codes_and_secrets_appear_in_no_table_item_and_no_log_line() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        PrintStream tee = new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8);
        System.setOut(tee);
        Log.configure(tee, false);
        List<String> codes = new ArrayList<>(List.of("7391", "5820"));
        try (SandboxHarness sandbox = new SandboxHarness(
                SandboxHarness.project(PROJECT, SECRET, false),
                SandboxHarness.project(PROJECT + 1, SECRET + "-test", true))) {
            GateClient live = sandbox.client(PROJECT, SECRET);
            GateClient test = sandbox.client(PROJECT + 1, SECRET + "-test");
            assertEquals(
                    200,
                    test.sale("scan-sale", 1000, "EUR", VOUCHER, "12/2030", "7391")
                            .status());
            assertEquals(
                    200,
                    live.sale("scan-unknown-voucher", 1000, "EUR", VOUCHER, "12/2030", "5820")
                            .status());
            assertEquals(200, live.payout("scan-payout", 125_000, "EUR").status());
            JsonNode payout = sandbox.merchant.awaitCallback("scan-payout", Duration.ofSeconds(30));
            sandbox.merchant.awaitCallback("scan-sale", Duration.ofSeconds(30));
            sandbox.merchant.awaitCallback("scan-unknown-voucher", Duration.ofSeconds(30));
            for (JsonNode voucher : payout.path("provider_extra_fields").path("vouchers")) {
                codes.add(voucher.path("securityCode").asText());
            }
            assertEquals(5, codes.size(), "three issued vouchers and two typed codes");

            List<String> findings = new ArrayList<>();
            for (String table : sandbox.runtime.resources().tableNames().values()) {
                for (Map<String, AttributeValue> item : sandbox.endpoint
                        .dynamoDb()
                        .scan(r -> r.tableName(table))
                        .items()) {
                    item.forEach((name, value) -> {
                        String text = flatten(value);
                        if (name.toLowerCase().contains("security") && !name.equals("code_hash")) {
                            findings.add(table + " has an attribute " + name);
                        }
                        for (String code : codes) {
                            if (text.equals(code)
                                    || Pattern.compile("(code|security)\\W{0,4}" + code)
                                            .matcher(text)
                                            .find()) {
                                findings.add(table + "." + name + " holds a security code");
                            }
                        }
                        for (String secret : secrets(sandbox)) {
                            if (text.contains(secret)) {
                                findings.add(table + "." + name + " holds a secret");
                            }
                        }
                    });
                }
            }
            assertEquals(List.of(), findings);
        } finally {
            System.setOut(original);
            Log.configure(original, false);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertTrue(logs.contains("payment.finished"), "the logs were captured");
        for (String code : codes) {
            assertTrue(!standingAlone(code).matcher(logs).find(), "a security code appears in the logs");
        }
        assertTrue(
                !logs.contains(SECRET) && !logs.contains(SandboxHarness.PROVIDER_KEY), "a secret appears in the logs");
        assertTrue(!logs.contains(VOUCHER), "a full voucher number appears in the logs");
    }

    /** A 4-digit code may coincide with part of a date, a time or an id; only a code standing alone counts. */
    private static Pattern standingAlone(String code) {
        return Pattern.compile("(?<![\\d:.T-])" + code + "(?![\\d:.-])");
    }

    private static List<String> secrets(SandboxHarness sandbox) {
        return List.of(
                SECRET,
                SandboxHarness.PROVIDER_KEY,
                sandbox.runtime.parameters().get("VoucherTransitKey"));
    }

    private static String flatten(AttributeValue value) {
        if (value.s() != null) {
            return value.s();
        }
        if (value.n() != null) {
            return value.n();
        }
        if (value.hasL()) {
            return value.l().stream()
                    .map(SecretsNeverStoredOrLoggedTest::flatten)
                    .toList()
                    .toString();
        }
        if (value.hasM()) {
            StringBuilder text = new StringBuilder();
            value.m()
                    .forEach((k, v) ->
                            text.append(k).append('=').append(flatten(v)).append(';'));
            return text.toString();
        }
        if (value.hasSs()) {
            return value.ss().toString();
        }
        return String.valueOf(value.bool());
    }

    private static final class TeeStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
