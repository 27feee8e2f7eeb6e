package dev.jetonvoucher.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.signing.Signer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code bin/sandbox demo [--base-url URL] [--project-id N --secret KEY]}: the whole method against a running
 * sandbox in under a minute. A successful sale, a declined sale (40000), a payout of 1250.00 EUR and a status
 * request, each shown as the signed request, the acknowledgement and the signed callback read back from the
 * sandbox's inbox. Exits 1 as soon as a step does not reach its expected result.
 */
public final class Demo {

    static final String USAGE = "usage: bin/sandbox demo [--base-url URL] [--project-id N --secret KEY]";
    static final String DEFAULT_BASE_URL = "http://127.0.0.1:3000";
    /** A well-formed test voucher: in testing mode any such voucher is accepted. */
    static final String TEST_VOUCHER = "4619000000000000017";

    private static final Duration CALLBACK_WAIT = Duration.ofSeconds(60);
    /** Each look is a line in the sandbox's log: often enough to feel immediate, rarely enough to stay readable. */
    private static final Duration INBOX_POLL_INTERVAL = Duration.ofSeconds(1);

    private static final ObjectMapper JSON = Json.mapper();

    private final PrintStream out;
    private final String baseUrl;
    private final long projectId;
    private final Signer signer;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Demo(PrintStream out, String baseUrl, long projectId, String secret) {
        this.out = out;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.projectId = projectId;
        this.signer = new Signer(secret);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the demo; returns the exit status: 0 every step as expected, 1 a step failed, 2 bad arguments. */
    static int run(String[] args, PrintStream out) {
        Demo demo;
        try {
            demo = parse(args, out);
        } catch (IllegalArgumentException e) {
            out.println("bin/sandbox demo: " + e.getMessage());
            out.println(USAGE);
            return 2;
        }
        try {
            demo.runAllSteps();
            out.println();
            out.println("Done: every step reached its expected result. The inbox page: " + demo.baseUrl
                    + CallbackInbox.PAGE_PATH);
            return 0;
        } catch (StepFailed e) {
            out.println();
            out.println("✗ " + e.getMessage());
            return 1;
        }
    }

    private static Demo parse(String[] args, PrintStream out) {
        String baseUrl = DEFAULT_BASE_URL;
        long projectId = Sandbox.BUILT_IN_PROJECT_ID;
        String secret = null;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--base-url" -> baseUrl = value;
                case "--project-id" -> projectId = parseProjectId(value);
                case "--secret" -> secret = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (secret == null) {
            if (projectId != Sandbox.BUILT_IN_PROJECT_ID) {
                throw new IllegalArgumentException("--project-id " + projectId + " needs its --secret");
            }
            secret = Sandbox.BUILT_IN_SECRET;
        }
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("--secret must not be empty");
        }
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new IllegalArgumentException("--base-url must be an http(s) URL, got " + baseUrl);
        }
        return new Demo(out, baseUrl, projectId, secret);
    }

    private static long parseProjectId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--project-id must be a number, got " + text);
        }
    }

    private void runAllSteps() {
        out.println("Jeton Voucher demo against " + baseUrl + ", project " + projectId);
        out.println("(voucher numbers are shown by their last four digits, security codes as "
                + SensitiveData.HIDDEN_SECURITY_CODE + ")");
        requireSandbox();

        String saleId = paymentId("sale");
        step(1, "A sale of " + Money.ofMinor(1000, "EUR") + " with a test voucher: it succeeds");
        postAccepted("/v2/payment/voucher/jeton/sale", saleRequest(saleId, 1000));
        expectCallback(saleId, "success", "0");

        String declinedId = paymentId("declined");
        step(2, "A sale of " + Money.ofMinor(40000, "EUR") + ": testing mode declines this amount");
        postAccepted("/v2/payment/voucher/jeton/sale", saleRequest(declinedId, 40000));
        expectCallback(declinedId, "decline", "20000");

        String payoutId = paymentId("payout");
        step(3, "A payout of " + Money.ofMinor(125_000, "EUR") + ": paid out as vouchers of at most 500.00");
        postAccepted("/v2/payment/voucher/jeton/payout", payoutRequest(payoutId, 125_000));
        JsonNode payout = expectCallback(payoutId, "success", "0");
        List<String> faceValues = new ArrayList<>();
        payout.path("provider_extra_fields")
                .path("vouchers")
                .forEach(voucher -> faceValues.add(InboxPage.amount(voucher)));
        if (!faceValues.equals(List.of("500.00 EUR", "500.00 EUR", "250.00 EUR"))) {
            throw new StepFailed(
                    "the payout should issue vouchers of 500.00, 500.00 and 250.00 EUR, got " + faceValues);
        }
        out.println("  ✓ issued " + String.join(" + ", faceValues));

        step(4, "A status request for the sale of step 1");
        ObjectNode statusRequest = JSON.createObjectNode();
        statusRequest.putObject("general").put("project_id", projectId).put("payment_id", saleId);
        Answer status = post("/v2/payment/status", signer.signInGeneral(statusRequest));
        if (status.status() != 200) {
            throw new StepFailed("the status request should be answered with 200, got " + status.status());
        }
        if (!signer.check(status.body()).valid()) {
            throw new StepFailed("the status answer's signature does not verify with the project's secret");
        }
        String saleStatus = status.body().path("payment").path("status").asText();
        if (!saleStatus.equals("success")) {
            throw new StepFailed("the status answer should say success, got " + saleStatus);
        }
        out.println("  ✓ signature valid; payment " + saleId + " is " + saleStatus);
    }

    private void requireSandbox() {
        try {
            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/health"))
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (health.statusCode() != 200) {
                throw new StepFailed(
                        baseUrl + "/health answered " + health.statusCode() + ", not 200: is it the sandbox?");
            }
        } catch (ConnectException e) {
            throw new StepFailed(
                    "no sandbox answers at " + baseUrl + ": start one with bin/sandbox (or pass --base-url)");
        } catch (IOException | IllegalArgumentException e) {
            throw new StepFailed("cannot reach " + baseUrl + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailed("interrupted");
        }
    }

    private void step(int number, String title) {
        out.println();
        out.println("Step " + number + " of 4: " + title);
    }

    private String paymentId(String what) {
        return "demo-" + runId + "-" + what;
    }

    private ObjectNode saleRequest(String paymentId, long amount) {
        ObjectNode body = requestHeader(paymentId);
        ObjectNode account = body.putObject("account");
        account.put("number", TEST_VOUCHER);
        account.put("expiration", "12/2030");
        account.put("security_code", "1234");
        body.putObject("payment").put("amount", amount).put("currency", "EUR").put("description", "demo sale");
        return signer.signInGeneral(body);
    }

    private ObjectNode payoutRequest(String paymentId, long amount) {
        ObjectNode body = requestHeader(paymentId);
        body.putObject("payment").put("amount", amount).put("currency", "EUR").put("description", "demo payout");
        return signer.signInGeneral(body);
    }

    private ObjectNode requestHeader(String paymentId) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("general").put("project_id", projectId).put("payment_id", paymentId);
        body.putObject("customer").put("id", "demo-customer").put("ip_address", "192.0.2.10");
        return body;
    }

    /** Sends a signed Gate request and requires the acknowledgement that it was accepted. */
    private void postAccepted(String path, ObjectNode request) {
        Answer answer = post(path, request);
        if (answer.status() != 200 || !answer.body().path("status").asText().equals("success")) {
            throw new StepFailed("the request should be acknowledged with 200 and status success, got "
                    + answer.status() + " " + answer.body());
        }
    }

    private Answer post(String path, ObjectNode request) {
        out.println("  → POST " + path);
        printJson(request);
        Answer answer = send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())));
        out.println("  ← HTTP " + answer.status());
        printJson(answer.body());
        return answer;
    }

    /** Waits for the payment's callback in the sandbox inbox and requires its status, code and a valid signature. */
    private JsonNode expectCallback(String paymentId, String expectedStatus, String expectedCode) {
        out.println("  … waiting for the callback in " + baseUrl + CallbackInbox.PATH);
        JsonNode entry = awaitInboxEntry(paymentId)
                .orElseThrow(() -> new StepFailed("no callback for " + paymentId
                        + " reached " + CallbackInbox.PATH + " within " + CALLBACK_WAIT.toSeconds()
                        + " s (the inbox records"
                        + " callbacks of projects without a callback_url of their own; does project " + projectId
                        + " have one?)"));
        JsonNode callback = entry.path("callback");
        boolean signatureValid = signer.check(callback).valid();
        out.println("  ⇠ callback #" + entry.path("index").asText() + ", signature "
                + (signatureValid ? "valid" : "INVALID") + " (checked with the project's secret)");
        printJson(callback);
        if (!signatureValid) {
            throw new StepFailed("the callback's signature does not verify with the project's secret");
        }
        String status = callback.path("payment").path("status").asText();
        String code = callback.path("operation").path("code").asText();
        if (!status.equals(expectedStatus) || !code.equals(expectedCode)) {
            throw new StepFailed("expected " + expectedStatus + " with code " + expectedCode + ", got " + status
                    + " with code " + code);
        }
        out.println("  ✓ " + status + ", code " + code + " "
                + callback.path("operation").path("message").asText());
        return callback;
    }

    private Optional<JsonNode> awaitInboxEntry(String paymentId) {
        Instant deadline = Instant.now().plus(CALLBACK_WAIT);
        while (Instant.now().isBefore(deadline)) {
            Answer inbox = send(HttpRequest.newBuilder(URI.create(baseUrl + CallbackInbox.PATH))
                    .GET());
            for (JsonNode entry : inbox.body()) {
                JsonNode callback = entry.path("callback");
                if (callback.path("project_id").asLong() == projectId
                        && paymentId.equals(callback.path("payment").path("id").asText())) {
                    return Optional.of(entry);
                }
            }
            sleep(INBOX_POLL_INTERVAL);
        }
        return Optional.empty();
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException notJson) {
                body = JSON.getNodeFactory().textNode(response.body());
            }
            return new Answer(response.statusCode(), body == null ? JSON.createObjectNode() : body);
        } catch (IOException e) {
            throw new StepFailed("the sandbox at " + baseUrl + " stopped answering: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailed("interrupted");
        }
    }

    /** Pretty JSON, indented under the step, with voucher numbers and security codes masked. */
    private void printJson(JsonNode document) {
        String text;
        try {
            text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(SensitiveData.masked(document));
        } catch (IOException e) {
            text = document.toString();
        }
        text.lines().forEach(line -> out.println("      " + line));
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailed("interrupted");
        }
    }

    private record Answer(int status, JsonNode body) {}

    /** A step that did not reach its expected result; its message says what was expected and what came. */
    private static final class StepFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StepFailed(String message) {
            super(message);
        }
    }
}
