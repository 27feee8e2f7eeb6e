package dev.jetonvoucher.functions.dashboard;

import static dev.jetonvoucher.web.Html.attribute;
import static dev.jetonvoucher.web.Html.queryComponent;
import static dev.jetonvoucher.web.Html.text;

import dev.jetonvoucher.analysis.DashboardQuery;
import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.VoucherNumbers;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.BalanceStore.Balance;
import dev.jetonvoucher.payment.CallbackAttempt;
import dev.jetonvoucher.payment.Compensation;
import dev.jetonvoucher.payment.IssuedVoucher;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentStore.LateResult;
import dev.jetonvoucher.time.UtcText;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's HTML. Every dynamic value is escaped for where it stands ({@code text} between tags,
 * {@code attribute} in a quoted attribute value), voucher numbers show only their last four digits, times
 * are UTC, and the only style is the page's own nonce'd {@code <style>} (see the CSP in {@code WebResponses}).
 */
final class Pages {

    private static final String STYLE = """
            *{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;\
            color:#1d2330;background:#f4f6fa}header{display:flex;align-items:center;gap:16px;padding:12px 24px;\
            background:#14213d;color:#fff}header h1{font-size:17px;margin:0;flex:1}header form{margin:0}\
            main{max-width:1180px;margin:0 auto;padding:20px 24px}section{background:#fff;border:1px solid #dde3ee;\
            border-radius:8px;padding:16px 18px;margin-bottom:18px}h2{font-size:15px;margin:0 0 12px}\
            table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e8ecf3;\
            vertical-align:top}th{font-weight:600;color:#4a5468;background:#f7f9fc}td.num,th.num{text-align:right;\
            font-variant-numeric:tabular-nums}.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end}\
            label{display:flex;flex-direction:column;font-size:12px;color:#4a5468;gap:3px}input,select{font:inherit;\
            padding:5px 7px;border:1px solid #b9c2d3;border-radius:5px;background:#fff}button,.button{font:inherit;\
            padding:6px 14px;border-radius:5px;border:1px solid #14213d;background:#14213d;color:#fff;cursor:pointer;\
            text-decoration:none;display:inline-block}.button.light,header button{background:#fff;color:#14213d}\
            .row{display:flex;gap:18px;flex-wrap:wrap}.row>section{flex:1;min-width:320px}.error{background:#fdecea;\
            border-color:#f5c2bd;color:#8a1c12}.badge{padding:1px 8px;border-radius:10px;font-size:12px;color:#fff}\
            .b-success{background:#2e7d32}.b-decline{background:#c62828}.b-error{background:#ef6c00}\
            .b-processing{background:#5c6bc0}.s-success{fill:#2e7d32}.s-decline{fill:#c62828}.s-error{fill:#ef6c00}\
            .s-processing{fill:#5c6bc0}.chart{width:100%;height:auto}.chart .grid{stroke:#e3e8f0}\
            .chart .axis{font-size:11px;fill:#6b7588}\
            .legend{display:flex;gap:14px;font-size:12px;margin-top:6px}.pager{display:flex;gap:10px;margin-top:12px}\
            dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 18px;margin:0}dt{color:#4a5468}dd{margin:0}\
            .muted{color:#6b7588}.c-pending{color:#ef6c00}.c-completed{color:#2e7d32}.c-failed{color:#c62828}.signin{max-width:380px;margin:60px auto}.signin label{margin-bottom:12px}\
            .mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:13px}""";

    private Pages() {}

    static String signIn(String csrfToken, String error, String nonce) {
        StringBuilder body = new StringBuilder("<main><section class=\"signin\"><h2>Sign in to the dashboard</h2>");
        if (error != null) {
            body.append("<p class=\"error\" id=\"sign-in-error\">")
                    .append(text(error))
                    .append("</p>");
        }
        body.append("<form method=\"post\" action=\"/dashboard/sign-in\" autocomplete=\"off\">")
                .append("<input type=\"hidden\" name=\"csrf\" value=\"")
                .append(attribute(csrfToken))
                .append("\">")
                .append(
                        "<label>Project ID<input name=\"project_id\" id=\"project_id\" inputmode=\"numeric\" required></label>")
                .append(
                        "<label>Secret key<input name=\"secret_key\" id=\"secret_key\" type=\"password\" required></label>")
                .append("<button type=\"submit\" id=\"sign-in\">Sign in</button></form>")
                .append("<p class=\"muted\">Use the project's ID and the secret key it signs Gate requests with. ")
                .append("The session lasts two hours.</p></section></main>");
        return page("Sign in", null, body, nonce);
    }

