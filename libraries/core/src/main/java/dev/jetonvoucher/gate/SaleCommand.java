package dev.jetonvoucher.gate;

import dev.jetonvoucher.model.VoucherData;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.project.Project;
import java.net.URI;

/**
 * A validated, signature-checked purchase with a voucher.
 *
 * @param callbackUrl the request's own callback URL ({@code general.merchant_callback_url}); null for the project's
 */
public record SaleCommand(
        Project project,
        PaymentKey key,
        Money amount,
        String customerId,
        String customerIp,
        VoucherData voucher,
        String description,
        URI callbackUrl) {

    /** A purchase whose callbacks go to the project's callback URL (the Payment Page's). */
    public SaleCommand(
            Project project,
            PaymentKey key,
            Money amount,
            String customerId,
            String customerIp,
            VoucherData voucher,
            String description) {
        this(project, key, amount, customerId, customerIp, voucher, description, null);
    }

    @Override
    public String toString() {
        return "SaleCommand[" + key + ", " + amount.toMajorString() + " " + amount.currency() + ", " + voucher + "]";
    }
}
