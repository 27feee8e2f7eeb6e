package dev.jetonvoucher.bench.probe.crac;

/** jdk.crac.RestoreException's shape. */
public class RestoreException extends Exception {

    private static final long serialVersionUID = 1L;

    public RestoreException() {
        super();
    }
}
