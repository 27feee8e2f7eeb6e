package dev.jetonvoucher.functions.dataapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jetonvoucher.analysis.QueryException;
import dev.jetonvoucher.gate.GateRejection;
import dev.jetonvoucher.gate.GateRequests;
import dev.jetonvoucher.gate.GateRequests.SignedRequest;
import dev.jetonvoucher.gate.PaymentRules;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.project.ApiToken;
import dev.jetonvoucher.project.ApiTokens;
import dev.jetonvoucher.signing.Signer;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Who sent a Data API request, after its signature was checked: ECommPay's form, a {@code token} and a top-level
 * {@code signature} made with the token's secret key (it may read the token's projects), or this platform's form,
 * {@code general{project_id, signature}} signed with the project's secret (it may read that project). Answers are
 * signed with the same key.
 *
 * @param readable the projects the caller may read
 * @param signer signs the answer with the key the request was signed with
 * @param body the request
 * @param projectRequest the project-secret form's request, or null for the token form
 */
record DataApiCaller(SortedSet<Long> readable, Signer signer, JsonNode body, SignedRequest projectRequest) {

    boolean byToken() {
        return projectRequest == null;
    }

    /**
     * A body with {@code general} is the project-secret form; any other body is the token form.
     *
     * @throws GateRejection 2003 for a body that is no JSON object; the Gate's 2004/2442/3262/3261 for the
     *         project-secret form; 2004 without {@code token}, 3261 ({@code token}) for a token nobody has, 3262/3261
     *         ({@code signature}) for a missing or wrong signature
     */
    static DataApiCaller authenticate(String body, GateRequests requests, ApiTokens tokens) {
        JsonNode root = parse(body);
        if (root.has("general")) {
            SignedRequest request = requests.authenticate(body);
            return new DataApiCaller(
                    Collections.unmodifiableSortedSet(
                            new TreeSet<>(Set.of(request.project().projectId()))),
                    new Signer(request.project().secretKey()),
                    request.body(),
                    request);
        }
        JsonNode tokenNode = root.get("token");
        if (tokenNode == null
                || tokenNode.isNull()
                || (tokenNode.isTextual() && tokenNode.asText().isEmpty())) {
            throw new GateRejection(
                    ResultCode.REQUIRED_FIELD_NOT_PROVIDED,
                    "token",
                    "token (or general{project_id, signature} for the project-secret form)");
        }
        ApiToken token = (tokenNode.isTextual() ? tokens.find(tokenNode.asText()) : Optional.<ApiToken>empty())
                .orElseThrow(() -> new GateRejection(ResultCode.INVALID_SIGNATURE, "token", "no such token"));
        Signer signer = new Signer(token.secretKey());
        PaymentRules.requireValidSignature(signer.check(root), "signature");
        return new DataApiCaller(token.projects(), signer, root, null);
    }

    /**
     * The projects a request asks for: its {@code project_id} (one id or an array of them), every readable project
     * when it has none.
     *
     * @throws GateRejection 2442 ({@code project_id}) for a project the caller may not read, whether it exists or not
     * @throws QueryException for a {@code project_id} that is no id or array of ids
     */
    SortedSet<Long> requestedProjects() {
        JsonNode node = body.get("project_id");
        if (node == null || node.isNull()) {
            return readable;
        }
        SortedSet<Long> requested = new TreeSet<>();
        if (node.isArray()) {
            if (node.isEmpty()) {
                throw new QueryException("project_id", "project_id must name at least one project (omit it for all)");
            }
            node.forEach(id -> requested.add(projectId(id)));
        } else {
            requested.add(projectId(node));
        }
        for (long id : requested) {
            if (!readable.contains(id)) {
                throw new GateRejection(
                        ResultCode.PROJECT_NOT_FOUND,
                        "project_id",
                        "project " + id + " is not one this " + (byToken() ? "token" : "signature") + " may read");
            }
        }
        return Collections.unmodifiableSortedSet(requested);
    }

    private static long projectId(JsonNode id) {
        if (!id.canConvertToExactIntegral() || id.isTextual() || id.asLong() <= 0) {
            throw new QueryException("project_id", "project_id must be a project id or an array of them");
        }
        return id.asLong();
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new GateRejection(ResultCode.INVALID_JSON, null, "the request body is empty");
        }
        if (body.length() > GateRequests.MAX_BODY_CHARS) {
            throw new GateRejection(
                    ResultCode.INVALID_JSON,
                    null,
                    "the request body exceeds " + GateRequests.MAX_BODY_CHARS + " characters");
        }
        JsonNode root;
        try {
            root = Json.parse(body);
        } catch (JsonProcessingException e) {
            throw new GateRejection(ResultCode.INVALID_JSON, null, "the body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new GateRejection(ResultCode.INVALID_JSON, null, "the body must be a JSON object");
        }
        return root;
    }
}