    static String overview(Overview view, String nonce) {
        StringBuilder body = new StringBuilder("<main>");
        filters(body, view.query());
        if (view.error() != null) {
            body.append("<section class=\"error\" id=\"query-error\">")
                    .append(text(view.error()))
                    .append("</section>");
        }
        body.append("<div class=\"row\">");
        balances(body, view.balances());
        totals(body, view);
        body.append("</div><section><h2>Payments per day (UTC)</h2>")
                .append(DailyChart.svg(view.query().period().utcDays(), view.totals()))
                .append("<div class=\"legend\">");
        for (PaymentStatus status : PaymentStatus.values()) {
            body.append("<span><span class=\"badge b-")
                    .append(status.wire())
                    .append("\">&nbsp;</span> ")
                    .append(status.wire())
                    .append("</span>");
        }
        body.append("</div></section>");
        payments(body, view);
        return page("Payments", view.projectId(), body.append("</main>"), nonce);
    }

    private static void filters(StringBuilder body, DashboardQuery query) {
        body.append("<section><form class=\"filters\" method=\"get\" action=\"/dashboard\" id=\"filters\">")
                .append("<label>From<input type=\"date\" name=\"from\" id=\"from\" value=\"")
                .append(query.first())
                .append("\"></label><label>To<input type=\"date\" name=\"to\" id=\"to\" value=\"")
                .append(query.last())
                .append(
                        "\"></label><label>Status<select name=\"status\" id=\"status\"><option value=\"\">any</option>");
        for (PaymentStatus status : PaymentStatus.values()) {
            option(body, status.wire(), query.status().filter(status::equals).isPresent());
        }
        body.append(
                "</select></label><label>Operation<select name=\"type\" id=\"type\"><option value=\"\">any</option>");
        for (OperationType type : OperationType.values()) {
            option(body, type.wire(), query.type().filter(type::equals).isPresent());
        }
        body.append("</select></label><label>Payment ID<input name=\"payment_id\" id=\"payment_id\" value=\"")
                .append(attribute(query.paymentId()))
                .append("\"></label>")
                .append("<button type=\"submit\" id=\"apply\">Apply</button>")
                .append("<a class=\"button light\" id=\"export-csv\" href=\"/dashboard/export.csv?")
                .append(attribute(query.withCursor(null).queryString()))
                .append("\">Export CSV</a>")
                .append("<a class=\"button light\" id=\"export-xlsx\" href=\"/dashboard/export.xlsx?")
                .append(attribute(query.withCursor(null).queryString()))
                .append("\">Export XLSX</a></form></section>");
    }

    private static void option(StringBuilder body, String value, boolean selected) {
        body.append("<option value=\"")
                .append(value)
                .append('"')
                .append(selected ? " selected" : "")
                .append('>')
                .append(value)
                .append("</option>");
    }

    private static void balances(StringBuilder body, Map<CurrencyUnit, Optional<Balance>> balances) {
        body.append(
                        "<section id=\"balances\"><h2>Balance</h2><table><tr><th>Currency</th><th class=\"num\">Available</th>")
                .append(
                        "<th class=\"num\">Reserved</th><th class=\"num\">Paid out</th><th class=\"num\">Credited</th></tr>");
        balances.forEach((currency, balance) -> {
            body.append("<tr><td>").append(currency.code()).append("</td>");
            if (balance.isEmpty()) {
                body.append("<td class=\"muted\" colspan=\"4\">no balance yet</td></tr>");
                return;
            }
            Balance b = balance.get();
            for (Money amount : List.of(b.available(), b.reserved(), b.paidOut(), b.credited())) {
                body.append("<td class=\"num\">").append(amount.toMajorString()).append("</td>");
            }
            body.append("</tr>");
        });
        body.append("</table></section>");
    }

