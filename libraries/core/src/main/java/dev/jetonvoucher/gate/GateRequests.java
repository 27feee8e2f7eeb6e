package dev.jetonvoucher.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.model.VoucherData;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.money.VoucherLimits;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.project.CallbackUrls;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.ProjectDirectory;
import dev.jetonvoucher.signing.Signer;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Reads Gate request bodies the way the platform checks them, in this order: JSON (2003), project
 * (2004/2442), signature (3262/3261), required fields (2004, naming the field), then values: payment id
 * (3024), currency (3121, also when not enabled for the project), amount limits (3358 below 10.00, 2642
 * above what a voucher holds or a payout may pay), voucher data (502, naming the field; a test project's vouchers
 * are checked for their form only), the payment's own callback URL (502).
 */
public final class GateRequests {

    /** The largest payout, in vouchers of at most 500.00: keeps one payout within one ledger transaction. */
    public static final int MAX_PAYOUT_VOUCHERS = 50;

    public static final int MAX_BODY_CHARS = 64 * 1024;
    private static final Pattern IPV4 =
            Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");
    private static final Json.Reader JSON = Json.limited(32, MAX_BODY_CHARS, 40);

    private final ProjectDirectory projects;
    private final Clock clock;

    public GateRequests(ProjectDirectory projects, Clock clock) {
        this.projects = projects;
        this.clock = clock;
    }

    public SaleCommand sale(String body) {
        PaymentRequest request = paymentRequest(body);
        JsonNode account = requiredObject(request.root(), "account");
        String number = requiredText(account, "account.number", "number");
        String expiration = requiredText(account, "account.expiration", "expiration");
        String securityCode = requiredText(account, "account.security_code", "security_code");
        Money amount = amount(request.root(), request.project());
        PaymentRules.requireWithinOneVoucher(amount, "payment.amount");
        VoucherData voucher = PaymentRules.voucher(
                request.project(),
                number,
                expiration,
                securityCode,
                LocalDate.now(clock.withZone(ZoneOffset.UTC)),
                "account.");
        return new SaleCommand(
                request.project(),
                request.key(),
                amount,
                request.customerId(),
                request.customerIp(),
                voucher,
                description(request.root()),
                merchantCallbackUrl(request.root()));
    }

    public PayoutCommand payout(String body) {
        PaymentRequest request = paymentRequest(body);
        Money amount = amount(request.root(), request.project());
        Money largest = Money.ofMinor(
                VoucherLimits.maxFaceValue(amount.currency()).minorUnits() * MAX_PAYOUT_VOUCHERS,
                amount.currency().code());
        if (amount.isGreaterThan(largest)) {
            throw new GateRejection(
                    ResultCode.AMOUNT_GREATER_THAN_LIMIT,
                    "payment.amount",
                    "a payout pays at most " + largest.toMajorString() + " " + amount.currency());
        }
        return new PayoutCommand(
                request.project(),
                request.key(),
                amount,
                request.customerId(),
                request.customerIp(),
                description(request.root()),
                merchantCallbackUrl(request.root()));
    }

    /** A status request: {@code general{project_id, payment_id, signature}}. */
    public SignedRequest statusRequest(String body) {
        SignedRequest request = authenticate(body);
        paymentKey(request);
        return request;
    }

    /** A parsed body whose signature matched its project's secret. */
    public record SignedRequest(Project project, JsonNode body) {

        public PaymentKey key() {
            return new PaymentKey(
                    project.projectId(), body.path("general").path("payment_id").asText());
        }
    }

