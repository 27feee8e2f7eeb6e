package dev.jetonvoucher.paymentpage;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The languages the Payment Page speaks, each with its bundle {@code messages_<code>.properties}, and how one is
 * chosen for a request: the Payment Page parameter {@code language_code} when the page has that language, else
 * the browser's {@code Accept-Language} (by q-value), else {@link #DEFAULT}. A language the page does not have is
 * never an error: it is passed over like an absent one.
 */
public enum PageLanguage {
    EN("en"),
    RU("ru");

    public static final PageLanguage DEFAULT = EN;

    /** {@code language_code}: ISO 639-1, in any case; a region or script after it ({@code ru-RU}, {@code ru_RU}) is ignored. */
    private static final Pattern LANGUAGE_CODE = Pattern.compile("([a-z]{2})(?:[-_][a-z0-9]{1,8})*");
    /** One element of Accept-Language (RFC 9110 §12.5.4): a language range and an optional weight. */
    private static final Pattern ACCEPTED = Pattern.compile(
            "\\s*(\\*|[a-z]{1,8}(?:-[a-z0-9]{1,8})*)\\s*(?:;\\s*q\\s*=\\s*(0(?:\\.[0-9]{0,3})?|1(?:\\.0{0,3})?))?\\s*");
    /** A header longer than any browser sends is read only this far, so it costs nothing to send a huge one. */
    private static final int MAX_HEADER_CHARS = 1024;

    private final String code;

    PageLanguage(String code) {
        this.code = code;
    }

    /** The ISO 639-1 code, as {@code <html lang>} and {@code Content-Language} take it. */
    public String code() {
        return code;
    }

    /**
     * The normalised {@code language_code} of a request (its ISO 639-1 part, lower case); empty when the value is
     * absent or not shaped like a language code at all.
     */
    public static Optional<String> requestedCode(String languageCode) {
        if (languageCode == null) {
            return Optional.empty();
        }
        Matcher code = LANGUAGE_CODE.matcher(languageCode.trim().toLowerCase(Locale.ROOT));
        return code.matches() ? Optional.of(code.group(1)) : Optional.empty();
    }

    /** The page's language of this ISO 639-1 code (see {@link #requestedCode}); empty when the page has no such language. */
    public static Optional<PageLanguage> of(String languageCode) {
        return requestedCode(languageCode).flatMap(requested -> {
            for (PageLanguage language : values()) {
                if (language.code.equals(requested)) {
                    return Optional.of(language);
                }
            }
            return Optional.empty();
        });
    }

    /**
     * @param languageCode the request's {@code language_code}, or null
     * @param acceptLanguage the {@code Accept-Language} header, or null
     */
    public static PageLanguage choose(String languageCode, String acceptLanguage) {
        return of(languageCode).or(() -> fromAcceptLanguage(acceptLanguage)).orElse(DEFAULT);
    }

    /**
     * The language the browser prefers most among the page's, by RFC 9110 weights: a language takes the highest
     * q of the ranges naming it by their primary subtag ({@code ru-RU} names {@code ru}), otherwise the q of
     * {@code *}; q=0 means "not this one". Among equal weights the one named first wins. A malformed element is
     * skipped, not the whole header. Empty when none of the page's languages is acceptable.
     */
    static Optional<PageLanguage> fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String[] elements = header.substring(0, Math.min(header.length(), MAX_HEADER_CHARS))
                .toLowerCase(Locale.ROOT)
                .split(",");
        int[] weight = new int[values().length];
        int[] position = new int[values().length];
        Arrays.fill(weight, -1);
        int wildcardWeight = -1;
        int wildcardPosition = 0;
        for (int i = 0; i < elements.length; i++) {
            Matcher element = ACCEPTED.matcher(elements[i]);
            if (!element.matches()) {
                continue;
            }
            int q = thousandths(element.group(2));
            String range = element.group(1);
            if (range.equals("*")) {
                if (wildcardWeight < 0) {
                    wildcardWeight = q;
                    wildcardPosition = i;
                }
                continue;
            }
            int dash = range.indexOf('-');
            String primary = dash < 0 ? range : range.substring(0, dash);
            for (PageLanguage language : values()) {
                if (language.code.equals(primary) && q > weight[language.ordinal()]) {
                    weight[language.ordinal()] = q;
                    position[language.ordinal()] = i;
                }
            }
        }
        PageLanguage best = null;
        int bestWeight = 0;
        int bestPosition = Integer.MAX_VALUE;
        // DEFAULT first, so that when only "*" makes languages acceptable, the default is the one taken.
        for (PageLanguage language : candidates()) {
            int q = weight[language.ordinal()] >= 0 ? weight[language.ordinal()] : wildcardWeight;
            int at = weight[language.ordinal()] >= 0 ? position[language.ordinal()] : wildcardPosition;
            if (q > bestWeight || (q == bestWeight && q > 0 && at < bestPosition)) {
                best = language;
                bestWeight = q;
                bestPosition = at;
            }
        }
        return Optional.ofNullable(best);
    }

    private static PageLanguage[] candidates() {
        PageLanguage[] ordered = values();
        for (int i = 0; i < ordered.length; i++) {
            if (ordered[i] == DEFAULT) {
                ordered[i] = ordered[0];
                ordered[0] = DEFAULT;
            }
        }
        return ordered;
    }

    /** A qvalue in thousandths: absent is 1 (1000). */
    private static int thousandths(String qvalue) {
        if (qvalue == null) {
            return 1000;
        }
        String digits = (qvalue.contains(".") ? qvalue.substring(qvalue.indexOf('.') + 1) : "") + "000";
        return Integer.parseInt(qvalue.substring(0, 1)) * 1000 + Integer.parseInt(digits.substring(0, 3));
    }
}
