package dev.jetonvoucher.model;

/** {@code payment.type} in callbacks and status responses. */
public enum PaymentType {
    PURCHASE("purchase"),
    PAYOUT("payout");

    private final String wire;

    PaymentType(String wire) {
        this.wire = wire;
    }

    /** The value as it appears in ECommPay JSON. */
    public String wire() {
        return wire;
    }

    /** The operation that carries this payment: a purchase is a {@code sale}, a payout a {@code payout}. */
    public OperationType operationType() {
        return this == PURCHASE ? OperationType.SALE : OperationType.PAYOUT;
    }

    /**
     * @throws IllegalArgumentException if {@code wire} is not exactly one of the wire values
     */
    public static PaymentType fromWire(String wire) {
        for (PaymentType type : values()) {
            if (type.wire.equals(wire)) {
                return type;
            }
        }
        throw new IllegalArgumentException(WireValues.unknown("payment type", wire));
    }
}
