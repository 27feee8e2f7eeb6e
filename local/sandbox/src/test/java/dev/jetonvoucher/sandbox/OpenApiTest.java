package dev.jetonvoucher.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.jetonvoucher.fixtures.GateClient;
import dev.jetonvoucher.local.HttpRoute;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.signing.PaymentPageUrl;
import dev.jetonvoucher.signing.Signer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * openapi.yaml against the real thing: answers and callbacks of a sandbox validate against its component schemas
 * (OpenAPI 3.1, so they are JSON Schema 2020-12 as they are), the collection's requests against the request schemas,
 * and an answer with a field of the wrong type does not.
 */
class OpenApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = SamTemplate.locate().getParent();
    private static final String SECRET = "openapi-secret";
    private static final String TOKEN = "tok-openapi";
    private static final String TOKEN_SECRET = "openapi-token-secret";
    private static JsonNode document;
    private static final Map<String, List<JsonNode>> realAnswers = new LinkedHashMap<>();

    @BeforeAll
    static void collectRealAnswersOfASandbox() throws IOException {
        Object yaml = new Yaml().load(Files.readString(ROOT.resolve("openapi.yaml")));
        document = JSON.valueToTree(yaml);
        try (SandboxHarness sandbox = new SandboxHarness(
                List.of(SandboxHarness.apiToken(TOKEN, TOKEN_SECRET, 239)),
                SandboxHarness.project(239, SECRET, true))) {
            GateClient client = sandbox.client(239, SECRET);
            String number = "4619000000000000017";
            answer("Acknowledgement", client.sale("oa-sale", 1000, "EUR", number, "12/2030", "1234"), 200);
            answer("Acknowledgement", client.sale("oa-decline", 40000, "EUR", number, "12/2030", "1234"), 200);
            answer("Acknowledgement", client.payout("oa-payout", 125000, "EUR"), 200);
            answer("Error", client.sale("oa-sale", 1000, "EUR", number, "12/2030", "1234"), 400); // 3041
            answer("Error", client.sale("oa-bad", 1000, "EUR", "12", "12/2030", "1234"), 400); // 502 with field
            answer("Error", client.status("oa-unknown"), 400); // 3061
            answer("Error", client.post("/v2/payment/status/", "{}"), 404); // 702, no route
            for (String paymentId : List.of("oa-sale", "oa-decline", "oa-payout")) {
                JsonNode callback = sandbox.merchant.awaitCallback(paymentId, Duration.ofSeconds(60));
                realAnswers
                        .computeIfAbsent("Callback", name -> new ArrayList<>())
                        .add(callback);
                answer("StatusResponse", client.status(paymentId), 200);
            }
            ObjectNode operations = JSON.createObjectNode();
            operations.putObject("general").put("project_id", 239);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            operations
                    .putObject("interval")
                    .put("from", now.minus(Duration.ofDays(1)).toString())
                    .put("to", now.plus(Duration.ofDays(1)).toString());
            operations.put("time_zone", "Europe/Malta");
            answer("DataApiResponse", client.postSigned("/operations/get", operations), 200);

            // The Data API in ECommPay's shape: a token, signed at the top level with its secret.
            Signer token = new Signer(TOKEN_SECRET);
            ObjectNode byToken = operations.deepCopy();
            byToken.remove("general");
            byToken.put("token", TOKEN).put("offset", 1).put("limit", 2);
            answer(
                    "DataApiTokenResponse",
                    client.post(
                            "/v1/operations/get",
                            token.signTopLevel(byToken.deepCopy()).toString()),
                    200);
            byToken.putArray("fields").add("payment_id").add("sum_initial");
            answer(
                    "DataApiTokenResponse",
                    client.post("/operations/get", token.signTopLevel(byToken).toString()),
                    200);
            ObjectNode ofPayment = JSON.createObjectNode().put("token", TOKEN).put("payment_id", "oa-sale");
            answer(
                    "DataApiPaymentResponse",
                    client.post(
                            "/v1/operations/get-by-payment",
                            token.signTopLevel(ofPayment).toString()),
                    200);
            ObjectNode ofPaymentByProject = JSON.createObjectNode().put("payment_id", "oa-payout");
            ofPaymentByProject.putObject("general").put("project_id", 239);
            answer("DataApiPaymentResponse", client.postSigned("/operations/get-by-payment", ofPaymentByProject), 200);
            answer(
                    "DataApiBalanceResponse",
                    client.post(
                            "/v1/balance/get",
                            token.signTopLevel(JSON.createObjectNode().put("token", TOKEN))
                                    .toString()),
                    200);
            answer(
                    "Error",
                    client.post(
                            "/v1/balance/get",
                            token.signTopLevel(JSON.createObjectNode().put("token", "tok-nobody"))
                                    .toString()),
                    400);
        }
    }

    private static void answer(String schema, GateClient.Answer answer, int expectedStatus) {
        assertEquals(expectedStatus, answer.status(), schema + ": " + answer.body());
        realAnswers.computeIfAbsent(schema, name -> new ArrayList<>()).add(answer.body());
    }

    /** The component schema {@code name}, resolving its references within the document. */
    static JsonSchema schema(String name) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$ref", "#/components/schemas/" + name);
        root.set("components", document.get("components"));
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
    }

    static Set<ValidationMessage> errors(String schema, JsonNode value) {
        return schema(schema).validate(value);
    }

    @Test
    void every_real_answer_and_callback_matches_its_schema() {
        assertEquals(
                Set.of(
                        "Acknowledgement",
                        "Error",
                        "Callback",
                        "StatusResponse",
                        "DataApiResponse",
                        "DataApiTokenResponse",
                        "DataApiPaymentResponse",
                        "DataApiBalanceResponse"),
                realAnswers.keySet());
        for (Map.Entry<String, List<JsonNode>> entry : realAnswers.entrySet()) {
            for (JsonNode answer : entry.getValue()) {
                assertEquals(Set.of(), errors(entry.getKey(), answer), entry.getKey() + ": " + answer);
            }
        }
        JsonNode payoutCallback = realAnswers.get("Callback").get(2);
        assertEquals(3, payoutCallback.at("/provider_extra_fields/vouchers").size(), "the vouchers were validated too");
        assertTrue(realAnswers.get("DataApiResponse").get(0).get("count").asInt() >= 3);
        assertEquals(
                2, realAnswers.get("DataApiTokenResponse").get(0).get("count").asInt(), "offset 1, limit 2 of three");
        assertEquals(
                1,
                realAnswers
                        .get("DataApiPaymentResponse")
                        .get(0)
                        .get("operations")
                        .size());
        assertEquals(
                "239_balance_EUR",
                realAnswers
                        .get("DataApiBalanceResponse")
                        .get(0)
                        .at("/balance/0/name")
                        .asText());
    }

    @Test
    void an_answer_with_a_field_of_the_wrong_type_or_a_missing_field_does_not_match() {
        ObjectNode callback = realAnswers.get("Callback").get(0).deepCopy();
        callback.put("project_id", "239");
        assertFalse(errors("Callback", callback).isEmpty(), "project_id as a string");

        ObjectNode amountAsText = realAnswers.get("StatusResponse").get(0).deepCopy();
        ((ObjectNode) amountAsText.at("/payment/sum")).put("amount", "10.00");
        assertFalse(errors("StatusResponse", amountAsText).isEmpty(), "an amount as text");

        ObjectNode acknowledgement = realAnswers.get("Acknowledgement").get(0).deepCopy();
        acknowledgement.remove("request_id");
        assertFalse(errors("Acknowledgement", acknowledgement).isEmpty(), "no request_id");

        ObjectNode error = realAnswers.get("Error").get(0).deepCopy();
        error.put("code", 3041);
        assertFalse(errors("Error", error).isEmpty(), "a code as a number (ECommPay sends it as text)");

        ObjectNode dataApi = realAnswers.get("DataApiResponse").get(0).deepCopy();
        ((ObjectNode) dataApi.at("/operations/0")).put("operation_id", "1");
        assertFalse(errors("DataApiResponse", dataApi).isEmpty(), "an operation id as text");

        ObjectNode tokenPage = realAnswers.get("DataApiTokenResponse").get(0).deepCopy();
        tokenPage.put("project_id", 239);
        assertFalse(errors("DataApiTokenResponse", tokenPage).isEmpty(), "project_id not an array");

        ObjectNode balance = realAnswers.get("DataApiBalanceResponse").get(0).deepCopy();
        ((ObjectNode) balance.at("/balance/0")).put("EUR", 500000);
        assertFalse(errors("DataApiBalanceResponse", balance).isEmpty(), "a balance as a number (ECommPay sends text)");

        ObjectNode payout = realAnswers.get("Callback").get(2).deepCopy();
        ((ObjectNode) payout.at("/provider_extra_fields/vouchers/0")).put("voucherNumber", 4619);
        assertFalse(errors("Callback", payout).isEmpty(), "a voucher number as a number");
    }

    @Test
    void the_collections_requests_match_the_request_schemas() throws IOException {
        Map<String, String> schemas = Map.of(
                "POST /v2/payment/voucher/jeton/sale",
                "SaleRequest",
                "POST /v2/payment/voucher/jeton/payout",
                "PayoutRequest",
                "POST /v2/payment/status",
                "StatusRequest",
                "POST /operations/get",
                "DataApiRequest",
                "GET /payment",
                "PaymentPageParameters",
                "POST /v1/operations/get",
                "DataApiTokenRequest",
                "POST /v1/operations/get-by-payment",
                "DataApiPaymentRequest",
                "POST /v1/balance/get",
                "DataApiBalanceRequest",
                "POST /operations/get-by-payment",
                "DataApiPaymentRequest",
                "POST /balance/get",
                "DataApiBalanceRequest");
        Set<String> checked = new TreeSet<>();
        for (HttpCollectionTest.Request request : HttpCollectionTest.collection()) {
            String schema = schemas.get(request.route());
            if (schema == null) {
                continue;
            }
            JsonNode value = request.route().equals("GET /payment")
                    ? JSON.valueToTree(PaymentPageUrl.parseQuery(request.query()))
                    : JSON.readTree(request.body());
            assertEquals(Set.of(), errors(schema, value), request.route());
            checked.add(request.route());
        }
        assertEquals(new TreeSet<>(schemas.keySet()), checked);

        ObjectNode sale = (ObjectNode) JSON.readTree(Files.readString(ROOT.resolve("examples/gate-sale.json")));
        assertEquals(Set.of(), errors("SaleRequest", sale));
        ((ObjectNode) sale.get("payment")).put("amount", "10.00");
        assertFalse(errors("SaleRequest", sale).isEmpty(), "an amount as text");
    }

    @Test
    void the_documented_paths_are_routes_of_the_template() {
        Set<String> routes = SamTemplate.load(SamTemplate.locate()).functions().stream()
                .flatMap(function -> function.httpRoutes().stream())
                .map(HttpRoute::path)
                .collect(Collectors.toSet());
        List<String> paths = new ArrayList<>();
        document.get("paths").fieldNames().forEachRemaining(paths::add);
        for (String path : paths) {
            assertTrue(routes.contains(path), path + " is not a route of template.yaml");
        }
    }
}
