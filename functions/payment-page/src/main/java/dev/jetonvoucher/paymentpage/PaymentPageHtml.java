package dev.jetonvoucher.paymentpage;

import dev.jetonvoucher.gate.GateRejection;
import dev.jetonvoucher.model.ResultCode;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders the Payment Page and its error page in the customer's language; every value is escaped by
 * {@link PageTemplate} for its place.
 */
public final class PaymentPageHtml {

    static final Duration POLL_INTERVAL = Duration.ofMillis(1000);
    /** The page stops polling (the merchant still gets the callback) well after any project's limit time. */
    static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);

    private static final Map<PageLanguage, PageTemplate> PAGE = templates("payment-page.html");
    private static final Map<PageLanguage, PageTemplate> ERROR = templates("error-page.html");

    private PaymentPageHtml() {}

    /** The page for a valid request: the method list, or the voucher form at once when it was forced. */
    public static String page(PaymentPageRequest request, String formToken, PageLanguage language) {
        PageMessages messages = PageMessages.of(language);
        String amount = request.amount().toMajorString().replace(".", messages.text("script.decimal_separator")) + " "
                + request.amount().currency().code();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("paymentId", request.key().paymentId());
        config.put("successUrl", request.merchantSuccessUrl().orElse(null));
        config.put("failUrl", request.merchantFailUrl().orElse(null));
        config.put("pollIntervalMs", POLL_INTERVAL.toMillis());
        config.put("giveUpAfterMs", GIVE_UP_AFTER.toMillis());
        // The server's rule (PaymentRules.voucher): a test project checks the form only, not the expiry.
        config.put("acceptsExpiredVouchers", request.project().test());
        // The script's texts and the result codes' texts in the page's language: the script has none of its own.
        config.put("messages", messages.withPrefix("script."));
        config.put("codes", messages.withPrefix("code."));

        Map<String, Object> values = new LinkedHashMap<>();
        values.put("language", language.code());
        values.put("view", request.opensVoucherFormDirectly() ? "voucher" : "methods");
        values.put("direct", Boolean.toString(request.opensVoucherFormDirectly()));
        values.put("amount", amount);
        values.put(
                "payee",
                request.project()
                        .name()
                        .map(name -> messages.format("summary.payee_named", Map.of("name", name)))
                        .orElseGet(() -> messages.format(
                                "summary.payee_project",
                                Map.of(
                                        "project_id",
                                        Long.toString(request.project().projectId())))));
        values.put("payment_id", request.key().paymentId());
        values.put("description", request.description().orElse(""));
        values.put("payment_request", request.rawQuery());
        values.put("form_token", formToken);
        values.put("config", config);
        return PAGE.get(language).render(values);
    }

    /**
     * The error page: the code, its text in the page's language and the parameter at fault, and no form. The
     * platform's own message (the {@code message} of the protocol, in English as ECommPay's) is kept under
     * "details" for the merchant's developers.
     */
    public static String error(GateRejection rejection, PageLanguage language) {
        PageMessages messages = PageMessages.of(language);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("language", language.code());
        values.put("code", rejection.code().code());
        values.put("message", codeText(messages, rejection.code()));
        values.put(
                "field",
                rejection.field() == null
                        ? ""
                        : messages.format("error.field", Map.of("field", parameterName(rejection.field()))));
        values.put("detail", rejection.getMessage());
        return ERROR.get(language).render(values);
    }

    /** The Payment Page parameter a rejection names: the Gate's rules name it by its JSON path ({@code general.payment_id}). */
    private static String parameterName(String field) {
        return field.substring(field.lastIndexOf('.') + 1);
    }

    private static String codeText(PageMessages messages, ResultCode code) {
        return messages.text("code." + code.code());
    }

    private static Map<PageLanguage, PageTemplate> templates(String resourceName) {
        Map<PageLanguage, PageTemplate> templates = new EnumMap<>(PageLanguage.class);
        for (PageLanguage language : PageLanguage.values()) {
            templates.put(language, PageTemplate.load(resourceName, PageMessages.of(language)));
        }
        return templates;
    }
}
