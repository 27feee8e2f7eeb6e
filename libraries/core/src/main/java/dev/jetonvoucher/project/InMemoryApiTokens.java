package dev.jetonvoucher.project;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Data API tokens held in memory, as read from the project file's {@code api_tokens}. */
public final class InMemoryApiTokens implements ApiTokens {

    private final Map<String, ApiToken> tokens;

    public InMemoryApiTokens(List<ApiToken> tokens) {
        this.tokens = tokens.stream().collect(Collectors.toUnmodifiableMap(ApiToken::token, Function.identity()));
    }

    @Override
    public Optional<ApiToken> find(String token) {
        return ApiToken.wellFormed(token) ? Optional.ofNullable(tokens.get(token)) : Optional.empty();
    }
}
