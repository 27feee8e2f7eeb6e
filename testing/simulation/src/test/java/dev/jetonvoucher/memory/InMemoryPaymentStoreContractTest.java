package dev.jetonvoucher.memory;

import dev.jetonvoucher.contract.PaymentStoreContract;
import dev.jetonvoucher.payment.BalanceStore;
import dev.jetonvoucher.payment.PaymentStore;
import java.time.Clock;

class InMemoryPaymentStoreContractTest extends PaymentStoreContract {

    private final InMemoryPaymentStore store = new InMemoryPaymentStore(Clock.systemUTC());

    @Override
    protected PaymentStore payments() {
        return store;
    }

    @Override
    protected BalanceStore balances() {
        return store;
    }

    @Override
    protected PaymentStore paymentsWithClock(Clock clock) {
        return new InMemoryPaymentStore(clock);
    }
}
