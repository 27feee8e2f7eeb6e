package dev.jetonvoucher.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.aws.UrlConnectionHttpPoster;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.signing.SignatureCheck;
import dev.jetonvoucher.signing.Signer;
import dev.jetonvoucher.workflow.CallbackDelivery;
import dev.jetonvoucher.workflow.HttpPoster;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The merchant side for projects without a callback URL of their own: records every callback it receives
 * ({@code POST /sandbox/inbox/{project_id}}) with its signature checked against the project's secret, lists
 * them as JSON ({@code GET /sandbox/inbox}) and as a page ({@code GET /sandbox/inbox.html}), and re-sends a
 * recorded callback, byte for byte, to a merchant's local endpoint
 * ({@code POST /sandbox/inbox/{index}/replay} with {@code {"url": "http://127.0.0.1:8081/callbacks"}}).
 * Kept in memory only, as a merchant's test endpoint would.
 */
public final class CallbackInbox implements HttpGateway.LocalRoute {

    public static final String PATH = "/sandbox/inbox";
    public static final String PAGE_PATH = "/sandbox/inbox.html";
    private static final Pattern RECEIVE = Pattern.compile(Pattern.quote(PATH) + "/([^/]+)");
    private static final Pattern REPLAY = Pattern.compile(Pattern.quote(PATH) + "/(\\d{1,9})/replay");
    /** Replays go to this machine only, so the sandbox cannot be used to send requests elsewhere. */
    private static final Set<String> REPLAY_HOSTS = Set.of("127.0.0.1", "localhost");

    private static final ObjectMapper JSON = Json.mapper();

    private final Map<Long, Project> projects;
    private final String baseUrl;
    private final HttpPoster poster;
    private final List<Received> received = new ArrayList<>();

    /**
     * One callback as it arrived: {@code body} exactly as sent, {@code callback} parsed from it, and
     * {@code maskedCallback} as the inbox page shows it (voucher numbers masked, security codes hidden).
     */
    public record Received(
            int index,
            Instant receivedAt,
            String projectId,
            String body,
            JsonNode callback,
            JsonNode maskedCallback,
            SignatureCheck.Outcome signature) {

        ObjectNode toJson() {
            ObjectNode entry = JSON.createObjectNode();
            entry.put("index", index);
            entry.put("received_at", receivedAt.toString());
            entry.put("project_id", projectId);
            entry.put("signature", signature.name().toLowerCase(Locale.ROOT));
            entry.set("callback", callback);
            return entry;
        }
    }

    /**
     * @param projects the projects whose secrets check the signatures
     * @param baseUrl the sandbox's address, for the page's hints
     */
    public CallbackInbox(Map<Long, Project> projects, String baseUrl) {
        this.projects = Map.copyOf(projects);
        this.baseUrl = baseUrl;
        this.poster = new UrlConnectionHttpPoster(); // replays are sent exactly as the platform sends callbacks
    }

    @Override
    public HttpGateway.Response handle(String method, String path, Map<String, String> query, String body) {
        if (method.equals("GET") && path.equals(PATH)) {
            ArrayNode list = JSON.createArrayNode();
            received().forEach(entry -> list.add(entry.toJson()));
            return new HttpGateway.Response(200, "application/json", list.toString());
        }
        if (method.equals("GET") && path.equals(PAGE_PATH)) {
            return new HttpGateway.Response(200, "text/html; charset=utf-8", InboxPage.render(received(), baseUrl));
        }
        if (!method.equals("POST")) {
            return null;
        }
        Matcher replay = REPLAY.matcher(path);
        if (replay.matches()) {
            return replay(Integer.parseInt(replay.group(1)), body);
        }
        Matcher receive = RECEIVE.matcher(path);
        if (receive.matches()) {
            return receive(receive.group(1), body);
        }
        return null;
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    private HttpGateway.Response receive(String projectPart, String body) {
        JsonNode callback;
        try {
            callback = JSON.readTree(body);
        } catch (IOException e) {
            return text(400, "not JSON");
        }
        if (callback == null) {
            return text(400, "not JSON");
        }
        SignatureCheck check = parseId(projectPart)
                .map(projects::get)
                .map(project -> new Signer(project.secretKey()).check(callback))
                .orElse(SignatureCheck.invalid());
        Received entry = record(projectPart, body, callback, check.outcome());
        System.out.println("INBOX callback #" + entry.index() + " project=" + projectPart
                + " payment=" + callback.path("payment").path("id").asText()
                + " status=" + callback.path("payment").path("status").asText()
                + " code=" + callback.path("operation").path("code").asText() + " signature=" + check.outcome());
        return check.valid() ? text(200, "OK") : text(400, "invalid signature");
    }

    private Received record(String projectPart, String body, JsonNode callback, SignatureCheck.Outcome signature) {
        // Masked once here, not on each of the page's refreshes (every 5 s).
        JsonNode maskedCallback = SensitiveData.masked(callback);
        synchronized (this) {
            Received entry = new Received(
                    received.size(), Instant.now(), projectPart, body, callback, maskedCallback, signature);
            received.add(entry);
            return entry;
        }
    }

    private HttpGateway.Response replay(int index, String requestBody) {
        Received entry;
        synchronized (this) {
            if (index >= received.size()) {
                return error(404, "no callback #" + index + " in the inbox (it holds " + received.size() + ")");
            }
            entry = received.get(index);
        }
        URI target;
        try {
            target = replayTarget(requestBody);
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
        HttpPoster.Response response = poster.postJson(target, entry.body(), CallbackDelivery.TIMEOUT);
        if (response.status() == 0) {
            return error(502, "no answer from " + target + ": " + response.error());
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("index", index);
        answer.put("payment_id", entry.callback().path("payment").path("id").asText());
        answer.put("url", target.toString());
        answer.put("status", response.status());
        return new HttpGateway.Response(200, "application/json", answer.toString());
    }

    /** The {@code url} of a replay request: plain http on this machine only. */
    private static URI replayTarget(String requestBody) {
        JsonNode request;
        try {
            request = requestBody == null || requestBody.isBlank() ? null : JSON.readTree(requestBody);
        } catch (IOException e) {
            request = null;
        }
        JsonNode url = request == null ? null : request.get("url");
        if (url == null || !url.isTextual()) {
            throw new IllegalArgumentException(
                    "send {\"url\": \"http://127.0.0.1:PORT/PATH\"}: the merchant endpoint to replay to");
        }
        URI target;
        try {
            target = new URI(url.asText());
        } catch (URISyntaxException e) {
            target = null;
        }
        if (target == null
                || !"http".equals(target.getScheme())
                || target.getHost() == null
                || target.getRawUserInfo() != null
                || !REPLAY_HOSTS.contains(target.getHost().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(
                    "replays go only to http://127.0.0.1 or http://localhost URLs, not " + url.asText());
        }
        return target;
    }

    private static Optional<Long> parseId(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static HttpGateway.Response text(int status, String text) {
        return new HttpGateway.Response(status, "text/plain", text);
    }

    private static HttpGateway.Response error(int status, String message) {
        return new HttpGateway.Response(
                status,
                "application/json",
                JSON.createObjectNode().put("error", message).toString());
    }
}
