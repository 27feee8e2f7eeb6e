package dev.jetonvoucher.project;

import dev.jetonvoucher.model.UnicodeText;
import dev.jetonvoucher.money.CurrencyUnit;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

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
 * @param paymentPageFrameAncestors origins (e.g. {@code https://shop.example}) allowed to embed the project's
 *     Payment Page in a frame, besides the page's own origin; empty for none
 * @param name the project's display name, shown to customers on the Payment Page (e.g. the shop's name); empty
 *     when it has none, and the page names the project by its id
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
        SandboxSettings sandbox,
        List<String> paymentPageFrameAncestors,
        Optional<String> name) {

    /** The longest display name: one line above the amount, on a phone too. */
    public static final int MAX_NAME_LENGTH = 100;
    /** Origins as CSP {@code frame-ancestors} takes them: scheme, host (optionally {@code *.}-prefixed), port. */
    private static final Pattern FRAME_ANCESTOR =
            Pattern.compile("https?://(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?");

    public Project {
        if (projectId <= 0) {
            throw new IllegalArgumentException("project_id must be a positive integer");
        }
        if (secretKey == null || secretKey.isEmpty()) {
            throw new IllegalArgumentException("secret_key of project " + projectId + " is empty");
        }
        if (baseTime.isNegative() || limitTime.compareTo(baseTime) < 0 || limitTime.isZero()) {
            throw new IllegalArgumentException("project " + projectId
                    + ": limit_time_seconds must be positive and not less than base_time_seconds");
        }
        currencies = Set.copyOf(currencies);
        openingBalances = Map.copyOf(openingBalances);
        callbackUrl = callbackUrl == null ? Optional.empty() : callbackUrl;
        paymentPageFrameAncestors =
                paymentPageFrameAncestors == null ? List.of() : List.copyOf(paymentPageFrameAncestors);
        name = name == null ? Optional.empty() : name;
        if (name.isPresent() && !isDisplayName(name.get())) {
            throw new IllegalArgumentException("project " + projectId + ": name must be 1 to " + MAX_NAME_LENGTH
                    + " characters of text, not blank, without control characters");
        }
        for (String origin : paymentPageFrameAncestors) {
            // The value goes into a response header: anything but a plain origin could add CSP directives.
            if (!FRAME_ANCESTOR.matcher(origin).matches()) {
                throw new IllegalArgumentException("project " + projectId + ": payment_page_frame_ancestors entry \""
                        + origin + "\" is not an origin such as https://shop.example or https://*.shop.example:8443");
            }
        }
    }

    /** A project without a display name. */
    public Project(
            long projectId,
            String secretKey,
            Optional<URI> callbackUrl,
            boolean test,
            Set<CurrencyUnit> currencies,
            Duration baseTime,
            Duration limitTime,
            Map<CurrencyUnit, Long> openingBalances,
            SandboxSettings sandbox,
            List<String> paymentPageFrameAncestors) {
        this(
                projectId,
                secretKey,
                callbackUrl,
                test,
                currencies,
                baseTime,
                limitTime,
                openingBalances,
                sandbox,
                paymentPageFrameAncestors,
                Optional.empty());
    }

    /** A project whose Payment Page only its own origin may frame. */
    public Project(
            long projectId,
            String secretKey,
            Optional<URI> callbackUrl,
            boolean test,
            Set<CurrencyUnit> currencies,
            Duration baseTime,
            Duration limitTime,
            Map<CurrencyUnit, Long> openingBalances,
            SandboxSettings sandbox) {
        this(
                projectId,
                secretKey,
                callbackUrl,
                test,
                currencies,
                baseTime,
                limitTime,
                openingBalances,
                sandbox,
                List.of());
    }

    /** The same project with this display name. */
    public Project withName(String displayName) {
        return new Project(
                projectId,
                secretKey,
                callbackUrl,
                test,
                currencies,
                baseTime,
                limitTime,
                openingBalances,
                sandbox,
                paymentPageFrameAncestors,
                Optional.of(displayName));
    }

    /** Text a page can show as one line: no control characters (line breaks included), not blank, well-formed UTF-16. */
    private static boolean isDisplayName(String text) {
        return !text.isBlank()
                && text.length() <= MAX_NAME_LENGTH
                && UnicodeText.isWellFormed(text)
                && text.chars().noneMatch(Character::isISOControl);
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
