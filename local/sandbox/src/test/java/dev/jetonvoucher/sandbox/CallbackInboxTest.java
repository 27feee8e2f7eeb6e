package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.fixtures.GateClient;
import dev.jetonvoucher.fixtures.Merchant;
import dev.jetonvoucher.fixtures.Polling;
import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.TemplateResources;
import dev.jetonvoucher.signing.Signer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The callback inbox of projects without a callback URL: recording, JSON, the page, and replays. */
class CallbackInboxTest {

    static final long PROJECT = 3001;
    static final String SECRET = "secret-3001";
    static final String VOUCHER = "4619000000000000017";

    static Sandbox sandbox;
    static GateClient gate;
    static Merchant merchant;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        ObjectNode file = GateClient.JSON.createObjectNode();
        file.putArray("projects").add(SandboxHarness.project(PROJECT, SECRET, true)); // no callback_url: the inbox
        sandbox = Sandbox.start(
                new HttpGateway(Sandbox.HOST, 0),
                LocalAwsEndpoint.shared(),
                file.toString(),
                TemplateResources.uniquePrefix("inbox"));
        gate = new GateClient(sandbox.baseUrl(), PROJECT, SECRET);
        merchant = new Merchant();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        merchant.close();
    }

    @Test
    void a_callback_of_a_project_without_a_callback_url_is_recorded_with_its_signature_checked() {
        assertEquals(
                200,
                gate.sale("inbox-sale", 1000, "EUR", VOUCHER, "12/2030", "1234").status());
        CallbackInbox.Received received = awaitCallback("inbox-sale");

        JsonNode listed = entryFor(get(CallbackInbox.PATH), "inbox-sale");
        assertEquals(received.index(), listed.path("index").asInt());
        assertEquals("valid", listed.path("signature").asText());
        assertEquals(Long.toString(PROJECT), listed.path("project_id").asText());
        assertEquals(
                "success",
                listed.path("callback").path("payment").path("status").asText());
        assertTrue(new Signer(SECRET).check(listed.path("callback")).valid());
    }

    @Test
    void a_callback_signed_with_another_secret_is_refused_and_recorded_as_invalid() {
        ObjectNode forged = callback("inbox-forged");
        new Signer("not-the-secret").signTopLevel(forged);
        assertEquals(
                400,
                gate.post(CallbackInbox.PATH + "/" + PROJECT, forged.toString()).status());
        ObjectNode unsigned = callback("inbox-unsigned");
        assertEquals(
                400,
                gate.post(CallbackInbox.PATH + "/" + PROJECT, unsigned.toString())
                        .status());

        HttpResponse<String> list = get(CallbackInbox.PATH);
        assertEquals("invalid", entryFor(list, "inbox-forged").path("signature").asText());
        assertEquals(
                "missing", entryFor(list, "inbox-unsigned").path("signature").asText());
        assertTrue(get(CallbackInbox.PAGE_PATH).body().contains("<td class=\"invalid\">invalid ✗</td>"));
    }

    @Test
    void the_page_escapes_what_merchants_chose_and_never_shows_full_voucher_numbers_or_security_codes() {
        assertEquals(200, gate.payout("inbox-payout", 125_000, "EUR").status());
        awaitCallback("inbox-payout");
        ObjectNode hostile = callback("<script>alert(1)</script>");
        assertEquals(
                200,
                gate.post(
                                CallbackInbox.PATH + "/" + PROJECT,
                                new Signer(SECRET).signTopLevel(hostile).toString())
                        .status());

        HttpResponse<String> page = get(CallbackInbox.PAGE_PATH);
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(
                page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
        String html = page.body();
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertFalse(html.contains("<script"), "nothing a merchant sent becomes markup");
        assertFalse(html.contains("<link") || html.contains(" src="), "no external resources");
        assertTrue(html.contains("1250.00 EUR"));

        JsonNode payout = entryFor(get(CallbackInbox.PATH), "inbox-payout").path("callback");
        JsonNode vouchers = payout.path("provider_extra_fields").path("vouchers");
        assertEquals(3, vouchers.size());
        for (JsonNode voucher : vouchers) {
            String number = voucher.path("voucherNumber").asText();
            String code = voucher.path("securityCode").asText();
            assertFalse(html.contains(number), "a full voucher number on the page");
            assertTrue(html.contains("*".repeat(15) + number.substring(number.length() - 4)));
            assertFalse(html.contains("code " + code), "a security code on the page");
        }
        assertTrue(html.contains("code " + SensitiveData.HIDDEN_SECURITY_CODE));
    }

    @Test
    void a_replay_posts_the_recorded_body_unchanged_and_answers_with_the_targets_status() {
        assertEquals(
                200,
                gate.sale("inbox-replay", 1500, "EUR", VOUCHER, "12/2030", "1234")
                        .status());
        CallbackInbox.Received recorded = awaitCallback("inbox-replay");

        GateClient.Answer replayed = replay(recorded.index(), merchant.url());
        assertEquals(200, replayed.status(), replayed.body().toString());
        assertEquals(200, replayed.body().path("status").asInt());
        assertEquals("inbox-replay", replayed.body().path("payment_id").asText());
        List<String> bodies = merchant.rawBodies();
        assertEquals(recorded.body(), bodies.get(bodies.size() - 1), "the body is re-sent byte for byte");

        merchant.failFirst(1);
        GateClient.Answer failing = replay(recorded.index(), merchant.url());
        assertEquals(200, failing.status());
        assertEquals(500, failing.body().path("status").asInt(), "the merchant's own answer is reported");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://example.com/callbacks",
                "https://127.0.0.1/callbacks",
                "http://10.0.0.1/x",
                "http://127.0.0.1@example.com/x",
                "file:///etc/passwd",
                "not a url",
                "//127.0.0.1/x"
            })
    void a_replay_goes_only_to_plain_http_on_this_machine(String url) {
        assertEquals(
                200,
                gate.post(
                                CallbackInbox.PATH + "/" + PROJECT,
                                new Signer(SECRET)
                                        .signTopLevel(callback("inbox-local-only"))
                                        .toString())
                        .status());
        GateClient.Answer refused = replay(0, url);
        assertEquals(400, refused.status(), refused.body().toString());
        assertTrue(
                refused.body().path("error").asText().contains("127.0.0.1"),
                refused.body().toString());
    }

    @Test
    void a_replay_names_what_is_wrong_with_it() {
        assertEquals(
                200,
                gate.post(
                                CallbackInbox.PATH + "/" + PROJECT,
                                new Signer(SECRET)
                                        .signTopLevel(callback("inbox-errors"))
                                        .toString())
                        .status());
        assertEquals(404, replay(99_999, merchant.url()).status());
        assertEquals(400, gate.post(CallbackInbox.PATH + "/0/replay", "{}").status());
        assertEquals(
                400, gate.post(CallbackInbox.PATH + "/0/replay", "not json").status());
        GateClient.Answer unreachable = replay(0, "http://localhost:" + closedPort() + "/callbacks");
        assertEquals(502, unreachable.status());
        assertTrue(unreachable.body().path("error").asText().startsWith("no answer from"));
    }

    /** A callback in the platform's shape, unsigned. */
    private static ObjectNode callback(String paymentId) {
        ObjectNode callback = GateClient.JSON.createObjectNode();
        callback.put("project_id", PROJECT);
        callback.putObject("payment")
                .put("id", paymentId)
                .put("type", "purchase")
                .put("status", "success")
                .putObject("sum")
                .put("amount", 1000)
                .put("currency", "EUR");
        callback.putObject("account").put("number", VOUCHER);
        callback.putObject("operation").put("type", "sale").put("code", "0").put("message", "Success");
        return callback;
    }

    private static GateClient.Answer replay(int index, String url) {
        ObjectNode request = GateClient.JSON.createObjectNode().put("url", url);
        return gate.post(CallbackInbox.PATH + "/" + index + "/replay", request.toString());
    }

    private static CallbackInbox.Received awaitCallback(String paymentId) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            for (CallbackInbox.Received received : sandbox.inbox().received()) {
                if (paymentId.equals(
                        received.callback().path("payment").path("id").asText())) {
                    return received;
                }
            }
            Polling.pause(50);
        }
        throw new AssertionError("no callback for " + paymentId + " in the inbox");
    }

    private static JsonNode entryFor(HttpResponse<String> list, String paymentId) {
        assertEquals(200, list.statusCode());
        try {
            for (JsonNode entry : GateClient.JSON.readTree(list.body())) {
                if (paymentId.equals(
                        entry.path("callback").path("payment").path("id").asText())) {
                    return entry;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no entry for " + paymentId + " in " + list.body());
    }

    private static HttpResponse<String> get(String path) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
