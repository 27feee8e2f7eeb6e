package dev.jetonvoucher.payment;

/** The interface a payment came through. */
public enum Channel {
    GATE("gate"),
    PAYMENT_PAGE("payment_page");

    private final String wire;

    Channel(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Channel fromWire(String value) {
        for (Channel channel : values()) {
            if (channel.wire.equals(value)) {
                return channel;
            }
        }
        throw new IllegalArgumentException("unknown channel " + value);
    }
}
