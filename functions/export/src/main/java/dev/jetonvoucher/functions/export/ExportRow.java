package dev.jetonvoucher.functions.export;

import dev.jetonvoucher.model.VoucherNumbers;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.Payment;
import java.time.Instant;
import java.util.List;

/**
 * One payment and its operation as an accountant reads them: ids, dates (UTC), type, status, the amount in major
 * units with its currency, the result code and message, and the voucher number by its last four digits only.
 *
 * @param completedAt when the operation reached its final status; null while processing
 */
record ExportRow(String paymentId, long operationId, String paymentType, String operationType, String status,
        Instant createdAt, Instant completedAt, Money amount, String code, String message, String account,
        String providerPaymentId, String description) {

    static final List<String> HEADERS = List.of("Payment ID", "Operation ID", "Payment type", "Operation type", "Status",
            "Created (UTC)", "Completed (UTC)", "Amount", "Currency", "Code", "Message", "Account",
            "Provider payment ID", "Description");

    static ExportRow of(Payment payment) {
        return new ExportRow(payment.key().paymentId(), payment.operationId(), payment.type().wire(),
                payment.operationType().wire(), payment.status().wire(), payment.createdAt(),
                payment.isFinal() ? payment.updatedAt() : null, payment.amount(), payment.resultCode(),
                payment.resultMessage(), payment.accountNumber() == null ? null : VoucherNumbers.mask(payment.accountNumber()),
                payment.providerPaymentId(), payment.description());
    }
}
