package dev.jetonvoucher.memory;

import dev.jetonvoucher.contract.SessionStoreContract;
import dev.jetonvoucher.session.SessionStore;

class InMemorySessionStoreContractTest extends SessionStoreContract {

    private final InMemorySessionStore store = new InMemorySessionStore();

    @Override
    protected SessionStore sessions() {
        return store;
    }
}
