package dev.jetonvoucher.memory;

import dev.jetonvoucher.contract.AttemptCountersContract;
import dev.jetonvoucher.session.AttemptCounters;

class InMemoryAttemptCountersContractTest extends AttemptCountersContract {

    private final InMemoryAttemptCounters counters = new InMemoryAttemptCounters();

    @Override
    protected AttemptCounters counters() {
        return counters;
    }
}
