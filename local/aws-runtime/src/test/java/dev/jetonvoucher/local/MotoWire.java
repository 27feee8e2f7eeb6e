package dev.jetonvoucher.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * DynamoDB requests as raw JSON on the wire, for the tests that hold a launcher change's answers against moto's own:
 * random attribute values of every kind, and an answer read back as plain values to compare.
 */
final class MotoWire {

    private MotoWire() {}

    /** Item i's key: eight partitions ("p0" to "p7"), sort keys "s" + i. */
    static String key(int i) {
        return "{\"pk\":{\"S\":\"p" + (i % 8) + "\"},\"sk\":{\"S\":\"s" + i + "\"}}";
    }

    /** Item i's key attributes and its project (0 to 2), unclosed: the caller adds attributes and the closing brace. */
    static StringBuilder itemOfProject(int i) {
        return new StringBuilder("{\"pk\":{\"S\":\"p")
                .append(i % 8)
                .append("\"},\"sk\":{\"S\":\"s")
                .append(i)
                .append("\"},\"project_id\":{\"N\":\"")
                .append(i % 3)
                .append("\"}");
    }

    /** A random attribute value of any kind (maps and lists nest up to {@code depth}), as DynamoDB JSON. */
    static String randomValue(SplittableRandom random, int depth) {
        int kind = random.nextInt(depth > 0 ? 10 : 8);
        return switch (kind) {
            case 0 ->
                "{\"S\":"
                        + quoted(List.of("", "x", "é ünïcødé ✓", "quote \\\" and \\\\ back", "€ 10,05")
                                .get(random.nextInt(5)))
                        + "}";
            case 1 ->
                "{\"N\":\""
                        + List.of("0", "-3", "2.50", "1000000000000", "0.001").get(random.nextInt(5)) + "\"}";
            case 2 -> "{\"BOOL\":" + random.nextBoolean() + "}";
            case 3 -> "{\"NULL\":true}";
            case 4 -> "{\"SS\":[\"red\",\"blue\",\"é\"]}";
            case 5 -> "{\"NS\":[\"1\",\"2.5\",\"-7\"]}";
            case 6 -> "{\"B\":\"AAEC/w==\"}";
            case 7 -> "{\"BS\":[\"AAE=\",\"/w==\"]}";
            case 8 -> {
                StringBuilder map = new StringBuilder("{\"M\":{");
                int members = random.nextInt(4);
                for (int m = 0; m < members; m++) {
                    map.append(m == 0 ? "" : ",").append("\"m").append(m).append("\":");
                    map.append(randomValue(random, depth - 1));
                }
                yield map.append("}}").toString();
            }
            default -> {
                StringBuilder list = new StringBuilder("{\"L\":[");
                int elements = random.nextInt(4);
                for (int e = 0; e < elements; e++) {
                    list.append(e == 0 ? "" : ",").append(randomValue(random, depth - 1));
                }
                yield list.append("]}").toString();
            }
        };
    }

    private static String quoted(String escaped) {
        return "\"" + escaped + "\"";
    }

    /** Makes the table on each endpoint and puts the same items (PutItem request bodies) into it, in order. */
    static void createAndPut(List<LocalAwsEndpoint> endpoints, String createTable, List<String> puts) {
        for (LocalAwsEndpoint endpoint : endpoints) {
            call(endpoint, "CreateTable", createTable);
            for (String put : puts) {
                call(endpoint, "PutItem", put);
            }
        }
    }

    /** Each request ({operation, body}) answers the same on the changed moto as on moto itself. */
    static void assertSameAnswers(LocalAwsEndpoint motoItself, LocalAwsEndpoint patched, List<String[]> requests) {
        for (String[] request : requests) {
            Object expected = call(motoItself, request[0], request[1]);
            assertEquals(expected, call(patched, request[0], request[1]), request[0] + " " + request[1]);
        }
    }

    /** The answer's JSON as plain values (maps sorted by key), and its HTTP status. */
    static Object call(LocalAwsEndpoint endpoint, String operation, String body) {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) endpoint.endpoint().toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/x-amz-json-1.0");
            connection.setRequestProperty("X-Amz-Target", "DynamoDB_20120810." + operation);
            connection.setRequestProperty(
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=test/20260101/"
                            + endpoint.region().id() + "/dynamodb/aws4_request, SignedHeaders=host, Signature=0");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
            int status = connection.getResponseCode();
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return List.of(status, plain(JsonNode.parser().parse(answer)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The answer as plain values (maps sorted by key), where an attribute value's set (SS, NS, BS) is compared without its order: DynamoDB's sets have none,
     * and moto writes a set it has turned into Python values (a projection does) in its Python set's order, which
     * Python's per-process string and bytes hashing makes differ from one moto to the other.
     */
    private static Object plain(JsonNode node) {
        if (node.isObject() && node.asObject().size() == 1) {
            Map.Entry<String, JsonNode> only =
                    node.asObject().entrySet().iterator().next();
            if (Set.of("SS", "NS", "BS").contains(only.getKey())
                    && only.getValue().isArray()) {
                return Map.of(
                        only.getKey(),
                        new TreeSet<>(only.getValue().asArray().stream()
                                .map(JsonNode::asString)
                                .toList()));
            }
        }
        if (node.isObject()) {
            Map<String, Object> members = new TreeMap<>();
            node.asObject().forEach((name, member) -> members.put(name, plain(member)));
            return members;
        }
        if (node.isArray()) {
            return node.asArray().stream().map(MotoWire::plain).toList();
        }
        if (node.isNull()) {
            return "null";
        }
        return node.isString() ? "\"" + node.asString() : node.isBoolean() ? node.asBoolean() : node.asNumber();
    }
}
