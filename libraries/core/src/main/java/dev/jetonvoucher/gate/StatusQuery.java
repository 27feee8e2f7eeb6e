package dev.jetonvoucher.gate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.workflow.PaymentDocuments;

/** The status request: a signed {@code general{project_id, payment_id}} answered with the signed payment. */
public final class StatusQuery {

    private final GateRequests requests;
    private final PaymentStore payments;

    public StatusQuery(GateRequests requests, PaymentStore payments) {
        this.requests = requests;
        this.payments = payments;
    }

    /** @throws GateRejection for a bad request or an unknown payment (3061) */
    public ObjectNode status(String body) {
        GateRequests.SignedRequest request = requests.statusRequest(body);
        PaymentKey key = request.key();
        Payment payment = payments.find(key)
                .orElseThrow(() -> new GateRejection(
                        ResultCode.TRANSACTION_NOT_FOUND,
                        "general.payment_id",
                        "no payment " + key.paymentId() + " in project " + key.projectId()));
        return PaymentDocuments.status(payment, request.project());
    }
}
