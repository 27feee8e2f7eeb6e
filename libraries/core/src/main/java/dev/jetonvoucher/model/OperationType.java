package dev.jetonvoucher.model;

/** {@code operation.type} in callbacks and status responses. */
public enum OperationType {
    SALE("sale"),
    PAYOUT("payout");

    private final String wire;

    OperationType(String wire) {
        this.wire = wire;
    }

    /** The value as it appears in ECommPay JSON. */
    public String wire() {
        return wire;
    }

    /**
     * @throws IllegalArgumentException if {@code wire} is not exactly one of the wire values
     */
    public static OperationType fromWire(String wire) {
        for (OperationType type : values()) {
            if (type.wire.equals(wire)) {
                return type;
            }
        }
        throw new IllegalArgumentException(WireValues.unknown("operation type", wire));
    }
}
