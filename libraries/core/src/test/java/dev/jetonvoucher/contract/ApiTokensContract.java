package dev.jetonvoucher.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.project.ApiToken;
import dev.jetonvoucher.project.ApiTokens;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every {@link ApiTokens} must do: give a Data API token back with its secret and projects, or nothing. */
public abstract class ApiTokensContract {

    /** The token each store under test holds (and no other). */
    protected static final ApiToken ANALYST = new ApiToken("tok-analyst-1", "token-secret-1", Set.of(240L, 239L));

    /** A store that holds {@link #ANALYST}. */
    protected abstract ApiTokens tokens();

    @Test
    void a_token_is_read_with_its_secret_and_the_projects_it_may_read() {
        ApiToken token = tokens().find("tok-analyst-1").orElseThrow();
        assertEquals("token-secret-1", token.secretKey());
        assertEquals(List.of(239L, 240L), List.copyOf(token.projects()), "in ascending order");
        assertTrue(token.mayRead(240));
    }

    @Test
    void an_unknown_token_is_empty() {
        assertTrue(tokens().find("tok-nobody").isEmpty());
        assertTrue(tokens().find("TOK-ANALYST-1").isEmpty(), "names are case-sensitive");
    }

    @Test
    void a_name_not_of_a_tokens_form_is_empty_without_a_lookup() {
        for (String odd : new String[] {"", "tok-analyst-1/../x", "tok analyst", "x".repeat(129), "ü"}) {
            assertTrue(tokens().find(odd).isEmpty(), odd);
        }
        assertTrue(tokens().find(null).isEmpty());
    }
}
