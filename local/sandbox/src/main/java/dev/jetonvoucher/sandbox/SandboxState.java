package dev.jetonvoucher.sandbox;

import dev.jetonvoucher.local.LocalAwsEndpoint;
import dev.jetonvoucher.local.LocalParameterStore;
import dev.jetonvoucher.local.SamTemplate;
import dev.jetonvoucher.local.TemplateResources;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Where a sandbox's tables, queues and keys live, and so whether a restart resumes.
 * <ul>
 *   <li>Persistent, on an endpoint someone else runs ({@code --aws-endpoint} / {@code AWS_ENDPOINT_URL}): the
 *       template's resources under the stable prefix {@code NAME-}, created only when missing, and the platform
 *       keys (ProviderSigningKey, VoucherTransitKey) generated once and kept where the deployed functions read them:
 *       SecureString parameters of SSM Parameter Store on the same endpoint, {@code /jeton-voucher/NAME-keys/…}
 *       (rotated there, as deployed: docs/deploy.md). A restart, even after {@code kill -9}, finds the same payments,
 *       balances, queued work and keys. (States made before the keys moved to SSM kept them in the table
 *       {@code NAME-SandboxState}; those are carried over on the first start.)</li>
 *   <li>Ephemeral, on the sandbox's own endpoint: fresh names and keys, gone when the sandbox stops.</li>
 * </ul>
 */
final class SandboxState {

    /** The state name {@code bin/sandbox} uses unless {@code --state-prefix} says otherwise. */
    static final String DEFAULT_NAME = "sandbox";
    /** The table in which persistent sandboxes kept their platform keys before the keys moved to SSM. */
    static final String STATE_TABLE = "SandboxState";
    /**
     * Letters, digits, '-' and '_', like every resource name; at most 40, so that the longest queue name
     * (NAME-ProviderNotificationDeadLetterQueue) stays within SQS's 80 characters.
     */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    private static final String KEY_ATTRIBUTE = "name";
    private static final String KEYS_ITEM = "platform-keys";
    private static final String PROVIDER_SIGNING_KEY = "ProviderSigningKey";
    private static final String VOUCHER_TRANSIT_KEY = "VoucherTransitKey";

    private final String prefix;
    private final Map<String, String> parameters;
    private final String description;

    private SandboxState(String prefix, Map<String, String> parameters, String description) {
        this.prefix = prefix;
        this.parameters = Map.copyOf(parameters);
        this.description = description;
    }

    /** Persistent on an external endpoint, ephemeral on one this process started. */
    static SandboxState on(LocalAwsEndpoint endpoint, String name) {
        return endpoint.external() ? persistent(endpoint, name) : ephemeral(name);
    }

    /** Fresh names and keys: nothing from an earlier run is found, and nothing outlives this one. */
    static SandboxState ephemeral(String name) {
        return new SandboxState(
                name + "-" + Instant.now().getEpochSecond() + "-",
                Sandbox.localParameters(),
                "ephemeral (own endpoint; stops with the sandbox)");
    }

    /** The state named {@code name} on {@code endpoint}: its keys read back, or generated and kept on first use. */
    static SandboxState persistent(LocalAwsEndpoint endpoint, String name) {
        requireValidName(name);
        String prefix = name + "-";
        Map<String, String> offered =
                keysKeptInTable(endpoint.dynamoDb(), prefix + STATE_TABLE).orElseGet(Sandbox::localParameters);
        LocalParameterStore store = new LocalParameterStore(endpoint);
        Map<String, String> kept = new LinkedHashMap<>();
        TemplateResources.platformKeyParameters(SamTemplate.load(SamTemplate.locate()), prefix)
                .forEach((key, parameter) -> {
                    // written only where no key is kept yet, so two sandboxes starting at once on one prefix agree, and
                    // a
                    // rotated key stays rotated
                    store.putIfAbsent(parameter, offered.get(key));
                    kept.put(
                            key,
                            store.get(parameter).orElseThrow(() -> new IllegalStateException(parameter + " vanished")));
                });
        return new SandboxState(prefix, kept, "persistent on " + endpoint.endpoint() + " (prefix " + prefix + ")");
    }

    /** @throws IllegalArgumentException when {@code name} cannot begin table and queue names ({@link #NAME}) */
    static String requireValidName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "a state prefix is 1 to 40 letters, digits, '-' or '_', got \"" + name + "\"");
        }
        return name;
    }

    /** The prefix of the template's tables and queues. */
    String prefix() {
        return prefix;
    }

    /** The template's parameters without a default: the platform keys. Never to be printed. */
    Map<String, String> parameters() {
        return parameters;
    }

    /** For the startup banner: "persistent on URL (prefix NAME-)" or "ephemeral (…)". */
    String description() {
        return description;
    }

    /** The keys a state made before they moved to SSM kept in its table, to be carried over once. */
    private static Optional<Map<String, String>> keysKeptInTable(DynamoDbClient dynamoDb, String table) {
        Map<String, AttributeValue> item;
        try {
            item = dynamoDb.getItem(request -> request.tableName(table)
                            .consistentRead(true)
                            .key(Map.of(KEY_ATTRIBUTE, AttributeValue.fromS(KEYS_ITEM))))
                    .item();
        } catch (ResourceNotFoundException noSuchTable) {
            return Optional.empty();
        }
        String providerKey = text(item, PROVIDER_SIGNING_KEY);
        String transitKey = text(item, VOUCHER_TRANSIT_KEY);
        if (providerKey == null || transitKey == null) {
            return Optional.empty();
        }
        return Optional.of(Map.of(PROVIDER_SIGNING_KEY, providerKey, VOUCHER_TRANSIT_KEY, transitKey));
    }

    private static String text(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item == null ? null : item.get(attribute);
        return value == null ? null : value.s();
    }
}
