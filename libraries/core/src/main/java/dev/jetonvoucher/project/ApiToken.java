package dev.jetonvoucher.project;

import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A Data API token, as a Dashboard user's API token in ECommPay: a request names {@code token} and is signed with the
 * token's secret key, and may read the listed projects only.
 *
 * @param token the token's name as requests carry it
 * @param secretKey the key requests are signed with and answers are signed with
 * @param projects the projects the token may read (at least one), in ascending order
 */
public record ApiToken(String token, String secretKey, SortedSet<Long> projects) {

    /** What a token may look like: it is part of a Parameter Store name when deployed, so nothing that could leave it. */
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    public ApiToken {
        if (!wellFormed(token)) {
            throw new IllegalArgumentException(
                    "token \"" + token + "\" must be 1 to 128 letters, digits, '_', '.' or '-'");
        }
        if (secretKey == null || secretKey.isEmpty()) {
            throw new IllegalArgumentException("token " + token + ": secret_key is empty");
        }
        if (projects == null || projects.isEmpty()) {
            throw new IllegalArgumentException("token " + token + ": projects must list at least one project");
        }
        if (projects.stream().anyMatch(id -> id <= 0)) {
            throw new IllegalArgumentException("token " + token + ": a project id must be a positive integer");
        }
        projects = Collections.unmodifiableSortedSet(new TreeSet<>(projects));
    }

    public ApiToken(String token, String secretKey, Set<Long> projects) {
        this(token, secretKey, new TreeSet<>(projects));
    }

    /** Whether {@code token} has a token's form; anything else names no token and is never looked up. */
    public static boolean wellFormed(String token) {
        return token != null && FORM.matcher(token).matches();
    }

    public boolean mayRead(long projectId) {
        return projects.contains(projectId);
    }

    /** Never prints the secret key. */
    @Override
    public String toString() {
        return "ApiToken[" + token + ", projects=" + projects + "]";
    }
}
