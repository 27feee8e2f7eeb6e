package dev.jetonvoucher.sandbox;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetonvoucher.local.HttpRoute;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.project.ApiToken;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.ProjectFile;
import dev.jetonvoucher.signing.PaymentPageUrl;
import dev.jetonvoucher.signing.Signer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/http/jeton-voucher.http, the request collection: it names every route, its signatures are valid for the
 * sample project file's secrets, and its requests get their documented answers from a sandbox.
 */
class HttpCollectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = SamTemplate.locate().getParent();
    private static final Path COLLECTION = ROOT.resolve("docs/http/jeton-voucher.http");
    /** The sandbox's own routes (README, "Sandbox-only routes"), besides template.yaml's. */
    private static final Set<String> SANDBOX_ROUTES = Set.of(
            "GET /sandbox/inbox.html",
            "GET /sandbox/inbox",
            "POST /sandbox/inbox/{index}/replay",
            "POST /sandbox/inbox/{project_id}");

    /** One request of the collection: {@code url} with {@code {{base}}} still in it. */
    record Request(String method, String url, Map<String, String> headers, String body) {
        String path() {
            String path = url.replace("{{base}}", "");
            return path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        }

        String query() {
            return url.contains("?") ? url.substring(url.indexOf('?') + 1) : "";
        }

        /** The route it exercises, with the sandbox's path parameters named as in the README. */
        String route() {
            String path = path().replaceFirst("^/sandbox/inbox/\\d+/replay$", "/sandbox/inbox/{index}/replay")
                    .replaceFirst("^/sandbox/inbox/\\d+$", "/sandbox/inbox/{project_id}");
            return method + " " + path;
        }
    }

    static List<Request> collection() throws IOException {
        List<Request> requests = new ArrayList<>();
        for (String block : Files.readString(COLLECTION, UTF_8).split("(?m)^###.*$")) {
            List<String> lines = block.lines().toList();
            int i = 0;
            while (i < lines.size()
                    && (lines.get(i).isBlank()
                            || lines.get(i).startsWith("#")
                            || lines.get(i).startsWith("@"))) {
                i++;
            }
            if (i == lines.size()) {
                continue;
            }
            String[] requestLine = lines.get(i++).split(" ", 2);
            Map<String, String> headers = new LinkedHashMap<>();
            for (; i < lines.size() && !lines.get(i).isBlank(); i++) {
                String[] header = lines.get(i).split(":\\s*", 2);
                headers.put(header[0], header[1]);
            }
            String body = String.join("\n", lines.subList(Math.min(i, lines.size()), lines.size()))
                    .strip();
            requests.add(new Request(requestLine[0], requestLine[1], headers, body));
        }
        return requests;
    }

    @Test
    void every_route_of_the_template_and_of_the_sandbox_has_a_request() throws IOException {
        Set<String> routes = new TreeSet<>(SANDBOX_ROUTES);
        for (var function : SamTemplate.load(SamTemplate.locate()).functions()) {
            for (HttpRoute route : function.httpRoutes()) {
                if (!route.path().equals("$default")) {
                    routes.add(route.method() + " " + route.path());
                }
            }
        }
        Set<String> covered = collection().stream().map(Request::route).collect(Collectors.toSet());

        routes.removeAll(covered);
        assertEquals(Set.of(), routes, "routes without a request in " + COLLECTION);
        assertTrue(covered.contains("POST /v2/payment/status/"), "the unknown-route answer ($default) is shown too");
    }

    @Test
    void every_signature_in_the_collection_is_valid_for_its_project_in_the_sample_project_file() throws IOException {
        String sample = Files.readString(ROOT.resolve("examples/projects.json"));
        Map<Long, String> secrets =
                ProjectFile.parse(sample).stream().collect(Collectors.toMap(Project::projectId, Project::secretKey));
        Map<String, String> tokenSecrets =
                ProjectFile.apiTokens(sample).stream().collect(Collectors.toMap(ApiToken::token, ApiToken::secretKey));
        int checked = 0;
        for (Request request : collection()) {
            if (request.body().startsWith("{")) {
                JsonNode body = JSON.readTree(request.body());
                boolean signed =
                        body.has("signature") || body.at("/general/signature").isTextual();
                if (!signed) {
                    continue;
                }
                String secret;
                if (body.has("token")) {
                    secret = tokenSecrets.get(body.get("token").asText()); // the Data API's token form
                } else {
                    secret = secrets.get(
                            body.has("project_id")
                                    ? body.get("project_id").asLong()
                                    : body.at("/general/project_id").asLong());
                }
                assertTrue(new Signer(secret).check(body).valid(), request.route() + " " + body);
                checked++;
            } else if (request.route().equals("GET /payment")) {
                Map<String, String> params = PaymentPageUrl.parseQuery(request.query());
                String secret = secrets.get(Long.parseLong(params.get("project_id")));
                assertTrue(new Signer(secret).checkParams(params).valid(), request.url());
                checked++;
            }
        }
        assertEquals(12, checked, "sale, declined sale, payout, status, Data API (6), Payment Page, callback");
    }

    @Test
    void the_readmes_sample_sale_body_is_signed_for_its_project() throws IOException {
        JsonNode sale = JSON.readTree(ROOT.resolve("examples/gate-sale.json").toFile());
        String secret = ProjectFile.parse(Files.readString(ROOT.resolve("examples/projects.json"))).stream()
                .filter(project ->
                        project.projectId() == sale.at("/general/project_id").asLong())
                .findFirst()
                .orElseThrow()
                .secretKey();
        assertTrue(new Signer(secret).check(sale).valid());
    }

    @Test
    void the_signed_requests_get_their_documented_answers_from_a_sandbox() throws Exception {
        List<Request> requests = collection();
        try (SandboxHarness sandbox = new SandboxHarness(
                List.of(SandboxHarness.apiToken("tok-analyst-1", "token-secret-1", 239)),
                SandboxHarness.project(239, Sandbox.BUILT_IN_SECRET, true))) {
            HttpClient client = HttpClient.newHttpClient();
            String base = sandbox.runtime.baseUrl();
            Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
            for (Request request : requests) {
                // The dashboard's cookies, the page's tokens and a replay's index come from earlier answers: not run
                // here.
                boolean runnable = !request.path().startsWith("/dashboard")
                        && !request.path().endsWith("/replay")
                        && !request.url().contains("<")
                        && !request.body().contains("<");
                if (!runnable) {
                    continue;
                }
                HttpRequest.Builder http =
                        HttpRequest.newBuilder(URI.create(request.url().replace("{{base}}", base)));
                request.headers().forEach((name, value) -> {
                    if (!name.equalsIgnoreCase("origin")) {
                        http.header(name, value);
                    }
                });
                http.method(
                        request.method(),
                        request.body().isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(request.body()));
                answers.put(
                        request.method() + " " + request.url() + " "
                                + request.body().hashCode(),
                        client.send(http.build(), HttpResponse.BodyHandlers.ofString()));
            }
            List<String> statuses = answers.entrySet().stream()
                    .map(entry ->
                            entry.getValue().statusCode() + " " + entry.getKey().split(" ")[0] + " "
                                    + entry.getValue().request().uri().getPath())
                    .toList();
            assertEquals(
                    List.of(
                            "200 POST /v2/payment/voucher/jeton/sale",
                            "200 POST /v2/payment/voucher/jeton/sale",
                            "200 POST /v2/payment/voucher/jeton/payout",
                            "200 POST /v2/payment/status",
                            "200 POST /operations/get",
                            "200 POST /v1/operations/get",
                            "200 POST /v1/operations/get-by-payment",
                            "200 POST /v1/balance/get",
                            "200 POST /operations/get-by-payment",
                            "200 POST /balance/get",
                            "200 GET /payment",
                            "200 GET /payment/page.css",
                            "200 GET /payment/page.js",
                            "200 GET /payment/widget.js",
                            "401 POST /provider/jeton/notifications",
                            "401 POST /provider/v1/vouchers/redeem",
                            "401 POST /provider/v1/vouchers/issue",
                            "401 POST /provider/v1/orders/status",
                            "401 POST /provider/v1/orders/cancel",
                            "401 POST /provider/v1/orders/reverse",
                            "200 GET /health",
                            "404 POST /v2/payment/status/",
                            "200 GET /sandbox/inbox.html",
                            "200 GET /sandbox/inbox",
                            "200 POST /sandbox/inbox/239"),
                    statuses);
            for (HttpResponse<String> answer : answers.values()) {
                String path = answer.request().uri().getPath();
                if (path.equals("/v2/payment/status/")) {
                    assertEquals(702, JSON.readTree(answer.body()).get("code").asInt(), answer.body());
                } else if (path.startsWith("/v2/")
                        || path.startsWith("/v1/")
                        || path.startsWith("/operations/")
                        || path.equals("/balance/get")) {
                    JsonNode body = JSON.readTree(answer.body());
                    assertFalse(body.has("code"), path + " " + answer.body());
                }
            }
        }
    }
}
