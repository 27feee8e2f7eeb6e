package dev.jetonvoucher.aws;

import dev.jetonvoucher.contract.JetonProviderContract;
import dev.jetonvoucher.contract.MutableClock;
import dev.jetonvoucher.keys.CachedKeyRing;
import dev.jetonvoucher.keys.KeyRing;
import dev.jetonvoucher.provider.JetonProvider;
import dev.jetonvoucher.provider.sandbox.ProviderEmulatorRoutes;
import dev.jetonvoucher.provider.sandbox.SandboxJetonProvider;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The HTTP connector passes the provider port's contract against the emulator service's route set (on the DynamoDB
 * ledger, as the provider-emulator function runs it), signed requests and all.
 */
class HttpJetonProviderContractTest extends JetonProviderContract {

    static final String KEY = "http-connector-contract-key-0123456789";
    private static LocalResources aws;

    private final MutableClock clock = new MutableClock(START);
    private EmulatorServer server;

    @BeforeAll
    static void deploy() {
        aws = LocalResources.deploy(HttpJetonProviderContractTest.class);
    }

    @Override
    protected JetonProvider provider() {
        CachedKeyRing keys = CachedKeyRing.fixed(KeyRing.of(KEY));
        SandboxJetonProvider emulator = new SandboxJetonProvider(
                new DynamoVoucherLedger(aws.dynamoDb(), aws.table("VoucherLedgerTable")),
                (notification, delay) -> {},
                keys,
                BEHAVIOURS,
                clock);
        try {
            server = new EmulatorServer(new ProviderEmulatorRoutes(emulator, keys, clock));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new HttpJetonProvider(server.baseUrl(), keys, HttpJetonProvider.Settings.DEFAULTS, clock);
    }

    @Override
    protected void advance(Duration duration) {
        clock.advance(duration);
    }

    @AfterEach
    void stop() {
        server.close();
    }
}
