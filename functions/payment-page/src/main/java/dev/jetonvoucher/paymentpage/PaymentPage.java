package dev.jetonvoucher.paymentpage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.gate.Acceptance;
import dev.jetonvoucher.gate.Acknowledgement;
import dev.jetonvoucher.gate.GateRejection;
import dev.jetonvoucher.gate.PaymentRules;
import dev.jetonvoucher.gate.SaleCommand;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.model.VoucherData;
import dev.jetonvoucher.model.VoucherNumbers;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.web.Html;
import dev.jetonvoucher.web.SameOrigin;
import dev.jetonvoucher.web.WebErrors;
import dev.jetonvoucher.web.WebRequest;
import dev.jetonvoucher.web.WebResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The hosted Payment Page: opens the page for a signed request, takes the voucher form's submission into the
 * same sale pipeline as the Gate ({@link Acceptance}, channel {@code payment_page}) and answers the page's
 * status polls.
 *
 * <p>A submission is accepted only from the page itself: a same-origin {@code fetch} ({@link SameOrigin#SCRIPT}:
 * the {@code Origin} header names this host and {@code Sec-Fetch-Site}, where sent, is {@code same-origin}) with a JSON body
 * (which a cross-site HTML form cannot produce) carrying a valid form token for the signed request the page
 * was opened with. The page sets no cookie, so there is no ambient credential to abuse. The security code is
 * read here and handed to {@link Acceptance}, which seals it for the provider; it is never logged, stored or
 * sent back.
 */
public final class PaymentPage {

    public static final String PAGE_PATH = "/payment";
    public static final String SUBMIT_PATH = "/payment/submit";
    public static final String STATUS_PATH = "/payment/status";
    static final int MAX_SUBMISSION_CHARS = 32 * 1024;
    private static final Json.Reader JSON =
            Json.limited(8, MAX_SUBMISSION_CHARS, StreamReadConstraints.DEFAULT_MAX_NUM_LEN);

    private final PaymentPageRequests requests;
    private final PaymentStore payments;
    private final Acceptance acceptance;
    private final PageTokens tokens;
    private final Clock clock;

    public PaymentPage(
            PaymentPageRequests requests,
            PaymentStore payments,
            Acceptance acceptance,
            PageTokens tokens,
            Clock clock) {
        this.requests = requests;
        this.payments = payments;
        this.acceptance = acceptance;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * How the page's routes answer an error ({@link WebErrors}): the opened page ({@code GET /payment}) with the error
     * page in the request's language, the page's script's routes with the platform's JSON error.
     */
    private static final WebErrors ERRORS = WebErrors.pages((request, status, error) -> {
        if (request.method().equals("GET") && request.path().equals(PAGE_PATH)) {
            PageLanguage language = language(request);
            return new WebResponse(
                    status, PageHeaders.html(List.of(), language), PaymentPageHtml.error(error, language));
        }
        return new WebResponse(status, PageHeaders.json(), Acknowledgement.errorJson(error));
    });

    /** Routes one request of the Payment Page's HTTP API; a failure is answered by {@link #errors()}. */
    public WebResponse handle(WebRequest request) {
        return ERRORS.answer(request, () -> switch (request.method() + " " + request.path()) {
            case "GET " + PAGE_PATH -> open(request);
            case "POST " + SUBMIT_PATH -> submit(request);
            case "GET " + STATUS_PATH -> status(request.rawQuery());
            default ->
                request.method().equals("GET")
                        ? PageAssets.find(request.path()).orElseGet(() -> problem(404, "not_found", "Not found"))
                        : problem(405, "method_not_allowed", "Method not allowed");
        });
    }

    /** How the Payment Page's routes answer an error: for the function that serves it. */
    public static WebErrors errors() {
        return ERRORS;
    }

    /**
     * {@code GET /payment?...&signature=...}: the page, or an error page with the platform's code and no form; both
     * in the language of {@code language_code}, else of {@code Accept-Language}, else English ({@link PageLanguage}).
     * A refused request's page follows its {@code language_code} too, signed or not: a language is no secret.
     */
    WebResponse open(WebRequest http) {
        String rawQuery = http.rawQuery();
        Project project = null;
        PageLanguage language = PageLanguage.choose(null, http.header("accept-language"));
        try {
            Map<String, String> params = PaymentPageRequests.parameters(rawQuery);
            language = PageLanguage.choose(params.get("language_code"), http.header("accept-language"));
            project = requests.project(params);
            PaymentPageRequest request = requests.validate(project, params, rawQuery);
            // Checked here so the customer never fills in a form that cannot be paid; the conditional create
            // at submission still decides, should two pages of one payment be open at once.
            if (payments.find(request.key()).isPresent()) {
                throw Acceptance.duplicatePayment(request.key());
            }
            String formToken = tokens.formToken(request.key(), request.merchantSignature());
            return new WebResponse(
                    200,
                    PageHeaders.html(project.paymentPageFrameAncestors(), language),
                    PaymentPageHtml.page(request, formToken, language));
        } catch (GateRejection rejection) {
            Log.info("payment_page.rejected", "code", rejection.code().code(), "field", rejection.field());
            List<String> ancestors = project == null ? List.of() : project.paymentPageFrameAncestors();
            return new WebResponse(
                    rejection.httpStatus(),
                    PageHeaders.html(ancestors, language),
                    PaymentPageHtml.error(rejection, language));
        }
    }

    /** The page's language when the request could not be read as far as its parameters. */
    private static PageLanguage language(WebRequest http) {
        String languageCode;
        try {
            languageCode = PaymentPageRequests.parameters(http.rawQuery()).get("language_code");
        } catch (GateRejection unreadable) {
            languageCode = null;
        }
        return PageLanguage.choose(languageCode, http.header("accept-language"));
    }

    /**
     * {@code POST /payment/submit}: the voucher form, as JSON from the page's script. Its answers are the protocol's
     * (codes, fields, English messages); the page shows them in its own language from its configuration.
     */
    WebResponse submit(WebRequest http) {
        Optional<String> crossSite = SameOrigin.SCRIPT.refusal(http);
        if (crossSite.isPresent()) {
            Log.warn("payment_page.cross_site_refused", "reason", crossSite.get());
            return problem(403, "cross_site", "Submissions are accepted only from the payment page itself");
        }
        String contentType =
                Optional.ofNullable(http.header("content-type")).orElse("").toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("application/json")) {
            return problem(415, "unsupported_media_type", "The form is sent as application/json");
        }
        try {
            JsonNode form = submission(http.body());
            String rawQuery = text(form, "payment_request");
            Map<String, String> params = PaymentPageRequests.parameters(rawQuery);
            Project project = requests.project(params);
            PaymentPageRequest request = requests.validate(project, params, rawQuery);
            if (!tokens.isValidFormToken(text(form, "form_token"), request.key(), request.merchantSignature())) {
                Log.info("payment_page.form_token_refused", "payment", request.key());
                return problem(403, "form_expired", "The form has expired or is not valid: reload the page");
            }
            VoucherData voucher = PaymentRules.voucher(
                    project,
                    text(form, "number"),
                    text(form, "expiration"),
                    text(form, "security_code"),
                    LocalDate.now(clock.withZone(ZoneOffset.UTC)),
                    "");
            SaleCommand sale = new SaleCommand(
                    project,
                    request.key(),
                    request.amount(),
                    request.customerId(),
                    http.sourceIp(),
                    voucher,
                    request.description().orElse(null));
            Acknowledgement accepted = acceptance.acceptSale(sale, Channel.PAYMENT_PAGE);
            Log.info("payment_page.accepted", "payment", request.key(), "request_id", accepted.requestId());
            ObjectNode answer = Json.object();
            answer.put("status", "processing");
            answer.put("payment_id", request.key().paymentId());
            answer.put("status_url", STATUS_PATH + "?token=" + Html.queryComponent(tokens.statusToken(request.key())));
            return new WebResponse(200, PageHeaders.json(), Json.write(answer));
        } catch (GateRejection rejection) {
            Log.info(
                    "payment_page.submission_rejected", "code", rejection.code().code(), "field", rejection.field());
            return new WebResponse(rejection.httpStatus(), PageHeaders.json(), Acknowledgement.errorJson(rejection));
        }
    }

    /** {@code GET /payment/status?token=...}: the payment's status for the page; the voucher only by its last 4 digits. */
    WebResponse status(String rawQuery) {
        Map<String, String> params;
        try {
            params = PaymentPageRequests.parameters(rawQuery);
        } catch (GateRejection rejection) {
            return problem(400, "bad_request", rejection.getMessage());
        }
        Optional<PaymentKey> key = tokens.statusTokenPayment(params.get("token"));
        if (key.isEmpty()) {
            return problem(403, "bad_token", "The status token is not valid");
        }
        Optional<Payment> found = payments.find(key.get());
        if (found.isEmpty()) {
            return problem(404, "not_found", "No such payment");
        }
        Payment payment = found.get();
        ObjectNode answer = Json.object();
        answer.put("payment_id", payment.key().paymentId());
        answer.put("status", payment.status().wire());
        // The page stops polling on this flag, so a final status it does not name (error) still ends the wait.
        answer.put("final", payment.isFinal());
        answer.put("amount", payment.amount().toMajorString());
        answer.put("currency", payment.amount().currency().code());
        VoucherNumbers.lastFour(payment.accountNumber()).ifPresent(last4 -> answer.put("voucher_last4", last4));
        if (payment.resultCode() != null) {
            answer.put("code", payment.resultCode());
            answer.put("message", payment.resultMessage());
        }
        return new WebResponse(200, PageHeaders.json(), Json.write(answer));
    }

    private static JsonNode submission(String body) {
        if (body == null || body.isBlank() || body.length() > MAX_SUBMISSION_CHARS) {
            throw new GateRejection(ResultCode.INVALID_JSON, null, "the form is empty or too large");
        }
        try {
            JsonNode form = JSON.parse(body);
            if (form == null || !form.isObject()) {
                throw new GateRejection(ResultCode.INVALID_JSON, null, "the form must be a JSON object");
            }
            return form;
        } catch (JsonProcessingException e) {
            throw new GateRejection(ResultCode.INVALID_JSON, null, "the form is not valid JSON");
        }
    }

    private static String text(JsonNode form, String name) {
        JsonNode value = form.get(name);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** A refusal that is not one of the platform's codes (wrong origin, expired form, unknown route). */
    private static WebResponse problem(int status, String reason, String message) {
        ObjectNode body = Json.object();
        body.put("status", "error");
        body.put("reason", reason);
        body.put("message", message);
        return new WebResponse(status, PageHeaders.json(), Json.write(body));
    }
}