    private static void totals(StringBuilder body, Overview view) {
        Totals totals = view.totals();
        body.append("<section id=\"totals\"><h2>Totals ")
                .append(view.query().first())
                .append(" to ")
                .append(view.query().last())
                .append("</h2><table><tr><th>Status</th><th class=\"num\">Payments</th>")
                .append("<th class=\"num\">Amount</th></tr>");
        for (PaymentStatus status : PaymentStatus.values()) {
            body.append("<tr id=\"total-")
                    .append(status.wire())
                    .append("\"><td><span class=\"badge b-")
                    .append(status.wire())
                    .append("\">")
                    .append(status.wire())
                    .append("</span></td><td class=\"num\">")
                    .append(totals.count(status))
                    .append("</td><td class=\"num\">");
            totals.sums(status)
                    .values()
                    .forEach(sum -> body.append(sum.toString()).append("<br>"));
            body.append("</td></tr>");
        }
        body.append("<tr><th>All</th><th class=\"num\" id=\"total-count\">")
                .append(totals.count())
                .append("</th><th></th></tr></table></section>");
    }

    private static void payments(StringBuilder body, Overview view) {
        body.append("<section><h2>Payments</h2><table id=\"payments\"><tr><th>Created (UTC)</th><th>Payment ID</th>")
                .append("<th>Type</th><th>Status</th><th class=\"num\">Amount</th><th>Code</th><th>Message</th>")
                .append("<th>Account</th></tr>");
        String filters = view.query().withCursor(null).queryString();
        for (Payment payment : view.payments()) {
            body.append("<tr><td>")
                    .append(UtcText.seconds(payment.createdAt()))
                    .append("</td><td><a href=\"/dashboard/payment?id=")
                    .append(attribute(queryComponent(payment.key().paymentId())))
                    .append('&')
                    .append(attribute(filters))
                    .append("\">")
                    .append(text(payment.key().paymentId()))
                    .append("</a></td><td>")
                    .append(payment.type().wire())
                    .append("</td><td>")
                    .append(badge(payment.status()))
                    .append("</td>")
                    .append("<td class=\"num\">")
                    .append(payment.amount().toString())
                    .append("</td><td>")
                    .append(text(payment.resultCode()))
                    .append("</td><td>")
                    .append(text(payment.resultMessage()))
                    .append("</td><td class=\"mono\">")
                    .append(account(payment.accountNumber()))
                    .append("</td></tr>");
        }
        if (view.payments().isEmpty()) {
            body.append("<tr><td colspan=\"8\" class=\"muted\">No payments match.</td></tr>");
        }
        body.append("</table><div class=\"pager\">");
        if (view.query().cursor() != null) {
            body.append("<a class=\"button light\" id=\"first-page\" href=\"/dashboard?")
                    .append(attribute(filters))
                    .append("\">First page</a>");
        }
        if (view.nextCursor() != null) {
            body.append("<a class=\"button light\" id=\"next-page\" href=\"/dashboard?")
                    .append(attribute(view.query().withCursor(view.nextCursor()).queryString()))
                    .append("\">Next page</a>");
        }
        body.append("</div></section>");
    }

