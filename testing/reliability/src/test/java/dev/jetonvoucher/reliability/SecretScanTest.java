package dev.jetonvoucher.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.fixtures.GateClient;
import dev.jetonvoucher.fixtures.Merchant;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.sandbox.SandboxHarness;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import dev.jetonvoucher.workflow.WorkMessages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * After everything else: every item of every table the suite wrote, every message left in every queue and dead-letter
 * queue, and every line it printed, searched for what must never be stored or logged: security codes (typed by customers or issued with payouts), project secrets and platform
 * keys, and (in logs) full voucher numbers.
 *
 * <p>A security code is four digits, which dates, amounts and ids also contain, so a code counts as found only where a
 * stored or logged code would show: as a whole string value, next to a security-code name, or next to a voucher.
 */
@Order(5)
class SecretScanTest {

    private static final Pattern CODE_FIELD_WITH_VALUE =
            Pattern.compile("(?i)(security[_ ]?code|cvv|cvc)\\W{0,4}\\d{3,4}(?!\\d)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FULL_VOUCHER_NUMBER = Pattern.compile("(?<!\\d)4619\\d{15}(?!\\d)");
    private static final Pattern VOUCHER_NEXT_TO_CODE =
            Pattern.compile("\\d{19}\\W{1,3}(\\d{2}/\\d{4}\\W{1,3})?\\d{4}(?!\\d)");

    /** A test project whose merchant is down for good, so its payouts' callbacks stay queued. */
    private static final long UNREACHABLE_PROJECT = 56_950;

    private static final String UNREACHABLE_SECRET = "reliability-secret-56950-unreachable";
    private static final Duration SETTLED = Duration.ofSeconds(60);

    @Test
    void no_table_item_and_no_log_line_holds_a_security_code_a_secret_or_a_full_voucher_number() {
        Set<PaymentKey> queuedPayoutCallbacks = Set.of(payoutWithItsCallbackStillQueued());
        List<SandboxHarness> sandboxes = Reliability.started();
        assertTrue(sandboxes.size() >= 3, "the suite's other classes ran first: " + sandboxes.size() + " sandboxes");
        assertTrue(Reliability.SECURITY_CODES.size() >= 20, "codes to look for: " + Reliability.SECURITY_CODES.size());
        Rules rules = new Rules(Reliability.SECURITY_CODES, Reliability.SECRETS);
        List<String> findings = new ArrayList<>();
        int items = 0;
        for (SandboxHarness sandbox : sandboxes) {
            int payments = 0;
            for (Map.Entry<String, String> table :
                    sandbox.runtime.resources().tableNames().entrySet()) {
                for (Map<String, AttributeValue> item : LocalAwsEndpoint.shared()
                        .dynamoDb()
                        .scanPaginator(
                                request -> request.tableName(table.getValue()).consistentRead(true))
                        .items()) {
                    items++;
                    payments += table.getKey().equals("PaymentsTable") ? 1 : 0;
                    String where = table.getValue() + " " + key(item);
                    item.forEach((name, value) -> rules.inspect(where, name, value, findings));
                }
            }
            assertTrue(payments > 0, "a sandbox's payments were scanned");
        }
        assertTrue(items > 100, "the tables hold what the suite wrote: " + items + " items");
        int queues = 0;
        int callbacks = 0;
        Map<String, Message> queued = new LinkedHashMap<>();
        for (SandboxHarness sandbox : sandboxes) {
            for (Map.Entry<String, String> queue :
                    sandbox.runtime.resources().queueUrls().entrySet()) {
                queues++;
                for (Message message : everyMessage(queue.getValue())) {
                    queued.put(queue.getKey() + " message " + message.messageId(), message);
                    callbacks += message.body().contains("\"kind\":\"callback\"") ? 1 : 0;
                }
            }
        }
        assertTrue(queues >= 10, "every queue and dead-letter queue was read: " + queues);
        // What the queued payout callbacks hold, opened as the callback function opens them: their codes and numbers
        // are what the scan must not find in clear.
        int payoutCallbacksWithVouchers = 0;
        for (Message message : queued.values()) {
            if (message.body().contains("\"kind\":\"callback\"")) {
                WorkMessages.Callback callback = WorkMessages.callback(message.body());
                if (queuedPayoutCallbacks.contains(callback.key())) {
                    payoutCallbacksWithVouchers += voucherCodesIn(callback) > 0 ? 1 : 0;
                }
            }
        }
        assertTrue(
                payoutCallbacksWithVouchers >= 1,
                "the scan read a queued callback of a successful payout, with its" + " vouchers: "
                        + payoutCallbacksWithVouchers);
        int messages = queued.size();
        queued.forEach((where, message) -> rules.inspectMessage(where, message.body(), findings));

        String output = Reliability.capturedOutput();
        Reliability.writeCapturedOutput();
        assertTrue(
                output.contains("payment.finished")
                        && output.contains("callback.delivered")
                        && output.contains("request.rejected"),
                "the handlers' log lines were captured");
        String[] lines = output.split("\n");
        for (int n = 0; n < lines.length; n++) {
            rules.inspectLogLine(n + 1, lines[n], findings);
        }
        assertEquals(
                List.of(),
                findings.subList(0, Math.min(findings.size(), 30)),
                findings.size() + " findings in " + items + " items, " + messages + " queue messages and "
                        + lines.length + " log lines");
        System.out.println("secret scan: " + items + " items, " + messages + " messages (" + callbacks
                + " merchant callbacks, " + payoutCallbacksWithVouchers + " of a payout with its vouchers) in " + queues
                + " queues, "
                + lines.length + " log lines, "
                + Reliability.SECURITY_CODES.size() + " security codes, " + Reliability.SECRETS.size()
                + " secrets, 0 findings");
    }

    @Test
    void the_rules_find_planted_leaks_and_pass_what_only_looks_like_one() {
        String code = "4817";
        Rules rules = new Rules(Set.of(code), Set.of("planted-secret-for-the-rules"));
        for (String leak : List.of(
                "INFO sale account.security_code=" + code,
                "WARN voucher ****0017 code " + code + " refused",
                "INFO payout voucher=4619000000000000017",
                "DEBUG key planted-secret-for-the-rules")) {
            List<String> findings = new ArrayList<>();
            rules.inspectLogLine(1, leak, findings);
            assertTrue(!findings.isEmpty(), "not found in the log line: " + leak);
        }
        for (Map.Entry<String, AttributeValue> leak : Map.of(
                        "voucher", AttributeValue.fromS("4619000000000000017|12/2030|" + code),
                        "card", AttributeValue.fromM(Map.of("securityCode", AttributeValue.fromS("x"))),
                        "note", AttributeValue.fromS(code),
                        "code", AttributeValue.fromS("not-a-result-code"))
                .entrySet()) {
            List<String> findings = new ArrayList<>();
            rules.inspect("table", leak.getKey(), leak.getValue(), findings);
            assertTrue(!findings.isEmpty(), "not found in the attribute: " + leak);
        }

        for (String leak : List.of(
                "{\"kind\":\"callback\",\"body\":\"{\\\"voucherNumber\\\":\\\"4619000000000000017\\\",\\\"securityCode\\\":\\\""
                        + code + "\\\"}\"}",
                "{\"kind\":\"dispatch\",\"voucher\":\"4619000000000000017|12/2030|" + code + "\"}",
                "{\"note\":\"" + code + "\"}")) {
            List<String> findings = new ArrayList<>();
            rules.inspectMessage("queue", leak, findings);
            assertTrue(!findings.isEmpty(), "not found in the message: " + leak);
        }

        List<String> clean = new ArrayList<>();
        rules.inspectMessage(
                "queue",
                "{\"kind\":\"callback\",\"operation_id\":1772359200002760,"
                        + "\"sealed_body\":\"q83vEjRWeJC7zN7v\",\"due_at\":\"2026-11-28T12:00:00." + code + "Z\"}",
                clean);
        rules.inspectLogLine(5, "HTTP POST /v2/payment/voucher/jeton/sale 400 " + code + "ms", clean);
        rules.inspectLogLine(6, "INFO payment.finished payment=56001/fuzz-" + code.substring(1) + " code=3028", clean);
        Rules coincidence = new Rules(Set.of("2004"), Set.of());
        coincidence.inspectLogLine(7, "INFO request.rejected route=sale code=2004 field=account.security_code", clean);
        List<String> underItsOwnName = new ArrayList<>();
        coincidence.inspectLogLine(8, "INFO voucher ****0017 security_code=2004", underItsOwnName);
        assertTrue(!underItsOwnName.isEmpty(), "a security code under its own name is a leak, result code or not");
        List<String> noResultCode = new ArrayList<>();
        rules.inspectLogLine(9, "INFO voucher ****0017 code=" + code, noResultCode);
        assertTrue(!noResultCode.isEmpty(), "code=" + code + " is no result code: a leak");
        rules.inspect("table", "code", AttributeValue.fromS("20602"), clean);
        rules.inspect("table", "created_at", AttributeValue.fromS("2026-11-28T12:00:00." + code + "Z"), clean);
        assertEquals(List.of(), clean);
    }

    /**
     * A successful payout whose merchant is down for good: once its first callback try was refused, its sandbox's
     * mappings stop, so the next try — the signed body with every voucher's number and security code, sealed — stays
     * in the merchant-callback queue for the scan to read (visible once its 10 s pause is over).
     */
    private static PaymentKey payoutWithItsCallbackStillQueued() {
        Merchant merchant = new Merchant();
        merchant.goDown();
        ObjectNode project = Reliability.project(UNREACHABLE_PROJECT, UNREACHABLE_SECRET, true, merchant.url());
        ((ObjectNode) project.get("balances")).put("EUR", 1_000_000);
        SandboxHarness sandbox = Reliability.start("unreachable", true, Clock.systemUTC(), project);
        PaymentKey key = new PaymentKey(UNREACHABLE_PROJECT, "payout-never-called-back");
        try {
            assertEquals(
                    200,
                    new GateClient(sandbox.baseUrl(), UNREACHABLE_PROJECT, UNREACHABLE_SECRET)
                            .payout(key.paymentId(), 120_000, "EUR")
                            .status());
            Instant deadline = Instant.now().plus(SETTLED);
            Optional<Payment> payment = Optional.empty();
            while (Instant.now().isBefore(deadline)) {
                payment = sandbox.payments().find(key);
                if (payment.isPresent()
                        && payment.get().status() == PaymentStatus.SUCCESS
                        && payment.get().callbackAttempts() >= 1) {
                    break;
                }
                Reliability.sleep(100);
            }
            assertTrue(
                    payment.isPresent() && payment.get().callbackAttempts() >= 1,
                    "the payout succeeded and its first callback try was refused: " + payment);
        } finally {
            sandbox.close();
            merchant.close();
        }
        String queue = sandbox.runtime.resources().queueUrl("MerchantCallbackQueue");
        Instant deadline = Instant.now().plus(SETTLED);
        while (!visibleMessages(queue)) {
            assertTrue(Instant.now().isBefore(deadline), "the callback's next try is in its queue");
            Reliability.sleep(200);
        }
        return key;
    }

    private static boolean visibleMessages(String queueUrl) {
        return !"0"
                .equals(LocalAwsEndpoint.shared()
                        .sqs()
                        .getQueueAttributes(request -> request.queueUrl(queueUrl)
                                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                        .attributes()
                        .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    /** Opens a queued callback as the callback function would and adds its vouchers to what the scan looks for. */
    private static int voucherCodesIn(WorkMessages.Callback callback) {
        assertTrue(callback.sealed(), "a queued callback body is sealed: " + callback.key());
        String body = new VoucherTransitCipher(Reliability.TRANSIT_KEY)
                .openCallbackBody(callback.body(), callback.key(), callback.operationId());
        int codes = 0;
        try {
            for (JsonNode voucher :
                    JSON.readTree(body).path("provider_extra_fields").path("vouchers")) {
                Reliability.VOUCHER_NUMBERS.add(voucher.path("voucherNumber").asText());
                Reliability.SECURITY_CODES.add(voucher.path("securityCode").asText());
                codes += voucher.path("securityCode").asText().matches("\\d{4}") ? 1 : 0;
            }
        } catch (java.io.IOException e) {
            throw new AssertionError("the opened callback body is not JSON", e);
        }
        return codes;
    }

    /**
     * Every message a queue holds, left in it: each is received once (hidden while the walk goes on, so the next
     * receive brings new ones), then made visible again at once.
     */
    private static List<Message> everyMessage(String queueUrl) {
        SqsClient sqs = LocalAwsEndpoint.shared().sqs();
        Map<String, Message> seen = new LinkedHashMap<>();
        List<ReceiveMessageResponse> batches = new ArrayList<>();
        while (true) {
            ReceiveMessageResponse batch = sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                    .maxNumberOfMessages(10)
                    .visibilityTimeout(300)
                    .waitTimeSeconds(0));
            if (!batch.hasMessages()
                    || batch.messages().isEmpty()
                    || batch.messages().stream().allMatch(m -> seen.containsKey(m.messageId()))) {
                break;
            }
            batches.add(batch);
            batch.messages().forEach(m -> seen.putIfAbsent(m.messageId(), m));
        }
        for (ReceiveMessageResponse batch : batches) {
            sqs.changeMessageVisibilityBatch(request -> request.queueUrl(queueUrl)
                    .entries(batch.messages().stream()
                            .map(m -> ChangeMessageVisibilityBatchRequestEntry.builder()
                                    .id(m.messageId())
                                    .receiptHandle(m.receiptHandle())
                                    .visibilityTimeout(0)
                                    .build())
                            .toList()));
        }
        return List.copyOf(seen.values());
    }

    /** The search: what counts as a stored or logged security code, secret or voucher number. */
    record Rules(Set<String> codes, Set<String> secrets) {

        void inspect(String where, String path, AttributeValue value, List<String> findings) {
            String name = path.substring(path.lastIndexOf('.') + 1).toLowerCase();
            if ((name.contains("security") || name.equals("cvv") || name.equals("cvc")) && !name.equals("code_hash")) {
                findings.add(where + " has an attribute " + path);
            }
            String text = value.s();
            if (text != null) {
                if ((name.equals("code") || name.equals("result_code"))
                        && ResultCode.fromCode(text).isEmpty()) {
                    findings.add(where + " " + path + " = \"" + text + "\" is not a result code");
                } else if (!name.equals("code") && !name.equals("result_code") && codes.contains(text)) {
                    findings.add(where + " " + path + " is a security code");
                }
                if (CODE_FIELD_WITH_VALUE.matcher(text).find()
                        || VOUCHER_NEXT_TO_CODE.matcher(text).find()) {
                    findings.add(where + " " + path + " holds a voucher's security code");
                }
                for (String secret : secrets) {
                    if (text.contains(secret)) {
                        findings.add(where + " " + path + " holds a secret");
                    }
                }
            }
            if (value.hasL()) {
                for (int i = 0; i < value.l().size(); i++) {
                    inspect(where, path + "[" + i + "]", value.l().get(i), findings);
                }
            }
            if (value.hasM()) {
                value.m().forEach((key, nested) -> inspect(where, path + "." + key, nested, findings));
            }
            if (value.hasSs()) {
                value.ss().forEach(text2 -> inspect(where, path, AttributeValue.fromS(text2), findings));
            }
        }

        /**
         * A queue message: searched as text, as a log line is (a security code's name, a voucher next to a code, a
         * full voucher number, a code near a voucher, a secret), and every JSON string in it as a table attribute.
         */
        private static final java.util.regex.Pattern OPAQUE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

        void inspectMessage(String where, String body, List<String> findings) {
            List<String> found = new ArrayList<>();
            inspectLogLine(0, body, found);
            found.forEach(finding -> findings.add(where + ": " + finding));
            try {
                inspectJson(where, "", JSON.readTree(body), findings);
            } catch (java.io.IOException e) {
                // ExportQueue's body is a bare job id (searched as text above); anything else must be JSON.
                if (!OPAQUE_ID.matcher(body).matches()) {
                    findings.add(where + " is not JSON");
                }
            }
        }

        private void inspectJson(String where, String path, JsonNode node, List<String> findings) {
            if (node.isTextual()) {
                inspect(where, path, AttributeValue.fromS(node.asText()), findings);
            }
            node.fields()
                    .forEachRemaining(field -> inspectJson(
                            where,
                            path.isEmpty() ? field.getKey() : path + "." + field.getKey(),
                            field.getValue(),
                            findings));
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    inspectJson(where, path + "[" + i + "]", node.get(i), findings);
                }
            }
        }

        void inspectLogLine(int number, String line, List<String> findings) {
            String where = "log line " + number + ": " + (line.length() > 160 ? line.substring(0, 160) + "…" : line);
            if (FULL_VOUCHER_NUMBER.matcher(line).find()) {
                findings.add(where + " (a full voucher number)");
            }
            if (CODE_FIELD_WITH_VALUE.matcher(line).find()
                    || VOUCHER_NEXT_TO_CODE.matcher(line).find()) {
                findings.add(where + " (a security code with its name or voucher)");
            }
            String lower = line.toLowerCase();
            if (lower.contains("voucher") || lower.contains("secur")) {
                for (String code : codes) {
                    Matcher standalone = Pattern.compile("(?<![\\w:.\\-/*])" + code + "(?![\\w:.\\-/])")
                            .matcher(line);
                    while (standalone.find()) {
                        if (!isLoggedResultCode(line, standalone.start(), code)) {
                            findings.add(where + " (security code " + code.charAt(0) + "*** near a voucher)");
                            break;
                        }
                    }
                }
            }
            for (String secret : secrets) {
                if (line.contains(secret)) {
                    findings.add(where + " (a secret)");
                }
            }
        }
    }

    /**
     * The handlers log a request's result as {@code code=<result code>}; an issued security code can share its four
     * digits with a documented result code (2004, 3028), and that coincidence is not a leak. A security code written
     * under its own name is still caught by {@link #CODE_FIELD_WITH_VALUE}.
     */
    private static boolean isLoggedResultCode(String line, int start, String digits) {
        return line.startsWith("code=", start - "code=".length())
                && (start == "code=".length()
                        || !Character.isLetterOrDigit(line.charAt(start - "code=".length() - 1))
                                && line.charAt(start - "code=".length() - 1) != '_')
                && ResultCode.fromCode(digits).isPresent();
    }

    private static String key(Map<String, AttributeValue> item) {
        AttributeValue pk = item.getOrDefault("pk", item.get("project_id"));
        return pk == null ? "?" : pk.s() != null ? pk.s() : pk.n();
    }
}
