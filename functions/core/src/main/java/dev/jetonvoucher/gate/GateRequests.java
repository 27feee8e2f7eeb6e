package dev.jetonvoucher.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetonvoucher.model.InvalidVoucherDataException;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.model.VoucherData;
import dev.jetonvoucher.model.VoucherValidator;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.money.InvalidCurrencyException;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.money.VoucherLimits;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.ProjectDirectory;
import dev.jetonvoucher.signing.SignatureCheck;
import dev.jetonvoucher.signing.Signer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * Reads Gate request bodies the way the platform checks them, in this order: JSON (2003), project
 * (2004/2442), signature (3262/3261), required fields (2004, naming the field), then values: payment id
 * (3024), currency (3121, also when not enabled for the project), amount limits (3358 below 10.00, 2642
 * above what a voucher holds or a payout may pay), voucher data (502, naming the field).
 */
public final class GateRequests {

    /** The largest payout, in vouchers of at most 500.00: keeps one payout within one ledger transaction. */
    public static final int MAX_PAYOUT_VOUCHERS = 50;
    public static final int MAX_BODY_CHARS = 64 * 1024;
    private static final int MAX_PAYMENT_ID_LENGTH = 255;
    private static final int MAX_TEXT_LENGTH = 255;
    private static final Pattern IPV4 = Pattern.compile(
            "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(MAX_BODY_CHARS).maxNumberLength(40).build());
    }

    private final ProjectDirectory projects;
    private final Clock clock;

    public GateRequests(ProjectDirectory projects, Clock clock) {
        this.projects = projects;
        this.clock = clock;
    }

    public SaleCommand sale(String body) {
        SignedRequest request = authenticate(body);
        JsonNode root = request.body();
        PaymentKey key = paymentKey(request);
        JsonNode customer = requiredObject(root, "customer");
        String customerId = requiredText(customer, "customer.id", "id");
        String customerIp = ipAddress(customer);
        JsonNode account = requiredObject(root, "account");
        String number = requiredText(account, "account.number", "number");
        String expiration = requiredText(account, "account.expiration", "expiration");
        String securityCode = requiredText(account, "account.security_code", "security_code");
        Money amount = amount(root, request.project());
        if (amount.isGreaterThan(VoucherLimits.maxFaceValue(amount.currency()))) {
            throw new GateRejection(ResultCode.AMOUNT_GREATER_THAN_LIMIT, "payment.amount",
                    "a voucher holds at most " + VoucherLimits.maxFaceValue(amount.currency()).toMajorString() + " "
                            + amount.currency());
        }
        VoucherData voucher;
        try {
            voucher = VoucherValidator.validate(number, expiration, securityCode, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        } catch (InvalidVoucherDataException e) {
            throw new GateRejection(ResultCode.VALIDATION_ERROR, e.field(), e.getMessage());
        }
        return new SaleCommand(request.project(), key, amount, customerId, customerIp, voucher, description(root));
    }

    public PayoutCommand payout(String body) {
        SignedRequest request = authenticate(body);
        JsonNode root = request.body();
        PaymentKey key = paymentKey(request);
        JsonNode customer = requiredObject(root, "customer");
        String customerId = requiredText(customer, "customer.id", "id");
        String customerIp = ipAddress(customer);
        Money amount = amount(root, request.project());
        Money largest = Money.ofMinor(VoucherLimits.maxFaceValue(amount.currency()).minorUnits() * MAX_PAYOUT_VOUCHERS,
                amount.currency().code());
        if (amount.isGreaterThan(largest)) {
            throw new GateRejection(ResultCode.AMOUNT_GREATER_THAN_LIMIT, "payment.amount",
                    "a payout pays at most " + largest.toMajorString() + " " + amount.currency());
        }
        return new PayoutCommand(request.project(), key, amount, customerId, customerIp, description(root));
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
            return new PaymentKey(project.projectId(), body.path("general").path("payment_id").asText());
        }
    }

