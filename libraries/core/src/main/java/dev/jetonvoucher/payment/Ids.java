package dev.jetonvoucher.payment;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * Platform identifiers: numeric operation ids (as ECommPay's) and hexadecimal request ids.
 *
 * <p>An operation id is unique because the {@link PaymentStore} claims it in the same write that creates the
 * payment ({@link PaymentStore.CreateOutcome#OPERATION_ID_TAKEN}); the acceptance draws another one on a clash. What
 * this class adds is cheap clash avoidance: within one process the ids of one millisecond count up from a random
 * start, so only ids of different processes (containers) can meet, with probability about 1/1000 per pair accepted
 * in the same millisecond.
 *
 * <p>Both kinds come from {@link SecureRandom}, never from {@code ThreadLocalRandom} or {@code Random}: with SnapStart
 * every restored container starts from the same snapshot, and only SecureRandom is reseeded on restore in Lambda's
 * Java runtimes, so containers scaled out together would otherwise draw the same "random" ids in the same order.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IDS_PER_MILLISECOND = 1000;

    /** The counter every Ids of a process shares (the sandbox runs the sale and payout functions in one JVM). */
    private static final Sequence PROCESS_SEQUENCE = new Sequence(RANDOM);

    private final Clock clock;
    private final Sequence sequence;

    /** Operation ids from this process's shared sequence. */
    public Ids(Clock clock) {
        this(clock, PROCESS_SEQUENCE);
    }

    /** Operation ids drawn with this random source, as a process of their own (tests force clashes with it). */
    Ids(Clock clock, RandomGenerator random) {
        this(clock, new Sequence(random));
    }

    private Ids(Clock clock, Sequence sequence) {
        this.clock = clock;
        this.sequence = sequence;
    }

    /**
     * Ids as another process (container) would draw them: a sequence of their own, so they may clash with this
     * process's ids. Simulations of several containers use it.
     */
    public static Ids ofSeparateProcess(Clock clock) {
        return new Ids(clock, new Sequence(new SecureRandom()));
    }

    /**
     * Milliseconds since the epoch followed by three digits: 16 digits, rising with time, below 2^53 so that
     * JavaScript merchants read them exactly. Within one sequence they never repeat: the digits of one millisecond
     * count up from a random start. Across processes they may; the payment store refuses the second use.
     *
     * @throws IllegalStateException if a thousand ids were already drawn in this millisecond
     */
    public long newOperationId() {
        return sequence.next(clock.millis(), false);
    }

    /**
     * Another operation id after the last one turned out to be taken by another process: drawn from a new random
     * place, so that two processes that started their millisecond at the same suffix part ways.
     */
    public long newOperationIdAfterClash() {
        return sequence.next(clock.millis(), true);
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

    /**
     * The ids of one millisecond: from a random start counting up (mod 1000), skipping suffixes this sequence
     * issued already; after a clash it jumps to a new random place, so two containers that happened to start
     * together do not keep meeting.
     */
    private static final class Sequence {

        private final RandomGenerator random;
        private final BitSet issued = new BitSet(IDS_PER_MILLISECOND);
        private long currentMillisecond = Long.MIN_VALUE;
        private int nextSuffix;

        Sequence(RandomGenerator random) {
            this.random = random;
        }

        synchronized long next(long millisecond, boolean jump) {
            if (millisecond != currentMillisecond) {
                currentMillisecond = millisecond;
                issued.clear();
                nextSuffix = random.nextInt(IDS_PER_MILLISECOND);
            } else if (jump) {
                nextSuffix = random.nextInt(IDS_PER_MILLISECOND);
            }
            if (issued.cardinality() == IDS_PER_MILLISECOND) {
                throw new IllegalStateException(
                        "more than " + IDS_PER_MILLISECOND + " operation ids in one millisecond");
            }
            while (issued.get(nextSuffix)) {
                nextSuffix = (nextSuffix + 1) % IDS_PER_MILLISECOND;
            }
            issued.set(nextSuffix);
            long id = millisecond * IDS_PER_MILLISECOND + nextSuffix;
            nextSuffix = (nextSuffix + 1) % IDS_PER_MILLISECOND;
            return id;
        }
    }
}
