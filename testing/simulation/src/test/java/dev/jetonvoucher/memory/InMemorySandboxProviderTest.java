package dev.jetonvoucher.memory;

import dev.jetonvoucher.contract.SandboxProviderContract;
import dev.jetonvoucher.provider.sandbox.VoucherLedger;

class InMemorySandboxProviderTest extends SandboxProviderContract {

    private final InMemoryVoucherLedger ledger = new InMemoryVoucherLedger();

    @Override
    protected VoucherLedger ledger() {
        return ledger;
    }
}
