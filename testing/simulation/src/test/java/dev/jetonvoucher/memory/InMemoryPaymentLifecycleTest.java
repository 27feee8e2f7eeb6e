package dev.jetonvoucher.memory;

import dev.jetonvoucher.contract.PaymentLifecycleContract;
import dev.jetonvoucher.payment.PaymentStore;
import java.time.Clock;

class InMemoryPaymentLifecycleTest extends PaymentLifecycleContract {

    private final InMemoryPaymentStore store = new InMemoryPaymentStore(Clock.systemUTC());

    @Override
    protected PaymentStore payments() {
        return store;
    }
}
