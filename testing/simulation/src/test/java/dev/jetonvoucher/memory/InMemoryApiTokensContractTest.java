package dev.jetonvoucher.memory;

import dev.jetonvoucher.contract.ApiTokensContract;
import dev.jetonvoucher.project.ApiTokens;
import dev.jetonvoucher.project.InMemoryApiTokens;
import java.util.List;

class InMemoryApiTokensContractTest extends ApiTokensContract {

    @Override
    protected ApiTokens tokens() {
        return new InMemoryApiTokens(List.of(ANALYST));
    }
}
