package dev.jetonvoucher.local;

/** Run in a child JVM by LocalAwsEndpointTest: starts moto, prints its pid, and waits to be killed. */
public final class MotoHoldingMain {

    static final String PID_LINE = "moto pid ";

    private MotoHoldingMain() {}

    public static void main(String[] args) throws InterruptedException {
        LocalAwsEndpoint moto = LocalAwsEndpoint.startMoto();
        System.out.println(PID_LINE + moto.motoProcess().orElseThrow().pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
