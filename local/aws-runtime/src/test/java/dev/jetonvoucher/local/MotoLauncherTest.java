package dev.jetonvoucher.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What moto_launcher.py changes in moto's serving fits the installed moto. The answers themselves are the
 * round-trip suite's business ({@link MotoRoundTripTest}: queue counts, transaction rollback), and what the changes
 * are for (speed) is measured by bench/, never asserted here: see bench/analysis.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MotoLauncherTest {

    private LocalAwsEndpoint moto;

    @BeforeAll
    void startMoto() {
        moto = LocalAwsEndpoint.startMoto();
    }

    @AfterAll
    void stopMoto() {
        moto.close();
    }

    @Test
    void everyChangeFitsTheInstalledMoto() {
        // A moto release that moves these internals leaves a change out (the launcher still starts): this says which.
        assertEquals(
                Set.of("module-list", "sqs-scans", "transaction-backup"),
                moto.motoPatches(),
                "moto_launcher.py could not apply all its changes to this moto; see the lines it printed");
    }
}