    static String payment(PaymentView view, String nonce) {
        Payment p = view.payment();
        StringBuilder body = new StringBuilder("<main><p><a href=\"/dashboard?")
                .append(attribute(view.query().queryString()))
                .append("\" id=\"back\">&larr; Payments</a></p><section id=\"payment\"><h2>Payment ")
                .append(text(p.key().paymentId()))
                .append(' ')
                .append(badge(p.status()))
                .append("</h2><dl>");
        field(body, "Type", p.type().wire());
        field(body, "Amount", p.amount().toString());
        field(body, "Created", time(p.createdAt()));
        field(body, "Updated", time(p.updatedAt()));
        field(body, "Limit time", time(p.limitAt()));
        field(body, "Code", text(p.resultCode()));
        field(body, "Message", text(p.resultMessage()));
        field(body, "Account", account(p.accountNumber()));
        field(body, "Customer", text(p.customerId()));
        field(body, "Description", text(p.description()));
        field(body, "Request ID", "<span class=\"mono\">" + text(p.requestId()) + "</span>");
        field(body, "Provider payment ID", text(p.providerPaymentId()));
        field(body, "Provider date", time(p.providerDate()));
        field(body, "Funds", p.funds().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        field(body, "Callback", p.callbackState().name().toLowerCase(Locale.ROOT));
        body.append("</dl></section><section><h2>Operation</h2><table id=\"operation\"><tr><th>Operation ID</th>")
                .append("<th>Type</th><th>Status</th><th>Created</th><th>Completed</th><th class=\"num\">Amount</th>")
                .append("<th>Code</th><th>Message</th></tr><tr><td class=\"mono\">")
                .append(p.operationId())
                .append("</td><td>")
                .append(p.operationType().wire())
                .append("</td><td>")
                .append(badge(p.status()))
                .append("</td><td>")
                .append(time(p.createdAt()))
                .append("</td><td>")
                .append(p.isFinal() ? time(p.updatedAt()) : "")
                .append("</td><td class=\"num\">")
                .append(p.amount().toString())
                .append("</td><td>")
                .append(text(p.resultCode()))
                .append("</td><td>")
                .append(text(p.resultMessage()))
                .append("</td></tr></table></section>");
        if (!p.vouchers().isEmpty()) {
            body.append("<section><h2>Issued vouchers</h2><table id=\"vouchers\"><tr><th>Voucher</th>")
                    .append("<th class=\"num\">Face value</th><th>Created</th><th>Expires</th></tr>");
            for (IssuedVoucher voucher : p.vouchers()) {
                body.append("<tr><td class=\"mono\">")
                        .append(account(voucher.number()))
                        .append("</td><td class=\"num\">")
                        .append(voucher.faceValue().toString())
                        .append("</td><td>")
                        .append(time(voucher.createdAt()))
                        .append("</td><td>")
                        .append(time(voucher.expiresAt()))
                        .append("</td></tr>");
            }
            body.append("</table></section>");
        }
        body.append("<section><h2>Callback attempts</h2><p id=\"callback-url\">");
        if (view.callbackUrl().isPresent()) {
            body.append("Sent to <span class=\"mono\">")
                    .append(text(view.callbackUrl().get().toString()))
                    .append("</span> (")
                    .append(
                            p.callbackUrl() != null
                                    ? "this payment's own <span class=\"mono\">merchant_callback_url</span>"
                                    : "the project's callback URL")
                    .append(")");
        } else {
            body.append("No callback URL: neither this payment nor the project has one");
        }
        body.append("</p><table id=\"callbacks\"><tr><th>#</th><th>At</th>")
                .append("<th class=\"num\">HTTP status</th><th class=\"num\">Latency</th><th>Error</th></tr>");
        for (CallbackAttempt attempt : view.attempts()) {
            body.append("<tr><td>")
                    .append(attempt.number())
                    .append("</td><td>")
                    .append(time(attempt.at()))
                    .append("</td><td class=\"num\">")
                    .append(attempt.httpStatus() == 0 ? "no response" : attempt.httpStatus())
                    .append("</td><td class=\"num\">")
                    .append(BigDecimal.valueOf(attempt.latency().toNanos(), 6).setScale(1, RoundingMode.HALF_UP))
                    .append(" ms</td><td>")
                    .append(text(attempt.error()))
                    .append("</td></tr>");
        }
        if (view.attempts().isEmpty()) {
            body.append("<tr><td colspan=\"5\" class=\"muted\">No callback sent yet.</td></tr>");
        }
        body.append("</table></section>");
        Compensation compensation = p.compensation();
        if (compensation != null) {
            body.append("<section><h2>Compensation</h2><p id=\"compensation\">")
                    .append(
                            compensation.action() == Compensation.Action.VOID_VOUCHERS
                                    ? "Void the vouchers the provider issued"
                                    : "Reverse the voucher redemption")
                    .append(": <strong class=\"c-")
                    .append(compensation.state().wire())
                    .append("\">")
                    .append(compensation.state().wire())
                    .append("</strong>. ")
                    .append(text(compensation.reason()))
                    .append(". Opened ")
                    .append(time(compensation.openedAt()));
            if (compensation.closedAt() != null) {
                body.append(", closed ")
                        .append(time(compensation.closedAt()))
                        .append(": ")
                        .append(text(compensation.outcome()));
            }
            body.append(
                    ".</p><table id=\"compensation-attempts\"><tr><th>#</th><th>At</th><th>Provider's answer</th></tr>");
            for (Compensation.Attempt attempt : view.compensationAttempts()) {
                body.append("<tr><td>")
                        .append(attempt.number())
                        .append("</td><td>")
                        .append(time(attempt.at()))
                        .append("</td><td>")
                        .append(text(attempt.outcome()))
                        .append("</td></tr>");
            }
            if (view.compensationAttempts().isEmpty()) {
                body.append("<tr><td colspan=\"3\" class=\"muted\">Not tried yet.</td></tr>");
            }
            body.append("</table></section>");
        }
        if (!view.lateResults().isEmpty()) {
            body.append("<section><h2>Late provider results</h2><table id=\"late-results\"><tr><th>Received</th>")
                    .append("<th>Source</th><th>Status</th><th>Code</th><th>Outcome</th></tr>");
            for (LateResult late : view.lateResults()) {
                body.append("<tr><td>")
                        .append(time(late.receivedAt()))
                        .append("</td><td>")
                        .append(text(late.source()))
                        .append("</td><td>")
                        .append(text(late.status()))
                        .append("</td><td>")
                        .append(text(late.code()))
                        .append("</td><td>")
                        .append(text(late.disposition()))
                        .append("</td></tr>");
            }
            body.append("</table></section>");
        }
        return page("Payment " + p.key().paymentId(), view.projectId(), body.append("</main>"), nonce);
    }

    static String message(String title, String message, Long projectId, String nonce) {
        return page(
                title,
                projectId,
                new StringBuilder("<main><section><h2>")
                        .append(text(title))
                        .append("</h2><p>")
                        .append(text(message))
                        .append("</p><p><a href=\"/dashboard\">Payments</a></p></section></main>"),
                nonce);
    }

    private static String page(String title, Long projectId, CharSequence body, String nonce) {
        StringBuilder html = new StringBuilder(body.length() + STYLE.length() + 600)
                .append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(text(title))
                .append(" · Jeton Voucher dashboard</title><style nonce=\"")
                .append(nonce)
                .append("\">")
                .append(STYLE)
                .append("</style></head><body><header><h1>Jeton Voucher dashboard");
        if (projectId != null) {
            html.append(" · project <span id=\"project\">")
                    .append(projectId)
                    .append("</span></h1>")
                    .append(
                            "<form method=\"post\" action=\"/dashboard/sign-out\"><button type=\"submit\" id=\"sign-out\">")
                    .append("Sign out</button></form>");
        } else {
            html.append("</h1>");
        }
        return html.append("</header>").append(body).append("</body></html>").toString();
    }

    private static void field(StringBuilder body, String name, String valueHtml) {
        String shown = valueHtml == null || valueHtml.isEmpty() ? "&ndash;" : valueHtml;
        body.append("<dt>").append(name).append("</dt><dd>").append(shown).append("</dd>");
    }

    private static String badge(PaymentStatus status) {
        return "<span class=\"badge b-" + status.wire() + "\">" + status.wire() + "</span>";
    }

    /** Only the last four digits of a voucher number ever reach a page. */
    private static String account(String voucherNumber) {
        return voucherNumber == null ? "" : VoucherNumbers.mask(voucherNumber);
    }

    private static String time(Instant instant) {
        return instant == null ? "" : UtcText.seconds(instant);
    }

    record Overview(
            long projectId,
            DashboardQuery query,
            String error,
            List<Payment> payments,
            String nextCursor,
            Totals totals,
            Map<CurrencyUnit, Optional<Balance>> balances) {}

    /** @param callbackUrl where the payment's callbacks go (its own URL, else the project's); empty for nowhere */
    record PaymentView(
            long projectId,
            DashboardQuery query,
            Payment payment,
            List<CallbackAttempt> attempts,
            List<LateResult> lateResults,
            List<Compensation.Attempt> compensationAttempts,
            Optional<URI> callbackUrl) {

        PaymentView(
                long projectId,
                DashboardQuery query,
                Payment payment,
                List<CallbackAttempt> attempts,
                List<LateResult> lateResults,
                List<Compensation.Attempt> compensationAttempts) {
            this(
                    projectId,
                    query,
                    payment,
                    attempts,
                    lateResults,
                    compensationAttempts,
                    Optional.ofNullable(payment.callbackUrl()));
        }

        PaymentView(
                long projectId,
                DashboardQuery query,
                Payment payment,
                List<CallbackAttempt> attempts,
                List<LateResult> lateResults) {
            this(projectId, query, payment, attempts, lateResults, List.of());
        }
    }
}
