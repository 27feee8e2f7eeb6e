package dev.jetonvoucher.payment;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Platform identifiers: numeric operation ids (as ECommPay's) and hexadecimal request ids.
 *
 * <p>Both come from {@link SecureRandom}, never from {@code ThreadLocalRandom} or {@code Random}: with SnapStart every
 * restored container starts from the same snapshot, and only SecureRandom is reseeded on restore in Lambda's Java
 * runtimes, so containers scaled out together would otherwise draw the same "random" ids in the same order.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IDS_PER_MILLISECOND = 1000;

    /** The millisecond the last operation id was drawn in, JVM-wide: every Ids of a process shares it. */
    private static long currentMillisecond = Long.MIN_VALUE;
    private static int firstSuffix;
    private static int issuedThisMillisecond;

    private final Clock clock;

    public Ids(Clock clock) {
        this.clock = clock;
    }

    /**
     * Milliseconds since the epoch followed by three digits: 16 digits, rising with time, below 2^53 so that
     * JavaScript merchants read them exactly. Within one process they never repeat: the digits of one millisecond
     * count up from a random start, so two payments accepted in the same millisecond (two threads of the sandbox,
     * or the sale and payout functions in one JVM) still get distinct ids. Across containers the random start makes
     * a clash unlikely, and the provider refuses an operation id it already knows for another payment.
     *
     * @throws IllegalStateException if a thousand ids were already drawn in this millisecond
     */
    public long newOperationId() {
        long millisecond = clock.millis();
        synchronized (Ids.class) {
            if (millisecond != currentMillisecond) {
                currentMillisecond = millisecond;
                firstSuffix = RANDOM.nextInt(IDS_PER_MILLISECOND);
                issuedThisMillisecond = 0;
            }
            if (issuedThisMillisecond == IDS_PER_MILLISECOND) {
                throw new IllegalStateException("more than " + IDS_PER_MILLISECOND + " operation ids in one millisecond");
            }
            int suffix = (firstSuffix + issuedThisMillisecond++) % IDS_PER_MILLISECOND;
            return millisecond * IDS_PER_MILLISECOND + suffix;
        }
    }

    /** When an operation id was drawn (its millisecond prefix): the moment its payment was accepted. */
    public static java.time.Instant issuedAt(long operationId) {
        return java.time.Instant.ofEpochMilli(operationId / IDS_PER_MILLISECOND);
    }

    /** 48 hexadecimal characters, like the request ids in ECommPay callbacks. */
    public String newRequestId() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
