package dev.jetonvoucher.aws;

import dev.jetonvoucher.time.UtcText;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** Attribute values, item reading and expression names shared by the DynamoDB adapters. */
final class Items {

    /**
     * ISO-8601 with exactly nine fraction digits. {@link Instant#toString()} drops zero fractions, so its
     * strings do not sort by time ("...:00Z" sorts after "...:00.5Z"); a fixed width makes string order time
     * order, which conditions ({@code expires_at > :now}) and sort keys rely on ({@link UtcText#nanos}; {@link
     * UtcText#parse} reads it back, and any form {@link Instant#parse} reads).
     */
    private static final Pattern NAME_PLACEHOLDER = Pattern.compile("#([A-Za-z0-9_]+)");

    private Items() {}

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue bool(boolean value) {
        return AttributeValue.fromBool(value);
    }

    static AttributeValue instant(Instant value) {
        return AttributeValue.fromS(formatInstant(value));
    }

    static String formatInstant(Instant value) {
        return UtcText.nanos(value);
    }

    /** Puts the value unless it is null: absent attributes stand for null (DynamoDB has no typed null). */
    static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    static void putIfPresent(Map<String, AttributeValue> item, String name, Instant value) {
        if (value != null) {
            item.put(name, instant(value));
        }
    }

    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static String requiredString(Map<String, AttributeValue> item, String name) {
        String value = string(item, name);
        if (value == null) {
            throw missing(item, name);
        }
        return value;
    }

    static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            throw missing(item, name);
        }
        return Long.parseLong(value.n());
    }

    static long numberOrZero(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = string(item, name);
        return value == null ? null : UtcText.parse(value);
    }

    static Instant requiredInstant(Map<String, AttributeValue> item, String name) {
        return UtcText.parse(requiredString(item, name));
    }

    static boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value != null && Boolean.TRUE.equals(value.bool());
    }

    static List<AttributeValue> list(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasL() ? List.of() : value.l();
    }

    /**
     * The {@code ExpressionAttributeNames} for expressions written with {@code #name} placeholders. Every
     * attribute goes through a placeholder (status, type, currency... are reserved words), and DynamoDB
     * rejects unused names, so the map is derived from the expressions themselves.
     */
    static Map<String, String> names(String... expressions) {
        Map<String, String> names = new HashMap<>();
        for (String expression : expressions) {
            if (expression == null) {
                continue;
            }
            Matcher matcher = NAME_PLACEHOLDER.matcher(expression);
            while (matcher.find()) {
                names.put(matcher.group(), matcher.group(1));
            }
        }
        return names;
    }

    /** An update of one item, on a condition (or none: null), with the names of both expressions declared. */
    static Update itemUpdate(
            String table,
            Map<String, AttributeValue> key,
            String update,
            String condition,
            Map<String, AttributeValue> values) {
        return Update.builder()
                .tableName(table)
                .key(key)
                .updateExpression(update)
                .conditionExpression(condition)
                .expressionAttributeNames(names(update, condition))
                .expressionAttributeValues(values)
                .build();
    }

    /** {@code ExpressionAttributeValues} from alternating placeholder / value pairs. */
    static Map<String, AttributeValue> values(Object... placeholdersAndValues) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        for (int i = 0; i < placeholdersAndValues.length; i += 2) {
            values.put((String) placeholdersAndValues[i], (AttributeValue) placeholdersAndValues[i + 1]);
        }
        return values;
    }

    private static IllegalStateException missing(Map<String, AttributeValue> item, String name) {
        AttributeValue pk = item.get("pk");
        return new IllegalStateException("stored item " + (pk == null ? "" : pk.s() + " ") + "has no " + name);
    }
}
