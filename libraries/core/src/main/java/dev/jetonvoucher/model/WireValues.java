package dev.jetonvoucher.model;

/** Shared error text for unknown wire values; the input is request data, so its echo is bounded. */
final class WireValues {

    private static final int MAX_ECHO = 32;

    private WireValues() {}

    static String unknown(String what, String wire) {
        if (wire == null) {
            return what + " is missing";
        }
        String shown = wire.length() > MAX_ECHO ? wire.substring(0, MAX_ECHO) + "..." : wire;
        return "unknown " + what + ": \"" + shown + '"';
    }
}
