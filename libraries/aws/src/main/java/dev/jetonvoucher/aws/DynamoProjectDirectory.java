package dev.jetonvoucher.aws;

import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.project.CallbackUrls;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.ProjectDirectory;
import dev.jetonvoucher.project.SandboxSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * Projects as deployed: settings in ProjectsTable (one item per project, attributes named as in the
 * sandbox project file), the secret key in SSM Parameter Store as the SecureString
 * {@code <PROJECT_SECRETS_PATH>/<project_id>/secret_key}, so the table never holds a secret. Looked-up
 * projects are cached for a minute per container; an unknown project is not cached.
 */
public final class DynamoProjectDirectory implements ProjectDirectory {

    static final Duration CACHE_TIME = Duration.ofMinutes(1);

    private final DynamoDbClient dynamo;
    private final String table;
    private final SsmParameters ssm;
    private final String secretsPath;
    private final Clock clock;
    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Project project, Instant until) {}

    public DynamoProjectDirectory(
            DynamoDbClient dynamo, String table, SsmParameters ssm, String secretsPath, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.ssm = ssm;
        this.secretsPath = secretsPath.endsWith("/") ? secretsPath.substring(0, secretsPath.length() - 1) : secretsPath;
        this.clock = clock;
    }

    @Override
    public Optional<Project> find(long projectId) {
        Cached cached = cache.get(projectId);
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.until())) {
            return Optional.of(cached.project());
        }
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder()
                        .tableName(table)
                        .key(Map.of("project_id", AttributeValue.fromN(Long.toString(projectId))))
                        .build())
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        String secret = ssm.secureString(secretsPath + "/" + projectId + "/secret_key")
                .orElseThrow(() -> new IllegalStateException(
                        "project " + projectId + " has no secret_key parameter under " + secretsPath));
        Project project = toProject(projectId, secret, item);
        cache.put(projectId, new Cached(project, now.plus(CACHE_TIME)));
        return Optional.of(project);
    }

    static Project toProject(long projectId, String secret, Map<String, AttributeValue> item) {
        Set<CurrencyUnit> currencies = new LinkedHashSet<>();
        for (String code : item.getOrDefault("currencies", AttributeValue.fromSs(List.of()))
                .ss()) {
            currencies.add(CurrencyUnit.of(code));
        }
        Map<CurrencyUnit, Long> balances = new LinkedHashMap<>();
        if (item.containsKey("balances")) {
            item.get("balances")
                    .m()
                    .forEach((code, value) -> balances.put(CurrencyUnit.of(code), Long.parseLong(value.n())));
        }
        SandboxSettings sandbox = SandboxSettings.NORMAL;
        if (item.containsKey("sandbox")) {
            Map<String, AttributeValue> settings = item.get("sandbox").m();
            sandbox = new SandboxSettings(
                    SandboxSettings.NotificationMode.fromWire(
                            settings.containsKey("provider_notifications")
                                    ? settings.get("provider_notifications").s()
                                    : "normal"),
                    Duration.ofSeconds(
                            settings.containsKey("provider_delay_seconds")
                                    ? Long.parseLong(settings.get("provider_delay_seconds")
                                            .n())
                                    : 0),
                    Duration.ofSeconds(
                            settings.containsKey("provider_outage_seconds")
                                    ? Long.parseLong(settings.get("provider_outage_seconds")
                                            .n())
                                    : 0),
                    !settings.containsKey("provider_cancels")
                            || !Boolean.FALSE.equals(
                                    settings.get("provider_cancels").bool()));
        }
        Optional<URI> callbackUrl = item.containsKey("callback_url")
                ? Optional.of(CallbackUrls.parse(item.get("callback_url").s()))
                : Optional.empty();
        boolean test =
                item.containsKey("test") && Boolean.TRUE.equals(item.get("test").bool());
        List<String> frameAncestors = item.containsKey("payment_page_frame_ancestors")
                ? item.get("payment_page_frame_ancestors").ss()
                : List.of();
        Optional<String> name =
                item.containsKey("name") ? Optional.of(item.get("name").s()) : Optional.empty();
        return new Project(
                projectId,
                secret,
                callbackUrl,
                test,
                currencies,
                Duration.ofSeconds(Long.parseLong(item.get("base_time_seconds").n())),
                Duration.ofSeconds(Long.parseLong(item.get("limit_time_seconds").n())),
                balances,
                sandbox,
                frameAncestors,
                name);
    }
}
