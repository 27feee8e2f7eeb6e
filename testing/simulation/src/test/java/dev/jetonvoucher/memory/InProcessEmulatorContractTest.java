package dev.jetonvoucher.memory;

import dev.jetonvoucher.contract.JetonProviderContract;
import dev.jetonvoucher.contract.MutableClock;
import dev.jetonvoucher.provider.JetonProvider;
import dev.jetonvoucher.provider.sandbox.SandboxJetonProvider;
import java.time.Duration;

/** The in-process emulator (the default connector, the sandbox's fastest runs) passes the provider port's contract. */
class InProcessEmulatorContractTest extends JetonProviderContract {

    private final MutableClock clock = new MutableClock(START);

    @Override
    protected JetonProvider provider() {
        return new SandboxJetonProvider(
                new InMemoryVoucherLedger(),
                (notification, delay) -> {},
                "in-process-emulator-contract-key-0123456789",
                BEHAVIOURS,
                clock);
    }

    @Override
    protected void advance(Duration duration) {
        clock.advance(duration);
    }
}
