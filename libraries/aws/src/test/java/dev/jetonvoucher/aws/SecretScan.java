package dev.jetonvoucher.aws;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Scans every item of some tables for secrets: any attribute value (strings, numbers, inside lists, maps and
 * sets) that holds one of them as a whole token, and any attribute named like a security code. Security codes
 * are four digits, so a plain substring search would find them inside timestamps and random ids; a token
 * (delimited by anything but a letter or digit, or the ends) is how a stored code would show.
 */
final class SecretScan {

    private SecretScan() {}

    /** "table pk attribute.path" for every hit; empty when the tables are clean. */
    static List<String> scan(DynamoDbClient dynamoDb, Iterable<String> tables, Collection<String> secrets) {
        List<String> hits = new ArrayList<>();
        for (String table : tables) {
            dynamoDb.scanPaginator(request -> request.tableName(table).consistentRead(true))
                    .items()
                    .forEach(item -> {
                        AttributeValue pk = item.getOrDefault("pk", item.get("project_id"));
                        String where = table + " " + (pk == null ? "?" : pk.s() != null ? pk.s() : pk.n());
                        item.forEach((name, value) -> inspect(where, name, value, secrets, hits));
                    });
        }
        return hits;
    }

    static boolean holds(String value, String secret) {
        return Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(secret) + "(?![A-Za-z0-9])")
                .matcher(value)
                .find();
    }

    private static void inspect(
            String where, String path, AttributeValue value, Collection<String> secrets, List<String> hits) {
        String lastName = path.substring(path.lastIndexOf('.') + 1).toLowerCase();
        if (lastName.contains("security") || lastName.equals("cvv")) {
            hits.add(where + " " + path + " (attribute name)");
        }
        List<String> scalars = new ArrayList<>();
        if (value.s() != null) {
            scalars.add(value.s());
        }
        if (value.n() != null) {
            scalars.add(value.n());
        }
        if (value.hasSs()) {
            scalars.addAll(value.ss());
        }
        if (value.hasNs()) {
            scalars.addAll(value.ns());
        }
        for (String scalar : scalars) {
            for (String secret : secrets) {
                if (holds(scalar, secret)) {
                    hits.add(where + " " + path + " holds a secret");
                }
            }
        }
        if (value.hasL()) {
            for (int i = 0; i < value.l().size(); i++) {
                inspect(where, path + "[" + i + "]", value.l().get(i), secrets, hits);
            }
        }
        if (value.hasM()) {
            for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
                inspect(where, path + "." + entry.getKey(), entry.getValue(), secrets, hits);
            }
        }
    }
}
