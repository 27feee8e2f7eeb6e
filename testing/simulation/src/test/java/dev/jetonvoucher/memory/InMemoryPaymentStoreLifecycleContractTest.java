package dev.jetonvoucher.memory;

import dev.jetonvoucher.contract.PaymentStoreLifecycleContract;
import dev.jetonvoucher.payment.PaymentStore;
import java.time.Clock;

class InMemoryPaymentStoreLifecycleContractTest extends PaymentStoreLifecycleContract {

    private final InMemoryPaymentStore store = new InMemoryPaymentStore(Clock.systemUTC());

    @Override
    protected PaymentStore payments() {
        return store;
    }
}