    /** Parses the body, finds the project and checks the signature: everything else is only read after this. */
    public SignedRequest authenticate(String body) {
        if (body == null || body.isBlank()) {
            throw new GateRejection(ResultCode.INVALID_JSON, null, "the request body is empty");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new GateRejection(
                    ResultCode.INVALID_JSON, null, "the request body exceeds " + MAX_BODY_CHARS + " characters");
        }
        JsonNode root;
        try {
            root = JSON.parse(body);
        } catch (JsonProcessingException e) {
            throw new GateRejection(ResultCode.INVALID_JSON, null, "the body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new GateRejection(ResultCode.INVALID_JSON, null, "the body must be a JSON object");
        }
        JsonNode general = requiredObject(root, "general");
        JsonNode projectNode = general.get("project_id");
        if (projectNode == null
                || projectNode.isNull()
                || (projectNode.isTextual() && projectNode.asText().isEmpty())) {
            throw GateRejection.missing("general.project_id");
        }
        String projectIdText =
                projectNode.isTextual() || projectNode.canConvertToExactIntegral() ? projectNode.asText() : null;
        Project project = PaymentRules.project(projects, projectIdText, "general.project_id");
        PaymentRules.requireValidSignature(new Signer(project.secretKey()).check(root), "general.signature");
        return new SignedRequest(project, root);
    }

    /** What a sale and a payout read first, in this order: the signed body, the payment id, the customer. */
    private record PaymentRequest(SignedRequest signed, PaymentKey key, String customerId, String customerIp) {

        JsonNode root() {
            return signed.body();
        }

        Project project() {
            return signed.project();
        }
    }

    private PaymentRequest paymentRequest(String body) {
        SignedRequest signed = authenticate(body);
        PaymentKey key = paymentKey(signed);
        JsonNode customer = requiredObject(signed.body(), "customer");
        String customerId = requiredText(customer, "customer.id", "id");
        return new PaymentRequest(signed, key, customerId, ipAddress(customer));
    }

    private static PaymentKey paymentKey(SignedRequest request) {
        JsonNode id = request.body().path("general").get("payment_id");
        if (id == null || id.isNull() || (id.isTextual() && id.asText().isEmpty())) {
            throw GateRejection.missing("general.payment_id");
        }
        if (!(id.isTextual() || id.canConvertToExactIntegral())) {
            throw new GateRejection(
                    ResultCode.INVALID_PAYMENT_ID,
                    "general.payment_id",
                    "general.payment_id must be a string of 1 to " + PaymentRules.MAX_PAYMENT_ID_LENGTH
                            + " printable characters");
        }
        return PaymentRules.paymentKey(request.project(), id.asText(), "general.payment_id");
    }

    private static Money amount(JsonNode root, Project project) {
        JsonNode payment = requiredObject(root, "payment");
        JsonNode amountNode = payment.get("amount");
        if (amountNode == null || amountNode.isNull()) {
            throw GateRejection.missing("payment.amount");
        }
        String currencyCode = requiredText(payment, "payment.currency", "currency");
        boolean positiveInteger =
                amountNode.isIntegralNumber() && amountNode.canConvertToLong() && amountNode.asLong() > 0;
        return PaymentRules.amount(
                project,
                positiveInteger ? OptionalLong.of(amountNode.asLong()) : OptionalLong.empty(),
                currencyCode,
                "payment.amount",
                "payment.currency");
    }

    private static String description(JsonNode root) {
        JsonNode description = root.path("payment").get("description");
        if (description == null || description.isNull()) {
            return null;
        }
        if (!description.isTextual()) {
            throw new GateRejection(
                    ResultCode.VALIDATION_ERROR,
                    "payment.description",
                    "payment.description must be a string of at most " + PaymentRules.MAX_TEXT_LENGTH + " characters");
        }
        return PaymentRules.optionalText(description.asText(), "payment.description");
    }

    /**
     * {@code general.merchant_callback_url}: where this payment's callbacks go instead of the project's callback URL,
     * under the same rule as the project's ({@link CallbackUrls}); 502 naming the field otherwise. Null when absent.
     */
    private static URI merchantCallbackUrl(JsonNode root) {
        String field = "general.merchant_callback_url";
        JsonNode url = root.path("general").get("merchant_callback_url");
        if (url == null || url.isNull() || (url.isTextual() && url.asText().isEmpty())) {
            return null;
        }
        if (!url.isTextual()) {
            throw new GateRejection(ResultCode.VALIDATION_ERROR, field, field + " must be a string");
        }
        try {
            return CallbackUrls.parse(url.asText());
        } catch (IllegalArgumentException e) {
            throw new GateRejection(ResultCode.VALIDATION_ERROR, field, field + " " + e.getMessage());
        }
    }

    private static String ipAddress(JsonNode customer) {
        String ip = requiredText(customer, "customer.ip_address", "ip_address");
        boolean valid = IPV4.matcher(ip).matches()
                || (ip.contains(":") && IPV6.matcher(ip).matches());
        if (!valid) {
            throw new GateRejection(
                    ResultCode.VALIDATION_ERROR,
                    "customer.ip_address",
                    "customer.ip_address must be an IPv4 or IPv6 address");
        }
        return ip;
    }

    private static JsonNode requiredObject(JsonNode parent, String path) {
        JsonNode node = parent.get(path.substring(path.lastIndexOf('.') + 1));
        if (node == null || node.isNull()) {
            throw GateRejection.missing(path);
        }
        if (!node.isObject()) {
            throw new GateRejection(ResultCode.VALIDATION_ERROR, path, path + " must be an object");
        }
        return node;
    }

    private static String requiredText(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isEmpty())) {
            throw GateRejection.missing(path);
        }
        if (!(node.isTextual() || node.canConvertToExactIntegral())) {
            throw new GateRejection(
                    ResultCode.VALIDATION_ERROR,
                    path,
                    path + " must be a string of at most " + PaymentRules.MAX_TEXT_LENGTH + " characters");
        }
        return PaymentRules.requireText(node.asText(), path);
    }
}
