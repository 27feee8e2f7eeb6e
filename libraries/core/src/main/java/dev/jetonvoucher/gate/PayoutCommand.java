package dev.jetonvoucher.gate;

import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.project.Project;
import java.net.URI;

/**
 * A validated, signature-checked payout.
 *
 * @param callbackUrl the request's own callback URL ({@code general.merchant_callback_url}); null for the project's
 */
public record PayoutCommand(
        Project project,
        PaymentKey key,
        Money amount,
        String customerId,
        String customerIp,
        String description,
        URI callbackUrl) {

    /** A payout whose callbacks go to the project's callback URL. */
    public PayoutCommand(
            Project project, PaymentKey key, Money amount, String customerId, String customerIp, String description) {
        this(project, key, amount, customerId, customerIp, description, null);
    }
}
