package dev.jetonvoucher.paymentpage;

import dev.jetonvoucher.gate.GateRejection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders the Payment Page and its error page; every value is escaped by {@link PageTemplate} for its place. */
public final class PaymentPageHtml {

    static final Duration POLL_INTERVAL = Duration.ofMillis(1000);
    /** The page stops polling (the merchant still gets the callback) well after any project's limit time. */
    static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);
    private static final PageTemplate PAGE = PageTemplate.load("payment-page.html");
    private static final PageTemplate ERROR = PageTemplate.load("error-page.html");

    private PaymentPageHtml() {
    }

    /** The page for a valid request: the method list, or the voucher form at once when it was forced. */
    public static String page(PaymentPageRequest request, String formToken) {
        String amount = request.amount().toMajorString() + " " + request.amount().currency().code();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("paymentId", request.key().paymentId());
        config.put("successUrl", request.merchantSuccessUrl().orElse(null));
        config.put("failUrl", request.merchantFailUrl().orElse(null));
        config.put("pollIntervalMs", POLL_INTERVAL.toMillis());
        config.put("giveUpAfterMs", GIVE_UP_AFTER.toMillis());
        // The server's rule (PaymentRules.voucher): a test project checks the form only, not the expiry.
        config.put("acceptsExpiredVouchers", request.project().test());

        Map<String, Object> values = new LinkedHashMap<>();
        values.put("language", request.languageCode());
        values.put("view", request.opensVoucherFormDirectly() ? "voucher" : "methods");
        values.put("direct", Boolean.toString(request.opensVoucherFormDirectly()));
        values.put("amount", amount);
        values.put("project_id", Long.toString(request.project().projectId()));
        values.put("payment_id", request.key().paymentId());
        values.put("description", request.description().orElse(""));
        values.put("payment_request", request.rawQuery());
        values.put("form_token", formToken);
        values.put("config", config);
        return PAGE.render(values);
    }

    /** The error page: the platform's code and message, and no form. */
    public static String error(GateRejection rejection) {
        return ERROR.render(Map.of("code", rejection.code().code(), "message", rejection.getMessage()));
    }
}
