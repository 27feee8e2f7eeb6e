package dev.jetonvoucher.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.signing.SignatureCheck;
import dev.jetonvoucher.signing.Signer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The merchant side for projects without a callback URL of their own: records every callback it receives
 * with its signature checked against the project's secret, and lists them at {@code GET /sandbox/inbox}
 * (JSON). Kept in memory only, as a merchant's test endpoint would.
 */
public final class CallbackInbox implements HttpGateway.LocalRoute {

    public static final String PATH = "/sandbox/inbox";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Long, Project> projects;
    private final List<ObjectNode> received = new CopyOnWriteArrayList<>();

    public CallbackInbox(Map<Long, Project> projects) {
        this.projects = projects;
    }

    @Override
    public HttpGateway.Response handle(String method, String path, Map<String, String> query, String body) {
        if (path.equals(PATH) && method.equals("GET")) {
            ArrayNode list = JSON.createArrayNode();
            received.forEach(list::add);
            return new HttpGateway.Response(200, "application/json", list.toString());
        }
        if (path.startsWith(PATH + "/") && method.equals("POST")) {
            return receive(path.substring(PATH.length() + 1), body);
        }
        return null;
    }

    private HttpGateway.Response receive(String projectPart, String body) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("received_at", Instant.now().toString());
        entry.put("project_id", projectPart);
        JsonNode callback;
        try {
            callback = JSON.readTree(body);
        } catch (java.io.IOException e) {
            return new HttpGateway.Response(400, "text/plain", "not JSON");
        }
        Optional<Project> project = parseId(projectPart).map(projects::get);
        SignatureCheck check = project.map(p -> new Signer(p.secretKey()).check(callback)).orElse(SignatureCheck.invalid());
        entry.put("signature", check.outcome().name().toLowerCase());
        entry.set("callback", callback);
        received.add(entry);
        System.out.println("INBOX callback project=" + projectPart + " payment=" + callback.path("payment").path("id").asText()
                + " status=" + callback.path("payment").path("status").asText() + " code="
                + callback.path("operation").path("code").asText() + " signature=" + check.outcome());
        return check.valid() ? new HttpGateway.Response(200, "text/plain", "OK")
                : new HttpGateway.Response(400, "text/plain", "invalid signature");
    }

    public List<ObjectNode> received() {
        return new ArrayList<>(received);
    }

    private static Optional<Long> parseId(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
