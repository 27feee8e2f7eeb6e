package dev.jetonvoucher.workflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.IssuedVoucher;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.provider.ProviderVoucher;
import dev.jetonvoucher.signing.Signer;
import dev.jetonvoucher.time.UtcText;
import java.time.Instant;
import java.util.List;

/**
 * The payment as the merchant sees it: the result callback (standard ECommPay shape, one {@code operation})
 * and the status-request answer (the same with {@code operations[]}), both signed with the project's secret
 * at the top level, exactly as the official SDKs verify.
 */
public final class PaymentDocuments {

    public static final int PROVIDER_ID = 1084;
    public static final String METHOD_NAME = "Jeton Voucher";

    private PaymentDocuments() {}

    /**
     * The result callback of a finished payment. For a successful payout {@code vouchersWithCodes} are the
     * issued vouchers as the provider handed them out, security codes included (the one place they appear).
     */
    public static ObjectNode callback(Payment payment, Project project, List<ProviderVoucher> vouchersWithCodes) {
        ObjectNode body = header(payment, project);
        body.set("operation", operation(payment));
        if (!vouchersWithCodes.isEmpty()) {
            ArrayNode vouchers = body.putObject("provider_extra_fields").putArray("vouchers");
            for (ProviderVoucher voucher : vouchersWithCodes) {
                ObjectNode item = voucherItem(vouchers, voucher.number(), voucher.createdAt(), voucher.expiresAt());
                item.put("securityCode", voucher.securityCode());
                item.put("amount", voucher.faceValue().minorUnits());
                item.put("currency", voucher.faceValue().currency().code());
            }
        }
        return new Signer(project.secretKey()).signTopLevel(body);
    }

    /** The answer to a status request: the payment with its operations; issued vouchers without security codes. */
    public static ObjectNode status(Payment payment, Project project) {
        ObjectNode body = header(payment, project);
        body.putArray("operations").add(operation(payment));
        if (!payment.vouchers().isEmpty()) {
            ArrayNode vouchers = body.putObject("provider_extra_fields").putArray("vouchers");
            for (IssuedVoucher voucher : payment.vouchers()) {
                ObjectNode item = voucherItem(vouchers, voucher.number(), voucher.createdAt(), voucher.expiresAt());
                item.put("amount", voucher.faceValue().minorUnits());
                item.put("currency", voucher.faceValue().currency().code());
            }
        }
        return new Signer(project.secretKey()).signTopLevel(body);
    }

    public static String date(Instant instant) {
        return UtcText.document(instant);
    }

    private static ObjectNode header(Payment payment, Project project) {
        ObjectNode body = Json.object();
        body.put("project_id", project.projectId());
        ObjectNode paymentNode = body.putObject("payment");
        paymentNode.put("id", payment.key().paymentId());
        paymentNode.put("type", payment.type().wire());
        paymentNode.put("status", payment.status().wire());
        paymentNode.put("date", date(payment.updatedAt()));
        paymentNode.put("method", METHOD_NAME);
        sum(paymentNode.putObject("sum"), payment.amount());
        paymentNode.put(
                "description",
                payment.description() != null
                        ? payment.description()
                        : payment.key().paymentId());
        if (payment.accountNumber() != null) {
            body.putObject("account").put("number", payment.accountNumber());
        }
        body.putObject("customer").put("id", payment.customerId());
        return body;
    }

    private static ObjectNode operation(Payment payment) {
        ObjectNode operation = Json.object();
        operation.put("id", payment.operationId());
        operation.put("type", payment.operationType().wire());
        operation.put("status", payment.status().wire());
        operation.put("date", date(payment.updatedAt()));
        operation.put("created_date", date(payment.createdAt()));
        operation.put("request_id", payment.requestId());
        sum(operation.putObject("sum_initial"), payment.amount());
        sum(operation.putObject("sum_converted"), payment.amount());
        ObjectNode provider = operation.putObject("provider");
        provider.put("id", PROVIDER_ID);
        provider.put("payment_id", payment.providerPaymentId() == null ? "" : payment.providerPaymentId());
        if (payment.providerDate() != null) {
            provider.put("date", date(payment.providerDate()));
        }
        provider.put("auth_code", "");
        if (payment.resultCode() != null) {
            operation.put("code", payment.resultCode());
            operation.put("message", payment.resultMessage());
        }
        return operation;
    }

    private static ObjectNode voucherItem(ArrayNode vouchers, String number, Instant createdAt, Instant expiresAt) {
        ObjectNode item = vouchers.addObject();
        item.put("voucherNumber", number);
        item.put("expiration", UtcText.documentWithColon(expiresAt));
        item.put("createDate", date(createdAt));
        return item;
    }

    private static void sum(ObjectNode node, Money money) {
        node.put("amount", money.minorUnits());
        node.put("currency", money.currency().code());
    }
}
