package dev.jetonvoucher.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.signing.Signer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Makes hostile requests, all from one seeded {@link Random}: the same seed makes the same cases in the same order.
 * Each case is one of seven kinds, starting from a valid request of the route (a signed Gate request, or a notification
 * signed with the provider's key) and breaking it: malformed text, a truncated body, oversized bodies and values,
 * values of the wrong JSON type (signed again, so the check of the value itself is reached), wrong signatures, text
 * no store can carry (half of a UTF-16 surrogate pair, correctly signed), and dates at the ends of what
 * {@code java.time} can hold (in the Data API's interval and the dashboard's filters, the routes that read dates).
 * Three cases in a hundred are valid requests with odd but legal values. GET routes get hostile query strings, the
 * dashboard's half of the time with a signed-in session.
 *
 * <p>Numbers the fuzzer makes up never have four digits, so none can pass for a security code in the final scan.
 */
final class Fuzzer {

    enum Kind {
        MALFORMED,
        TRUNCATED,
        OVERSIZED,
        WRONG_TYPE,
        WRONG_SIGNATURE,
        UNENCODABLE_TEXT,
        OUT_OF_RANGE_DATE,
        ODD_BUT_VALID
    }

    /**
     * @param signedIn sent with the dashboard session cookie, so the dashboard's own checks are reached rather than
     *     its sign-in redirect
     */
    record Case(
            int index,
            Kind kind,
            String method,
            String path,
            String query,
            String contentType,
            String body,
            boolean signedIn) {

        String route() {
            return method + " " + path;
        }

        String excerpt() {
            String text = body == null ? "(no body) ?" + query : body;
            return text.length() <= 300 ? text : text.substring(0, 300) + "… (" + text.length() + " chars)";
        }
    }

    /** The only very large bodies (over API Gateway's 6 MB): each costs a real 6 MB request. */
    static final int OVER_PAYLOAD_LIMIT_CASES = 3;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final com.fasterxml.jackson.databind.ObjectMapper ESCAPING =
            new com.fasterxml.jackson.databind.ObjectMapper()
                    .configure(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature(), true);
    /** Half of a surrogate pair, alone, reversed or at an end: JSON can escape them, UTF-8 cannot encode them. */
    private static final List<String> UNENCODABLE =
            List.of("\ud800", "fuzz-\udc00", "\udbff-fuzz", "\ude00\ud83d", "ok\ud83d\ude00\ud800", "\udfff");
    /** Dates at and beyond the ends of the supported range; none holds a four-digit number standing alone (a code). */
    private static final List<String> EXTREME_DATES = List.of(
            "+999999999-12-31",
            "-999999999-01-01",
            "+999999999-12-31T23:59:59.999999999-18:00",
            "-999999999-01-01T00:00:00+18:00",
            "+1000000-01-01",
            "+999999999-12-31 23:59:59",
            "-0000001-12-31",
            "+100000-02-29");

    private static final String[] CONTENT_TYPES = {
        "text/plain",
        "application/octet-stream",
        "application/x-www-form-urlencoded",
        null,
        "application/json; charset=ISO-8859-1"
    };

    private final Random random;
    private final Signer gateSigner;
    private final Signer wrongSigner = new Signer("not-the-project-secret");
    private final Signer providerSigner;
    private final Signer tokenSigner;
    private final BiFunction<String, Integer, ObjectNode> validBody;
    private int overPayloadLimit;

    /**
     * @param tokenSecret the secret of the Data API token the token form's bodies ({@code "token"}) are signed with
     * @param validBody a valid, unsigned body for a route ("POST /path") and a case number (for a fresh payment id)
     */
    Fuzzer(
            long seed,
            String gateSecret,
            String providerKey,
            String tokenSecret,
            BiFunction<String, Integer, ObjectNode> validBody) {
        this.random = new Random(seed);
        this.gateSigner = new Signer(gateSecret);
        this.tokenSigner = new Signer(tokenSecret);
        this.providerSigner = new Signer(providerKey);
        this.validBody = validBody;
    }

    List<Case> cases(List<String> routes, int count) {
        List<Case> cases = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String route = routes.get(i % routes.size());
            cases.add(next(i, route));
        }
        return cases;
    }

    private Case next(int index, String route) {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1);
        boolean readsDates =
                path.endsWith("/operations/get") || (path.startsWith("/dashboard") && method.equals("GET"));
        Kind kind = kind();
        if (kind == Kind.OUT_OF_RANGE_DATE && !readsDates) {
            kind = Kind.WRONG_TYPE;
        }
        String contentType =
                random.nextInt(100) < 85 ? "application/json" : CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
        if (method.equals("GET")) {
            boolean dashboard = path.startsWith("/dashboard") && !path.equals("/dashboard/sign-in");
            String query = switch (kind) {
                case UNENCODABLE_TEXT -> unencodableQuery();
                case OUT_OF_RANGE_DATE -> extremeDateQuery();
                default -> hostileQuery();
            };
            boolean signedIn = dashboard && (kind == Kind.OUT_OF_RANGE_DATE || random.nextBoolean());
            return new Case(index, kind, method, path, query, contentType, null, signedIn);
        }
        boolean provider = path.startsWith("/provider/");
        ObjectNode valid = validBody.apply(route, index);
        String body = switch (kind) {
            case MALFORMED -> malformed(signed(valid.deepCopy(), provider).toString());
            case TRUNCATED -> truncated(signed(valid.deepCopy(), provider).toString());
            case OVERSIZED -> oversized(valid.deepCopy(), provider);
            case WRONG_TYPE -> wrongType(valid.deepCopy(), provider);
            case WRONG_SIGNATURE -> wrongSignature(valid.deepCopy(), provider);
            case UNENCODABLE_TEXT -> unencodable(valid.deepCopy(), provider);
            case OUT_OF_RANGE_DATE -> extremeInterval(valid.deepCopy());
            case ODD_BUT_VALID -> provider ? oddNotification(valid.deepCopy()) : oddButValid(valid.deepCopy());
        };
        return new Case(index, kind, method, path, "", contentType, body, false);
    }

    private Kind kind() {
        int roll = random.nextInt(100);
        if (roll < 16) {
            return Kind.MALFORMED;
        }
        if (roll < 29) {
            return Kind.TRUNCATED;
        }
        if (roll < 35) {
            return Kind.OVERSIZED;
        }
        if (roll < 62) {
            return Kind.WRONG_TYPE;
        }
        if (roll < 84) {
            return Kind.WRONG_SIGNATURE;
        }
        if (roll < 91) {
            return Kind.UNENCODABLE_TEXT;
        }
        if (roll < 97) {
            return Kind.OUT_OF_RANGE_DATE;
        }
        return Kind.ODD_BUT_VALID;
    }

    // ------------------------------------------------------------------ kinds

    private String malformed(String valid) {
        return switch (random.nextInt(10)) {
            case 0 -> "";
            case 1 -> " \n\t ";
            case 2 -> randomText(1 + random.nextInt(200));
            case 3 -> valid.replaceFirst("\\{", "");
            case 4 -> valid.substring(0, valid.length() - 1) + ",}";
            case 5 -> "[" + valid + "]";
            case 6 ->
                List.of("null", "true", "\"text\"", "0", "-1.5e999", "[]", "{}").get(random.nextInt(7));
            case 7 -> "[".repeat(100 + random.nextInt(3000)) + "]".repeat(random.nextInt(3000));
            case 8 -> "\uFEFF" + valid.replace("\"general\"", "\"gen\\uZZZZeral\"");
            default -> corrupt(valid);
        };
    }

    /** A few characters of the valid text replaced with structural or control characters. */
    private String corrupt(String valid) {
        char[] text = valid.toCharArray();
        String hostile = "{}[]\":,\\\u0000\u0007\n\ud800'";
        for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
            text[random.nextInt(text.length)] = hostile.charAt(random.nextInt(hostile.length()));
        }
        return new String(text);
    }

    private String truncated(String valid) {
        return valid.substring(0, random.nextInt(valid.length()));
    }

    private String oversized(ObjectNode body, boolean provider) {
        int roll = random.nextInt(100);
        if (roll < 2 && overPayloadLimit < OVER_PAYLOAD_LIMIT_CASES) {
            overPayloadLimit++;
            return "{\"padding\":\"" + "x".repeat(6 * 1024 * 1024 + 1000) + "\"}";
        }
        if (roll < 20) {
            return " ".repeat(64 * 1024 + 1) + body; // over the Gate's 64 KiB only because of the whitespace
        }
        if (roll < 40) {
            ArrayNode many = body.putArray("extra");
            for (int i = 1_000 + random.nextInt(4_000); i > 0; i--) {
                many.add(i % 7);
            }
            return signed(body, provider).toString();
        }
        JsonNode target = pick(body);
        String field = randomField(target);
        if (target instanceof ObjectNode object && field != null) {
            object.put(field, "y".repeat(256 + random.nextInt(random.nextBoolean() ? 2_000 : 200_000)));
        }
        return signed(body, provider).toString();
    }

    private String wrongType(ObjectNode body, boolean provider) {
        JsonNode target = pick(body);
        String field = randomField(target);
        if (target instanceof ObjectNode object && field != null) {
            if (random.nextInt(6) == 0) {
                object.remove(field);
            } else {
                object.set(field, randomValue(2));
            }
        } else if (target instanceof ObjectNode object) {
            object.set("unexpected", randomValue(2));
        }
        // Signed again in half the cases, so the value check is reached rather than the signature check.
        return random.nextBoolean() ? body.toString() : signed(body, provider).toString();
    }

    private String wrongSignature(ObjectNode body, boolean provider) {
        // The provider and the Data API's token form sign at the top level, Gate requests in general.
        boolean topLevel = provider || body.has("token");
        ObjectNode holder = topLevel ? body : (ObjectNode) body.path("general");
        switch (random.nextInt(8)) {
            case 0 -> holder.remove("signature");
            case 1 -> holder.put("signature", "");
            case 2 -> holder.put("signature", randomBase64());
            case 3 -> holder.set("signature", randomValue(1));
            case 4 -> {
                ObjectNode signedByOther = topLevel ? wrongSigner.signTopLevel(body) : wrongSigner.signInGeneral(body);
                return signedByOther.toString();
            }
            case 5 -> {
                ObjectNode signed = signed(body, provider);
                JsonNode target = pick(signed);
                String field = randomField(target);
                if (target instanceof ObjectNode object && field != null && !field.equals("signature")) {
                    object.put(field, "tampered-after-signing");
                }
                return signed.toString();
            }
            case 6 -> {
                ObjectNode signed = signed(body, provider);
                ObjectNode from = topLevel ? signed : (ObjectNode) signed.get("general");
                JsonNode signature = from.remove("signature");
                (topLevel ? signed.putObject("general") : signed).set("signature", signature); // at the wrong level
                return signed.toString();
            }
            default -> holder.put("signature", randomText(1 + random.nextInt(100)));
        }
        return body.toString();
    }

    /**
     * A text value of the request (or a description added to its payment) replaced with one no store can carry, then
     * signed as the merchant or the provider would, so the check of the text is reached.
     */
    private String unencodable(ObjectNode body, boolean provider) {
        List<ObjectNode> holders = new ArrayList<>();
        List<String> names = new ArrayList<>();
        collectTexts(body, holders, names);
        if (body.path("payment") instanceof ObjectNode payment) {
            holders.add(payment);
            names.add("description");
        }
        String lone = UNENCODABLE.get(random.nextInt(UNENCODABLE.size()));
        if (holders.isEmpty()) {
            body.put("unexpected", lone);
        } else {
            int pick = random.nextInt(holders.size());
            holders.get(pick).put(names.get(pick), lone);
        }
        return asciiJson(signed(body, provider));
    }

    /**
     * The body with every character beyond ASCII escaped ({@code \ud800}), as a client sends text that UTF-8 cannot:
     * written raw, a lone surrogate would become {@code ?} on the way and never reach the platform.
     */
    private static String asciiJson(ObjectNode body) {
        try {
            return ESCAPING.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collectTexts(ObjectNode object, List<ObjectNode> holders, List<String> names) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            JsonNode value = object.get(name);
            if (value.isTextual() && !name.equals("signature")) {
                holders.add(object);
                names.add(name);
            } else if (value instanceof ObjectNode child) {
                collectTexts(child, holders, names);
            }
        }
    }

    /** A correctly signed Data API request whose interval starts or ends at an extreme date. */
    private String extremeInterval(ObjectNode body) {
        ObjectNode interval = body.path("interval") instanceof ObjectNode i ? i : body.putObject("interval");
        interval.put(random.nextBoolean() ? "from" : "to", EXTREME_DATES.get(random.nextInt(EXTREME_DATES.size())));
        if (random.nextInt(4) == 0) {
            interval.put("from", EXTREME_DATES.get(random.nextInt(EXTREME_DATES.size())));
        }
        return signed(body, false).toString();
    }

    /** A notification really signed by the provider, with results that do not fit the payment. */
    private String oddNotification(ObjectNode body) {
        switch (random.nextInt(5)) {
            case 0 -> body.put("payment_id", "fuzz-unknown-" + Integer.toString(random.nextInt(40_000), 36));
            case 1 ->
                body.put(
                        "status",
                        List.of("decline", "processing", "refunded", "").get(random.nextInt(4)));
            case 2 -> body.put("operation_id", 1_000_000L + random.nextInt(1_000_000));
            case 3 -> body.putArray("vouchers");
            default -> body.put("code", "20102").put("status", "decline");
        }
        return signed(body, true).toString();
    }

    private String oddButValid(ObjectNode body) {
        if (!(body.path("general") instanceof ObjectNode general)) {
            return signed(body, false).toString();
        }
        ObjectNode payment = body.path("payment") instanceof ObjectNode p ? p : null;
        switch (random.nextInt(6)) {
            case 0 ->
                general.put("payment_id", "fuzz-" + Integer.toString(random.nextInt(40_000), 36) + "-" + "ÄÖÜ日本\u202e");
            case 1 -> {
                if (payment != null) {
                    payment.put(
                            "amount",
                            List.of(999L, 1000L, 50_000L, 50_001L, 2_500_000L, 2_500_001L)
                                    .get(random.nextInt(6)));
                }
            }
            case 2 -> {
                if (payment != null) {
                    payment.put(
                            "currency",
                            List.of("USD", "eur", "XXX", "JPY", "BHD").get(random.nextInt(5)));
                }
            }
            case 3 ->
                general.put(
                        "project_id",
                        List.of(1L, 999_999_999L, 123_456_789_012L).get(random.nextInt(3)));
            case 4 -> body.put("frame_mode", "iframe");
            default -> general.put("payment_id", "fuzz-" + Integer.toString(random.nextInt(40_000), 36));
        }
        return signed(body, false).toString();
    }

    // ------------------------------------------------------------------ helpers

    private ObjectNode signed(ObjectNode body, boolean provider) {
        if (provider) {
            body.remove("signature");
            return providerSigner.signTopLevel(body);
        }
        if (body.has("token")) {
            body.remove("signature");
            return tokenSigner.signTopLevel(body); // the Data API's token form
        }
        if (body.path("general") instanceof ObjectNode general) {
            general.remove("signature");
            return gateSigner.signInGeneral(body);
        }
        return body;
    }

    /** A random object node of the body (the body itself or one nested in it). */
    private JsonNode pick(ObjectNode body) {
        List<JsonNode> objects = new ArrayList<>();
        collectObjects(body, objects);
        return objects.get(random.nextInt(objects.size()));
    }

    private static void collectObjects(JsonNode node, List<JsonNode> into) {
        if (node.isObject()) {
            into.add(node);
        }
        for (JsonNode child : node) {
            collectObjects(child, into);
        }
    }

    private String randomField(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names.isEmpty() ? null : names.get(random.nextInt(names.size()));
    }

    private JsonNode randomValue(int depth) {
        switch (random.nextInt(depth > 0 ? 14 : 12)) {
            case 0:
                return NODES.nullNode();
            case 1:
                return NODES.booleanNode(random.nextBoolean());
            case 2:
                return NODES.numberNode(random.nextInt(1000) - 500);
            case 3:
                return NODES.numberNode(1_000_000L + Math.abs(random.nextLong() % 1_000_000_000_000L));
            case 4:
                return NODES.numberNode(random.nextDouble() * 1000);
            case 5:
                return NODES.numberNode(new BigDecimal("1e400"));
            case 6:
                return NODES.numberNode(new BigInteger("9223372036854775808123"));
            case 7:
                return NODES.textNode("");
            case 8:
                return NODES.textNode(randomText(1 + random.nextInt(40)));
            case 9:
                return NODES.textNode(List.of("-1", "1e5", "0x10", "NaN", "Infinity", "null", "true", " 12 ")
                        .get(random.nextInt(8)));
            case 10:
                return NODES.numberNode(-Math.abs(random.nextLong() % 100_000L) - 10_000L);
            case 11:
                return NODES.textNode("\u0000\u001f\u202e\ud83d\ude00" + randomText(5));
            case 12: {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(depth - 1));
                }
                return array;
            }
            default: {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set("k" + i, randomValue(depth - 1));
                }
                return object;
            }
        }
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                text.append((char) ('a' + random.nextInt(26)));
            } else if (kind < 8) {
                String structural = "{}[]\":,\\/ ";
                text.append(structural.charAt(random.nextInt(structural.length())));
            } else if (kind < 9) {
                text.append((char) (0x20 + random.nextInt(0x5f)));
            } else {
                text.append((char) (0xa0 + random.nextInt(0x2000)));
            }
        }
        return text.toString().replaceAll("\\d", "");
    }

    private String randomBase64() {
        byte[] bytes = new byte[64];
        random.nextBytes(bytes);
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }

    /** Percent-escapes that decode to no valid UTF-8 (a CESU-8 surrogate, a cut sequence) in a filter or a parameter. */
    private String unencodableQuery() {
        String escaped = List.of("%ED%A0%80", "fuzz%ED%B0%80", "%F0%9F", "%C0%AF", "%ED%A0%BD%ED%B8%80")
                .get(random.nextInt(5));
        String name = List.of("payment_id", "id", "status", "from", "customer_id", "payment_description")
                .get(random.nextInt(6));
        return "?" + name + "=" + escaped;
    }

    /** The dashboard's day filters at the ends of what a date can be ({@code +} escaped, as a browser sends it). */
    private String extremeDateQuery() {
        String date = java.net.URLEncoder.encode(
                EXTREME_DATES.get(random.nextInt(EXTREME_DATES.size())), java.nio.charset.StandardCharsets.UTF_8);
        return switch (random.nextInt(3)) {
            case 0 -> "?from=" + date;
            case 1 -> "?to=" + date;
            default -> "?from=" + date + "&to=" + date + "&status=success";
        };
    }

    private String hostileQuery() {
        return switch (random.nextInt(6)) {
            case 0 -> "";
            case 1 ->
                "?"
                        + java.net.URLEncoder.encode(
                                randomText(1 + random.nextInt(50)), java.nio.charset.StandardCharsets.UTF_8);
            case 2 -> "?project_id=abc&payment_id=%25ZZ&amount=-1&signature=";
            case 3 -> "?a=" + "b".repeat(3000 + random.nextInt(5000));
            case 4 -> "?%00=%00&&&==&x=%E2%82";
            default -> "?project_id=" + (1_000_000 + random.nextInt(1_000_000)) + "&currency=EUR&amount=1000";
        };
    }
}
