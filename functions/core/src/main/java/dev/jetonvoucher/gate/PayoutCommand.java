package dev.jetonvoucher.gate;

import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.project.Project;

/** A validated, signature-checked payout. */
public record PayoutCommand(Project project, PaymentKey key, Money amount, String customerId, String customerIp,
        String description) {
}
