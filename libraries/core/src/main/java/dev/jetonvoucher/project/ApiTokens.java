package dev.jetonvoucher.project;

import java.util.Optional;

/**
 * Where Data API tokens are looked up: the project file's {@code api_tokens} locally, Parameter Store next to the
 * project secrets when deployed.
 */
public interface ApiTokens {

    /** The token with this name, or empty (also for a name that is not of a token's form). */
    Optional<ApiToken> find(String token);
}
