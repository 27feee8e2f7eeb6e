package dev.jetonvoucher.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.money.InvalidCurrencyException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the sandbox project file ({@code shared/spec/sandbox-contract.md}). Strict on purpose: an unknown
 * field or a missing required one is an error that names the project and the field, so a typo never
 * silently turns into a default.
 */
public final class ProjectFile {

    private static final Set<String> TOP_FIELDS = Set.of("projects", "api_tokens");
    private static final Set<String> TOKEN_FIELDS = Set.of("token", "secret_key", "projects");
    private static final Set<String> PROJECT_FIELDS = Set.of(
            "project_id",
            "secret_key",
            "callback_url",
            "test",
            "currencies",
            "base_time_seconds",
            "limit_time_seconds",
            "balances",
            "sandbox",
            "payment_page_frame_ancestors",
            "name");
    private static final Set<String> SANDBOX_FIELDS =
            Set.of("provider_notifications", "provider_delay_seconds", "provider_outage_seconds", "provider_cancels");

    private ProjectFile() {}

    public static List<Project> parse(String json) {
        JsonNode root = root(json);
        List<Project> projects = parseProjects(root);
        tokens(root, projects); // checked here too, so a bad token stops the sandbox at startup
        return projects;
    }

    /**
     * The file's Data API tokens (top-level {@code api_tokens}, optional): each names projects of the same file.
     * The file is checked as {@link #parse} checks it.
     */
    public static List<ApiToken> apiTokens(String json) {
        JsonNode root = root(json);
        return tokens(root, parseProjects(root));
    }

