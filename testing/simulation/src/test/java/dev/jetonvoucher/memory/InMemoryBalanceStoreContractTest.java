package dev.jetonvoucher.memory;

import dev.jetonvoucher.contract.BalanceStoreContract;
import dev.jetonvoucher.payment.BalanceStore;
import java.time.Clock;

class InMemoryBalanceStoreContractTest extends BalanceStoreContract {

    private final InMemoryPaymentStore store = new InMemoryPaymentStore(Clock.systemUTC());

    @Override
    protected BalanceStore balances() {
        return store;
    }
}
