package dev.jetonvoucher.local;

import org.testcontainers.junit.jupiter.Testcontainers;

/** The round-trip suite on LocalStack in a container; skipped where no Docker engine is reachable. */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackRoundTripTest extends RoundTripContract {

    @Override
    LocalAwsEndpoint openEndpoint() {
        return LocalAwsEndpoint.startLocalStack();
    }

    @Override
    String expectedKind() {
        return "localstack";
    }
}
