package dev.jetonvoucher.memory;

import dev.jetonvoucher.contract.VoucherLedgerContract;
import dev.jetonvoucher.provider.sandbox.VoucherLedger;

class InMemoryVoucherLedgerContractTest extends VoucherLedgerContract {

    private final InMemoryVoucherLedger ledger = new InMemoryVoucherLedger();

    @Override
    protected VoucherLedger ledger() {
        return ledger;
    }
}