    private static List<ApiToken> tokens(JsonNode root, List<Project> inFile) {
        Set<Long> projectIds = new HashSet<>();
        inFile.forEach(project -> projectIds.add(project.projectId()));
        JsonNode tokens = root.get("api_tokens");
        if (tokens == null || tokens.isNull()) {
            return List.of();
        }
        if (!tokens.isArray()) {
            throw new ProjectFileException("\"api_tokens\" must be an array of {token, secret_key, projects}");
        }
        List<ApiToken> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            String where = "api_tokens[" + i + "]";
            JsonNode node = tokens.get(i);
            if (!node.isObject()) {
                throw new ProjectFileException(where + " must be an object");
            }
            rejectUnknown(node, TOKEN_FIELDS, where);
            String token = requiredText(node, "token", where);
            String secret = requiredText(node, "secret_key", where);
            JsonNode projects = node.get("projects");
            if (projects == null || !projects.isArray() || projects.isEmpty()) {
                throw new ProjectFileException(where + ": \"projects\" must be a non-empty array of project ids");
            }
            Set<Long> readable = new LinkedHashSet<>();
            for (JsonNode id : projects) {
                if (!id.canConvertToExactIntegral() || id.isTextual() || !projectIds.contains(id.asLong())) {
                    throw new ProjectFileException(
                            where + ": \"projects\" entry " + id + " is not a project of this file");
                }
                readable.add(id.asLong());
            }
            if (!seen.add(token)) {
                throw new ProjectFileException("token " + token + " appears twice in \"api_tokens\"");
            }
            try {
                result.add(new ApiToken(token, secret, readable));
            } catch (IllegalArgumentException e) {
                throw new ProjectFileException(where + ": " + e.getMessage());
            }
        }
        return List.copyOf(result);
    }

    private static JsonNode root(String json) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new ProjectFileException("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ProjectFileException("the file must hold a JSON object with a \"projects\" array");
        }
        rejectUnknown(root, TOP_FIELDS, "the file");
        return root;
    }

    private static List<Project> parseProjects(JsonNode root) {
        JsonNode projects = root.get("projects");
        if (projects == null || !projects.isArray() || projects.isEmpty()) {
            throw new ProjectFileException("\"projects\" must be a non-empty array");
        }
        List<Project> result = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < projects.size(); i++) {
            Project project = parseProject(projects.get(i), "projects[" + i + "]");
            if (!seen.add(project.projectId())) {
                throw new ProjectFileException("project_id " + project.projectId() + " appears twice");
            }
            result.add(project);
        }
        return List.copyOf(result);
    }

    private static Project parseProject(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new ProjectFileException(where + " must be an object");
        }
        long projectId = requiredLong(node, "project_id", where);
        where = "project " + projectId;
        rejectUnknown(node, PROJECT_FIELDS, where);
        String secret = requiredText(node, "secret_key", where);
        Optional<URI> callbackUrl = Optional.empty();
        if (node.hasNonNull("callback_url")) {
            callbackUrl = Optional.of(parseHttpUrl(requiredText(node, "callback_url", where), where));
        }
        boolean test = requiredBoolean(node, "test", where);
        Set<CurrencyUnit> currencies = new LinkedHashSet<>();
        JsonNode currencyList = node.get("currencies");
        if (currencyList == null || !currencyList.isArray() || currencyList.isEmpty()) {
            throw new ProjectFileException(where + ": \"currencies\" must be a non-empty array of ISO-4217 codes");
        }
        for (JsonNode code : currencyList) {
            currencies.add(currency(code.asText(), where));
        }
        Duration baseTime = Duration.ofSeconds(requiredLong(node, "base_time_seconds", where));
        Duration limitTime = Duration.ofSeconds(requiredLong(node, "limit_time_seconds", where));
        Map<CurrencyUnit, Long> balances = new LinkedHashMap<>();
        JsonNode balanceNode = node.get("balances");
        if (balanceNode != null && !balanceNode.isNull()) {
            if (!balanceNode.isObject()) {
                throw new ProjectFileException(where + ": \"balances\" must be an object of currency to minor units");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = balanceNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                CurrencyUnit currency = currency(entry.getKey(), where);
                if (!entry.getValue().canConvertToExactIntegral()
                        || entry.getValue().asLong() < 0) {
                    throw new ProjectFileException(where + ": balance for " + entry.getKey()
                            + " must be a non-negative integer in minor units");
                }
                balances.put(currency, entry.getValue().asLong());
            }
        }
        SandboxSettings sandbox = SandboxSettings.NORMAL;
        JsonNode sandboxNode = node.get("sandbox");
        if (sandboxNode != null && !sandboxNode.isNull()) {
            if (!sandboxNode.isObject()) {
                throw new ProjectFileException(where + ": \"sandbox\" must be an object");
            }
            rejectUnknown(sandboxNode, SANDBOX_FIELDS, where + " sandbox");
            try {
                SandboxSettings.NotificationMode mode = sandboxNode.has("provider_notifications")
                        ? SandboxSettings.NotificationMode.fromWire(
                                sandboxNode.get("provider_notifications").asText())
                        : SandboxSettings.NotificationMode.NORMAL;
                long delay = sandboxNode.has("provider_delay_seconds")
                        ? requiredLong(sandboxNode, "provider_delay_seconds", where + " sandbox")
                        : 0;
                long outage = sandboxNode.has("provider_outage_seconds")
                        ? requiredLong(sandboxNode, "provider_outage_seconds", where + " sandbox")
                        : 0;
                boolean cancels = true;
                if (sandboxNode.has("provider_cancels")) {
                    if (!sandboxNode.get("provider_cancels").isBoolean()) {
                        throw new ProjectFileException(where + " sandbox: \"provider_cancels\" must be true or false");
                    }
                    cancels = sandboxNode.get("provider_cancels").asBoolean();
                }
                sandbox = new SandboxSettings(mode, Duration.ofSeconds(delay), Duration.ofSeconds(outage), cancels);
            } catch (IllegalArgumentException e) {
                throw new ProjectFileException(where + ": " + e.getMessage());
            }
        }
        List<String> frameAncestors = new ArrayList<>();
        JsonNode ancestors = node.get("payment_page_frame_ancestors");
        if (ancestors != null && !ancestors.isNull()) {
            if (!ancestors.isArray()) {
                throw new ProjectFileException(
                        where + ": \"payment_page_frame_ancestors\" must be an array of origins");
            }
            ancestors.forEach(origin -> frameAncestors.add(origin.asText()));
        }
        Optional<String> name =
                node.hasNonNull("name") ? Optional.of(requiredText(node, "name", where)) : Optional.empty();
        try {
            return new Project(
                    projectId,
                    secret,
                    callbackUrl,
                    test,
                    currencies,
                    baseTime,
                    limitTime,
                    balances,
                    sandbox,
                    frameAncestors,
                    name);
        } catch (IllegalArgumentException e) {
            throw new ProjectFileException(e.getMessage());
        }
    }

    private static CurrencyUnit currency(String code, String where) {
        try {
            return CurrencyUnit.of(code);
        } catch (InvalidCurrencyException e) {
            throw new ProjectFileException(where + ": " + e.getMessage());
        }
    }

    private static URI parseHttpUrl(String text, String where) {
        try {
            return CallbackUrls.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ProjectFileException(where + ": callback_url " + e.getMessage());
        }
    }

    private static void rejectUnknown(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new ProjectFileException(where + ": unknown field \"" + name + "\" (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static long requiredLong(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new ProjectFileException(where + ": missing required field \"" + field + "\"");
        }
        if (!value.canConvertToExactIntegral() || value.isTextual()) {
            throw new ProjectFileException(where + ": \"" + field + "\" must be an integer");
        }
        return value.asLong();
    }

    private static String requiredText(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new ProjectFileException(where + ": missing required field \"" + field + "\"");
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new ProjectFileException(where + ": \"" + field + "\" must be a non-empty string");
        }
        return value.asText();
    }

    private static boolean requiredBoolean(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new ProjectFileException(where + ": missing required field \"" + field + "\"");
        }
        if (!value.isBoolean()) {
            throw new ProjectFileException(where + ": \"" + field + "\" must be true or false");
        }
        return value.asBoolean();
    }
}
