package dev.jetonvoucher.memory;

import dev.jetonvoucher.contract.SandboxProviderCancelAndReverseContract;
import dev.jetonvoucher.provider.sandbox.VoucherLedger;

class InMemorySandboxProviderCancelAndReverseContractTest extends SandboxProviderCancelAndReverseContract {

    private final InMemoryVoucherLedger ledger = new InMemoryVoucherLedger();

    @Override
    protected VoucherLedger ledger() {
        return ledger;
    }
}
