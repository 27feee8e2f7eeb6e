package dev.jetonvoucher.payment;

/** A payment's identity: {@code payment_id} is unique only within its project. */
public record PaymentKey(long projectId, String paymentId) {

    public PaymentKey {
        if (paymentId == null || paymentId.isEmpty()) {
            throw new IllegalArgumentException("payment_id is empty");
        }
    }

    @Override
    public String toString() {
        return projectId + "/" + paymentId;
    }
}
