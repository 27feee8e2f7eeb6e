package dev.jetonvoucher.gate;

import dev.jetonvoucher.model.VoucherData;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.project.Project;

/** A validated, signature-checked purchase with a voucher. */
public record SaleCommand(Project project, PaymentKey key, Money amount, String customerId, String customerIp,
        VoucherData voucher, String description) {

    @Override
    public String toString() {
        return "SaleCommand[" + key + ", " + amount.toMajorString() + " " + amount.currency() + ", " + voucher + "]";
    }
}
