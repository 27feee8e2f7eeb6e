package dev.jetonvoucher.paymentpage;

import dev.jetonvoucher.gate.GateRejection;
import dev.jetonvoucher.gate.PaymentRules;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.ProjectDirectory;
import dev.jetonvoucher.signing.PaymentPageUrl;
import dev.jetonvoucher.signing.Signer;
import dev.jetonvoucher.web.Html;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Payment Page opening requests the way the platform checks them, in the Gate's order: project
 * (2004/2442), signature over every decoded parameter but {@code signature} and {@code frame_mode}
 * (3262/3261), required parameters (2004), then values with the Gate's own rules ({@link PaymentRules}):
 * payment id (3024), amount and currency (502/3121/3358), one voucher's face value (2642), texts and return
 * URLs (502). Any other Payment Page parameter is accepted as signed and otherwise ignored.
 */
public final class PaymentPageRequests {

    public static final String JETON_VOUCHER_METHOD = "jetonVoucher";
    static final List<String> REQUIRED = List.of("payment_id", "payment_currency", "payment_amount", "customer_id");
    private static final int MAX_QUERY_CHARS = 16 * 1024;

    private final ProjectDirectory projects;

    public PaymentPageRequests(ProjectDirectory projects) {
        this.projects = projects;
    }

    /** The decoded parameters of a raw query string (502 when it is too long, malformed or repeats a name). */
    public static Map<String, String> parameters(String rawQuery) {
        if (rawQuery != null && rawQuery.length() > MAX_QUERY_CHARS) {
            throw new GateRejection(
                    ResultCode.VALIDATION_ERROR, null, "the request exceeds " + MAX_QUERY_CHARS + " characters");
        }
        try {
            return PaymentPageUrl.parseQuery(rawQuery);
        } catch (IllegalArgumentException e) {
            throw new GateRejection(ResultCode.VALIDATION_ERROR, null, e.getMessage());
        }
    }

    /** The request's project, found before anything else is believed (2004 without one, 2442 unknown). */
    public Project project(Map<String, String> params) {
        String projectId = params.get("project_id");
        if (projectId == null || projectId.isEmpty()) {
            throw GateRejection.missing("project_id");
        }
        return PaymentRules.project(projects, projectId, "project_id");
    }

    /** Checks the signature with the project's secret, then the parameters. */
    public PaymentPageRequest validate(Project project, Map<String, String> params, String rawQuery) {
        PaymentRules.requireValidSignature(new Signer(project.secretKey()).checkParams(params), "signature");
        for (String name : REQUIRED) {
            String value = params.get(name);
            if (value == null || value.isEmpty()) {
                throw GateRejection.missing(name);
            }
        }
        PaymentKey key = PaymentRules.paymentKey(project, params.get("payment_id"), "payment_id");
        Money amount = PaymentRules.amount(
                project,
                PaymentRules.positiveMinorUnits(params.get("payment_amount")),
                params.get("payment_currency"),
                "payment_amount",
                "payment_currency");
        PaymentRules.requireWithinOneVoucher(amount, "payment_amount");
        String customerId = PaymentRules.optionalText(params.get("customer_id"), "customer_id");
        Optional<String> description = optional(params, "payment_description")
                .map(text -> PaymentRules.optionalText(text, "payment_description"));
        Optional<String> language = PageLanguage.requestedCode(params.get("language_code"));
        return new PaymentPageRequest(
                project,
                key,
                amount,
                customerId,
                description,
                language,
                optional(params, "force_payment_method"),
                returnUrl(params, "merchant_success_url"),
                returnUrl(params, "merchant_fail_url"),
                rawQuery == null ? "" : rawQuery,
                params.get("signature"));
    }

    /** A return URL is shown to the customer as a link: only absolute http(s) URLs are links (502 otherwise). */
    private static Optional<String> returnUrl(Map<String, String> params, String name) {
        Optional<String> url = optional(params, name);
        if (url.isPresent() && (!Html.isHttpUrl(url.get()) || url.get().length() > 2048)) {
            throw new GateRejection(ResultCode.VALIDATION_ERROR, name, name + " must be an absolute http(s) URL");
        }
        return url;
    }

    private static Optional<String> optional(Map<String, String> params, String name) {
        return Optional.ofNullable(params.get(name)).filter(value -> !value.isEmpty());
    }
}
