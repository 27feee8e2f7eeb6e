package dev.jetonvoucher.aws;

import dev.jetonvoucher.project.ApiToken;
import dev.jetonvoucher.project.ApiTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Data API tokens as deployed, next to the project secrets in Parameter Store:
 * {@code <PROJECT_SECRETS_PATH>/api-tokens/<token>/secret_key} (SecureString) and
 * {@code <PROJECT_SECRETS_PATH>/api-tokens/<token>/projects} (the ids it may read, comma-separated). The functions
 * may already read that path, and a token belongs to no one project, so it has no item in ProjectsTable. Found tokens
 * are cached for a minute per container, as projects are; an unknown token is not cached.
 */
public final class SsmApiTokens implements ApiTokens {

    static final Duration CACHE_TIME = DynamoProjectDirectory.CACHE_TIME;
    /** Not a number, so never the folder of a project ({@code <path>/<project_id>/secret_key}). */
    public static final String FOLDER = "api-tokens";

    private final SsmParameters ssm;
    private final String tokensPath;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(ApiToken token, Instant until) {}

    public SsmApiTokens(SsmParameters ssm, String secretsPath, Clock clock) {
        this.ssm = ssm;
        this.tokensPath = (secretsPath.endsWith("/") ? secretsPath.substring(0, secretsPath.length() - 1) : secretsPath)
                + "/" + FOLDER;
        this.clock = clock;
    }

    @Override
    public Optional<ApiToken> find(String token) {
        if (!ApiToken.wellFormed(token)) {
            return Optional.empty(); // never part of a parameter name
        }
        Instant now = clock.instant();
        Cached cached = cache.get(token);
        if (cached != null && now.isBefore(cached.until())) {
            return Optional.of(cached.token());
        }
        Optional<String> secret = ssm.secureString(tokensPath + "/" + token + "/secret_key");
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        String projects = ssm.secureString(tokensPath + "/" + token + "/projects")
                .orElseThrow(() ->
                        new IllegalStateException("token " + token + " has no projects parameter under " + tokensPath));
        ApiToken found = new ApiToken(token, secret.get(), projectIds(token, projects));
        cache.put(token, new Cached(found, now.plus(CACHE_TIME)));
        return Optional.of(found);
    }

    private static Set<Long> projectIds(String token, String list) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String id : list.split(",")) {
            try {
                ids.add(Long.parseLong(id.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalStateException("token " + token + ": projects parameter holds \"" + id
                        + "\", not a project id (expected e.g. 239,240)");
            }
        }
        return ids;
    }
}
