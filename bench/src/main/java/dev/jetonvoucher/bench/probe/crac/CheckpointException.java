package dev.jetonvoucher.bench.probe.crac;

/** jdk.crac.CheckpointException's shape. */
public class CheckpointException extends Exception {

    private static final long serialVersionUID = 1L;

    public CheckpointException() {
        super();
    }
}