    /** Parses the body, finds the project and checks the signature: everything else is only read after this. */
    public SignedRequest authenticate(String body) {
        if (body == null || body.isBlank()) {
            throw new GateRejection(ResultCode.INVALID_JSON, null, "the request body is empty");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new GateRejection(ResultCode.INVALID_JSON, null, "the request body exceeds " + MAX_BODY_CHARS + " characters");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new GateRejection(ResultCode.INVALID_JSON, null, "the body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new GateRejection(ResultCode.INVALID_JSON, null, "the body must be a JSON object");
        }
        JsonNode general = requiredObject(root, "general");
        JsonNode projectNode = general.get("project_id");
        if (projectNode == null || projectNode.isNull() || (projectNode.isTextual() && projectNode.asText().isEmpty())) {
            throw GateRejection.missing("general.project_id");
        }
        long projectId = projectId(projectNode);
        Project project = projects.find(projectId).orElseThrow(() -> new GateRejection(ResultCode.PROJECT_NOT_FOUND,
                "general.project_id", "project " + projectId + " is not known"));
        SignatureCheck check = new Signer(project.secretKey()).check(root);
        switch (check.outcome()) {
            case MISSING -> throw new GateRejection(ResultCode.EMPTY_SIGNATURE, "general.signature", null);
            case INVALID -> throw new GateRejection(ResultCode.INVALID_SIGNATURE, "general.signature", null);
            default -> {
                // VALID: go on
            }
        }
        return new SignedRequest(project, root);
    }

    private static long projectId(JsonNode node) {
        String text = node.isTextual() ? node.asText() : node.canConvertToExactIntegral() ? node.asText() : null;
        if (text == null || !text.matches("[1-9][0-9]{0,17}")) {
            throw new GateRejection(ResultCode.PROJECT_NOT_FOUND, "general.project_id",
                    "general.project_id must be a positive integer");
        }
        return Long.parseLong(text);
    }

    private static PaymentKey paymentKey(SignedRequest request) {
        JsonNode id = request.body().path("general").get("payment_id");
        if (id == null || id.isNull() || (id.isTextual() && id.asText().isEmpty())) {
            throw GateRejection.missing("general.payment_id");
        }
        if (!(id.isTextual() || id.canConvertToExactIntegral()) || id.asText().length() > MAX_PAYMENT_ID_LENGTH
                || id.asText().isBlank() || hasControlCharacters(id.asText())) {
            throw new GateRejection(ResultCode.INVALID_PAYMENT_ID, "general.payment_id",
                    "general.payment_id must be a string of 1 to " + MAX_PAYMENT_ID_LENGTH + " printable characters");
        }
        return new PaymentKey(request.project().projectId(), id.asText());
    }

    private static Money amount(JsonNode root, Project project) {
        JsonNode payment = requiredObject(root, "payment");
        JsonNode amountNode = payment.get("amount");
        if (amountNode == null || amountNode.isNull()) {
            throw GateRejection.missing("payment.amount");
        }
        String currencyCode = requiredText(payment, "payment.currency", "currency");
        if (!amountNode.isIntegralNumber() || !amountNode.canConvertToLong() || amountNode.asLong() <= 0) {
            throw new GateRejection(ResultCode.VALIDATION_ERROR, "payment.amount",
                    "payment.amount must be a positive integer in minor units");
        }
        CurrencyUnit currency;
        try {
            currency = CurrencyUnit.of(currencyCode);
        } catch (InvalidCurrencyException e) {
            throw new GateRejection(ResultCode.INVALID_CURRENCY, "payment.currency", e.getMessage());
        }
        if (!project.accepts(currency)) {
            throw new GateRejection(ResultCode.INVALID_CURRENCY, "payment.currency",
                    currency + " is not enabled for project " + project.projectId());
        }
        Money amount = new Money(amountNode.asLong(), currency);
        Money minimum = VoucherLimits.minPaymentAmount(currency);
        if (amount.isLessThan(minimum)) {
            throw new GateRejection(ResultCode.AMOUNT_LESS_THAN_LIMIT, "payment.amount",
                    "the minimum is " + minimum.toMajorString() + " " + currency);
        }
        return amount;
    }

    private static String description(JsonNode root) {
        JsonNode description = root.path("payment").get("description");
        if (description == null || description.isNull()) {
            return null;
        }
        if (!description.isTextual() || description.asText().length() > MAX_TEXT_LENGTH) {
            throw new GateRejection(ResultCode.VALIDATION_ERROR, "payment.description",
                    "payment.description must be a string of at most " + MAX_TEXT_LENGTH + " characters");
        }
        return description.asText();
    }

    private static String ipAddress(JsonNode customer) {
        String ip = requiredText(customer, "customer.ip_address", "ip_address");
        boolean valid = IPV4.matcher(ip).matches() || (ip.contains(":") && IPV6.matcher(ip).matches());
        if (!valid) {
            throw new GateRejection(ResultCode.VALIDATION_ERROR, "customer.ip_address",
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
        if (!(node.isTextual() || node.canConvertToExactIntegral()) || node.asText().length() > MAX_TEXT_LENGTH) {
            throw new GateRejection(ResultCode.VALIDATION_ERROR, path,
                    path + " must be a string of at most " + MAX_TEXT_LENGTH + " characters");
        }
        return node.asText();
    }

    private static boolean hasControlCharacters(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }
}
