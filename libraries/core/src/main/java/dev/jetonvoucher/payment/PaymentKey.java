package dev.jetonvoucher.payment;

/** A payment's identity: {@code payment_id} is unique only within its project. */
public record PaymentKey(long projectId, String paymentId) {

    public PaymentKey {
        if (paymentId == null || paymentId.isEmpty()) {
            throw new IllegalArgumentException("payment_id is empty");
        }
    }

    // equals and hashCode are written out (as a record generates them) because the generated ones bootstrap
    // java.lang.runtime.ObjectMethods on their first call: 15-20 ms of a function's cold start (bench/analysis.md).
    @Override
    public boolean equals(Object other) {
        return other instanceof PaymentKey key && key.projectId == projectId && key.paymentId.equals(paymentId);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(projectId) + paymentId.hashCode();
    }

    @Override
    public String toString() {
        return projectId + "/" + paymentId;
    }
}
