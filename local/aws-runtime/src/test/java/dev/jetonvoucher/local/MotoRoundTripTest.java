package dev.jetonvoucher.local;

/** The round-trip suite on a moto server this class starts (and stops): the endpoint used where there is no Docker. */
class MotoRoundTripTest extends RoundTripContract {

    @Override
    LocalAwsEndpoint openEndpoint() {
        return LocalAwsEndpoint.startMoto();
    }

    @Override
    String expectedKind() {
        return "moto";
    }
}
