package dev.jetonvoucher.project;

import dev.jetonvoucher.money.CurrencyUnit;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A merchant's project: its credentials, the currencies agreed for it, its timing and its sandbox behaviour.
 *
 * @param projectId the ECommPay project id
 * @param secretKey the key every signed message of this project is signed with
 * @param callbackUrl where result callbacks go; empty when the project has none
 * @param test whether the method's testing mode applies (40000 and 40400 decline, anything else succeeds)
 * @param currencies the currencies enabled for the project
 * @param baseTime after this the platform polls the provider for a missing result
 * @param limitTime after this an unfinished payment is declined with 20602 "Time-out"
 * @param openingBalances the merchant's payout balance per currency (minor units) when the project is first seen
 * @param sandbox how the Jeton sandbox provider behaves for this project
 */
public record Project(
        long projectId,
        String secretKey,
        Optional<URI> callbackUrl,
        boolean test,
        Set<CurrencyUnit> currencies,
        Duration baseTime,
        Duration limitTime,
        Map<CurrencyUnit, Long> openingBalances,
        SandboxSettings sandbox) {

    public Project {
        if (projectId <= 0) {
            throw new IllegalArgumentException("project_id must be a positive integer");
        }
        if (secretKey == null || secretKey.isEmpty()) {
            throw new IllegalArgumentException("secret_key of project " + projectId + " is empty");
        }
        if (baseTime.isNegative() || limitTime.compareTo(baseTime) < 0 || limitTime.isZero()) {
            throw new IllegalArgumentException(
                    "project " + projectId + ": limit_time_seconds must be positive and not less than base_time_seconds");
        }
        currencies = Set.copyOf(currencies);
        openingBalances = Map.copyOf(openingBalances);
        callbackUrl = callbackUrl == null ? Optional.empty() : callbackUrl;
    }

    public boolean accepts(CurrencyUnit currency) {
        return currencies.contains(currency);
    }

    /** Never prints the secret key. */
    @Override
    public String toString() {
        return "Project[" + projectId + (test ? ", test" : "") + ", currencies=" + currencies + "]";
    }
}
