package dev.jetonvoucher.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.signing.SignatureCheck;
import dev.jetonvoucher.web.Html;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /sandbox/inbox.html}: the recorded callbacks as one self-contained page (no scripts, no
 * external resources), newest first. Every value is HTML-escaped, since payment ids and descriptions are
 * whatever a merchant sent; voucher numbers show only their last four digits and security codes never.
 */
final class InboxPage {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String STYLE = """
            body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; width: 100%; }
            th, td { text-align: left; padding: .35em .6em; border-bottom: 1px solid #ddd; vertical-align: top; }
            th { background: #f4f4f4; }
            code, .mono { font-family: ui-monospace, monospace; }
            .success, .valid { color: #17702a; font-weight: 600; }
            .decline, .invalid, .missing { color: #b3261e; font-weight: 600; }
            .hint { color: #555; }
            """;

    private InboxPage() {}

    static String render(List<CallbackInbox.Received> callbacks, String baseUrl) {
        StringBuilder html = new StringBuilder(4096)
                .append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"refresh\" content=\"5\">")
                .append("<title>Sandbox callback inbox</title><style>")
                .append(STYLE)
                .append("</style></head><body>\n")
                .append("<h1>Callback inbox</h1>\n")
                .append("<p class=\"hint\">Signed result callbacks of projects without a callback URL of their own, ")
                .append("newest first; the page refreshes every 5 s. JSON: <code>GET /sandbox/inbox</code>. ")
                .append("Replay one to your endpoint: <code>curl -X POST ")
                .append(Html.text(baseUrl))
                .append(CallbackInbox.PATH)
                .append("/INDEX/replay ")
                .append("-d '{&quot;url&quot;: &quot;http://127.0.0.1:8081/callbacks&quot;}'</code></p>\n");
        if (callbacks.isEmpty()) {
            return html.append("<p>No callbacks yet.</p>\n</body></html>\n").toString();
        }
        html.append("<table><thead><tr><th>#</th><th>received (UTC)</th><th>project</th><th>payment id</th>")
                .append("<th>operation</th><th>amount</th><th>status</th><th>code</th><th>signature</th>")
                .append("<th>voucher</th></tr></thead><tbody>\n");
        for (int i = callbacks.size() - 1; i >= 0; i--) {
            row(html, callbacks.get(i));
        }
        return html.append("</tbody></table>\n</body></html>\n").toString();
    }

    private static void row(StringBuilder html, CallbackInbox.Received entry) {
        JsonNode callback = entry.maskedCallback();
        JsonNode payment = callback.path("payment");
        JsonNode operation = callback.path("operation");
        String status = payment.path("status").asText();
        String signature = entry.signature().name().toLowerCase(Locale.ROOT);
        html.append("<tr>")
                .append(cell(Integer.toString(entry.index())))
                .append(cell(TIME.format(entry.receivedAt())))
                .append(cell(entry.projectId()))
                .append("<td class=\"mono\">")
                .append(Html.text(payment.path("id").asText()))
                .append("</td>")
                .append(cell(operation.path("type").asText()))
                .append(cell(amount(payment.path("sum"))))
                .append("<td class=\"")
                .append(cssClass(status))
                .append("\">")
                .append(Html.text(status))
                .append("</td>")
                .append(cell(code(operation)))
                .append("<td class=\"")
                .append(cssClass(signature))
                .append("\">")
                .append(Html.text(signature))
                .append(entry.signature() == SignatureCheck.Outcome.VALID ? "" : " ✗")
                .append("</td>")
                .append("<td class=\"mono\">")
                .append(vouchers(callback))
                .append("</td>")
                .append("</tr>\n");
    }

    /** The sale's voucher, or a payout's issued vouchers (already masked) with their face values. */
    private static String vouchers(JsonNode callback) {
        StringBuilder text = new StringBuilder();
        String account = callback.path("account").path("number").asText();
        if (!account.isEmpty()) {
            text.append(Html.text(account));
        }
        for (JsonNode voucher : callback.path("provider_extra_fields").path("vouchers")) {
            if (text.length() > 0) {
                text.append("<br>");
            }
            text.append(Html.text(voucher.path("voucherNumber").asText()))
                    .append(" code ")
                    .append(Html.text(voucher.path("securityCode").asText()))
                    .append(" · ")
                    .append(Html.text(amount(voucher)))
                    .append(" · expires ")
                    .append(Html.text(voucher.path("expiration").asText()));
        }
        return text.toString();
    }

    private static String code(JsonNode operation) {
        String code = operation.path("code").asText();
        String message = operation.path("message").asText();
        return message.isEmpty() ? code : code + " " + message;
    }

    /** {@code {"amount": 125000, "currency": "EUR"}} as "1250.00 EUR"; the raw values if they are not money. */
    static String amount(JsonNode sum) {
        if (!sum.path("amount").canConvertToLong() || !sum.path("currency").isTextual()) {
            return sum.path("amount").asText() + " " + sum.path("currency").asText();
        }
        try {
            return Money.ofMinor(
                            sum.path("amount").asLong(), sum.path("currency").asText())
                    .toString();
        } catch (RuntimeException notACurrency) {
            return sum.path("amount").asText() + " " + sum.path("currency").asText();
        }
    }

    private static String cssClass(String word) {
        return word.matches("[a-z]+") ? word : "";
    }

    private static String cell(String text) {
        return "<td>" + Html.text(text) + "</td>";
    }
}
